package org.xapicenter.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.xapi.record.XapiRecord;

class AlertsModelTest {
    private CacheLink link;
    private AlertsModel alerts;
    private Connections connections;

    @BeforeEach
    void setUp() {
        connections = Harness.inlineConnections();
        alerts = new AlertsModel(connections);
        link = new CacheLink("lab", (m, a) -> null);
        connections.add(link);
        CacheFeeder.fill(link.cache(), Pools.smallPool());
    }

    private static XapiRecord message(String ref, String name, String priority, String cls, String uuid, String time, String body) {
        return Pools.record("message", ref, "name", name, "priority", priority, "cls", cls, "obj_uuid", uuid,
                "timestamp", time, "body", body);
    }

    @Test
    void alertsAreListedNewestFirstInWordsAndLeaveWhenDeleted() {
        String srUuid = link.cache().get(Pools.ref("sr-nfs")).uuid();
        CacheFeeder.put(link.cache(),
                message("OpaqueRef:m1", "SR_DISK_SPACE_LOW", "3", "SR", srUuid, "20260101T10:00:00Z", "87% full"),
                message("OpaqueRef:m2", "ALARM", "3", "Host", "nope", "20260101T11:00:00Z",
                        "value: 0.950000\nconfig:\n<variable>\n\t<name value=\"cpu_usage\"/>\n\t<alarm_trigger_level value=\"0.9\"/>\n</variable>"));
        assertThat(alerts.alerts()).extracting(a -> a.message().name()).containsExactly("ALARM", "SR_DISK_SPACE_LOW");
        AlertsModel.Alert disk = alerts.alerts().get(1);
        assertThat(AlertsModel.title(disk.message())).isEqualTo("SR disk space low");
        assertThat(disk.subject()).isEqualTo("NFS shared");
        assertThat(AlertsModel.severity(disk.message())).isEqualTo("Warning");
        AlertsModel.Alert alarm = alerts.alerts().get(0);
        assertThat(AlertsModel.summary(alarm.message())).isEqualTo("cpu_usage: 0.950000 (alarm at 0.9)");
        assertThat(alarm.subject()).isEqualTo("Host");

        CacheFeeder.delete(link.cache(), "OpaqueRef:m2");
        assertThat(alerts.alerts()).hasSize(1);
        connections.remove(connections.all().get(0));
        assertThat(alerts.alerts()).isEmpty();
    }
}
