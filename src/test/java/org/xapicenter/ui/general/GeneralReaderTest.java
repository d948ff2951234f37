package org.xapicenter.ui.general;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.tree.NavigationTreeModel;
import org.xapicenter.xapi.record.XapiRecord;

class GeneralReaderTest {
    private CacheLink link;
    private ConnectionModel connection;
    private NavigationTreeModel tree;

    @BeforeEach
    void setUp() {
        Connections connections = Harness.inlineConnections();
        tree = new NavigationTreeModel(connections);
        link = new CacheLink("lab", (m, a) -> null);
        connection = connections.add(link);
        CacheFeeder.fill(link.cache(), Pools.smallPool());
    }

    private GeneralSheet sheet(String ref) {
        return GeneralReader.read(tree.find(connection, ref).getValue());
    }

    @Test
    void runningVmWithGuestAgent() {
        XapiRecord vm = link.cache().get(Pools.ref("vm-web-01"));
        CacheFeeder.put(link.cache(),
                Pools.record("vm_metrics", "OpaqueRef:m", "memory_actual", Long.toString(4L << 30), "VCPUs_number", "4",
                        "start_time", "20260101T08:00:00Z"),
                Pools.record("vm_guest_metrics", "OpaqueRef:g", "os_version", Map.of("name", "Debian GNU/Linux 12|/dev/xvda1"),
                        "networks", Map.of("0/ip", "10.0.0.50", "0/ipv4/0", "10.0.0.50", "0/ipv6/0", "fe80::1")),
                Pools.with(vm, "metrics", "OpaqueRef:m", "guest_metrics", "OpaqueRef:g", "tags", List.of("web", "prod"),
                        "name_description", "Front web server"));
        GeneralSheet s = sheet(vm.ref());
        assertThat(s.title()).isEqualTo("web-01");
        assertThat(s.subtitle()).isEqualTo("Virtual machine · Running");
        assertThat(s.value("Power state")).isEqualTo("Running");
        assertThat(s.value("Operating system")).isEqualTo("Debian GNU/Linux 12");
        assertThat(s.value("IP addresses")).isEqualTo("10.0.0.50, fe80::1");
        assertThat(s.value("vCPUs")).isEqualTo("4");
        assertThat(s.value("Memory")).isEqualTo("4 GiB");
        assertThat(s.value("Running on")).isEqualTo("xcp-host-1");
        assertThat(s.value("Tags")).isEqualTo("web, prod");
        assertThat(s.value("Description")).isEqualTo("Front web server");
        assertThat(s.value("Started")).isNotBlank();
        assertThat(s.value("UUID")).isEqualTo(vm.uuid());
    }

    @Test
    void haltedVmWithoutAgent() {
        GeneralSheet s = sheet(Pools.ref("vm-db-01"));
        assertThat(s.value("Operating system")).startsWith("Unknown");
        assertThat(s.value("Home server")).isEqualTo("xcp-host-2");
        assertThat(s.value("Memory")).isEqualTo("2 GiB");
        assertThat(s.value("vCPUs")).isEqualTo("2");
        assertThat(s.value("Tags")).isEqualTo("None");
    }

    @Test
    void hostPoolSrAndNetwork() {
        GeneralSheet host = sheet(Pools.ref("host-1"));
        assertThat(host.value("Address")).isEqualTo("10.0.0.11");
        assertThat(host.value("Version")).isEqualTo("XCP-ng 8.2.1");
        assertThat(host.value("CPU")).isEqualTo("16 × Intel Xeon E5-2680");
        assertThat(host.value("Role")).isEqualTo("Pool coordinator");
        assertThat(host.value("Maintenance mode")).isEqualTo("No");

        GeneralSheet pool = sheet(Pools.ref("pool"));
        assertThat(pool.value("Coordinator")).isEqualTo("xcp-host-1");
        assertThat(pool.value("Default SR")).isEqualTo("NFS shared");

        GeneralSheet sr = sheet(Pools.ref("sr-local-1"));
        assertThat(sr.value("Type")).isEqualTo("Local LVM");
        assertThat(sr.value("Size")).isEqualTo("232.8 GiB used of 931.3 GiB (25%)");
        assertThat(sr.value("Shared")).isEqualTo("No");

        GeneralSheet net = sheet(Pools.ref("net-0"));
        assertThat(net.value("Bridge")).isEqualTo("xenbr0");
        assertThat(net.value("MTU")).isEqualTo("1500");
    }

    @Test
    void byteUnits() {
        assertThat(Units.bytes(512)).isEqualTo("512 B");
        assertThat(Units.bytes(1536L << 20)).isEqualTo("1.5 GiB");
        assertThat(Units.bytes(8L << 40)).isEqualTo("8 TiB");
    }
}
