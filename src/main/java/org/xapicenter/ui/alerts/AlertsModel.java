package org.xapicenter.ui.alerts;

import java.time.Instant;
import java.util.Comparator;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xapicenter.cache.CacheBatch;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.xapi.record.Message;

/** The Alerts list: the pools' {@code message} objects, newest first (FX thread). */
public final class AlertsModel {
    /** One alert and the connection it came from. */
    public record Alert(ConnectionModel connection, Message message) {
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
            for (Message m : c.link().cache().all(Message.class)) {
                insert(new Alert(c, m));
            }
            return;
        }
        for (CacheChange ch : batch.changes()) {
            if (!"message".equals(ch.xapiClass())) {
                continue;
            }
            alerts.removeIf(a -> a.connection() == c && a.message().ref().equals(ch.ref()));
            if (ch.after() instanceof Message m) {
                insert(new Alert(c, m));
            }
        }
    }

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
