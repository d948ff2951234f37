package org.xapicenter.ui.alerts;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xapicenter.cache.CacheBatch;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.xapi.record.Message;
import org.xapicenter.xapi.record.XapiRecord;

/** The Alerts list: the pools' {@code message} objects, newest first (FX thread). */
public final class AlertsModel {
    /**
     * One alert and the connection it came from.
     *
     * @param subject the name of the object the alert is about, or its class when unknown
     */
    public record Alert(ConnectionModel connection, Message message, String subject) {
        public Instant time() {
            Instant t = message.timestamp();
            return t == null ? Instant.EPOCH : t;
        }
    }

    private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::time).reversed();

    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();

    public AlertsModel(Connections connections) {
        connections.addBatchListener(this::onBatch);
        connections.all().addListener((javafx.collections.ListChangeListener<ConnectionModel>) ch -> {
            while (ch.next()) {
                for (ConnectionModel gone : ch.getRemoved()) {
                    alerts.removeIf(a -> a.connection() == gone);
                }
            }
        });
    }

    public ObservableList<Alert> alerts() {
        return alerts;
    }

    void onBatch(ConnectionModel c, CacheBatch batch) {
        if (batch.reset()) {
            alerts.removeIf(a -> a.connection() == c);
            for (XapiRecord r : c.link().cache().all("message")) {
                if (r instanceof Message m) {
                    insert(alert(c, m));
                }
            }
            return;
        }
        for (CacheChange ch : batch.changes()) {
            if (!"message".equals(ch.xapiClass())) {
                continue;
            }
            alerts.removeIf(a -> a.connection() == c && a.message().ref().equals(ch.ref()));
            if (ch.after() instanceof Message m) {
                insert(alert(c, m));
            }
        }
    }

    private static Alert alert(ConnectionModel c, Message m) {
        String cls = m.objClass().toLowerCase(Locale.ROOT);
        for (XapiRecord r : c.link().cache().all(cls)) {
            if (r.uuid().equals(m.objUuid()) && !r.nameLabel().isBlank()) {
                return new Alert(c, m, r.nameLabel());
            }
        }
        return new Alert(c, m, m.objClass());
    }

    /** {@code SR_DISK_SPACE_LOW} as "SR disk space low". */
    public static String title(Message m) {
        StringBuilder out = new StringBuilder();
        for (String w : m.name().toLowerCase(Locale.ROOT).split("_")) {
            if (w.isEmpty()) {
                continue;
            }
            String word = ACRONYMS.contains(w) ? w.toUpperCase(Locale.ROOT) : w;
            if (out.length() == 0) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            } else {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    /** The body on one line; performance alarms (an XML fragment) as "cpu_usage: 0.95 (alarm at 0.9)". */
    public static String summary(Message m) {
        String body = m.body();
        Matcher name = ALARM_NAME.matcher(body);
        Matcher value = ALARM_VALUE.matcher(body);
        if (name.find() && value.find()) {
            Matcher level = ALARM_LEVEL.matcher(body);
            return name.group(1) + ": " + value.group(1) + (level.find() ? " (alarm at " + level.group(1) + ")" : "");
        }
        return body.strip().replaceAll("\\s+", " ");
    }

    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("ha", "sr", "vm", "cpu", "vdi", "pbd", "pif", "vif", "ip", "iso");
    private static final Pattern ALARM_NAME = Pattern.compile("<name value=\"([^\"]+)\"");
    private static final Pattern ALARM_VALUE = Pattern.compile("value:\\s*([0-9.]+)");
    private static final Pattern ALARM_LEVEL = Pattern.compile("alarm_trigger_level value=\"([^\"]+)\"");

    private void insert(Alert a) {
        int i = 0;
        while (i < alerts.size() && NEWEST_FIRST.compare(alerts.get(i), a) <= 0) {
            i++;
        }
        alerts.add(i, a);
    }

    /** Severity as XAPI numbers it: 1-2 critical, 3 warning, 4-5 information. */
    public static String severity(Message m) {
        long p = m.priority();
        return p <= 0 ? "Information" : p <= 2 ? "Critical" : p == 3 ? "Warning" : "Information";
    }
}
