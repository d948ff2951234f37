package org.xapicenter.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.Harness.child;
import static org.xapicenter.ui.testing.Harness.childNames;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.XapiRecord;

/** The tree follows the cache batch by batch, through the real bridge (run inline). */
class PoolTreeModelTest {
    private CacheLink link;
    private NavigationTreeModel model;
    private ConnectionModel connection;

    @BeforeEach
    void setUp() {
        Connections connections = Harness.inlineConnections();
        model = new NavigationTreeModel(connections);
        link = new CacheLink("lab:443", (m, a) -> null);
        connection = connections.add(link);
    }

    private TreeItem<NavNode> pool() {
        return model.root().getChildren().get(0);
    }

    @Test
    void beforeTheFirstFillTheServerShowsItsState() {
        assertThat(pool().getValue().kind()).isEqualTo(NavKind.SERVER);
        assertThat(pool().getValue().name()).isEqualTo("lab:443");
        link.setState(ConnectionState.FAILED, new java.io.IOException("refused"));
        assertThat(pool().getValue().state()).isEqualTo(ConnectionState.FAILED);
    }

    @Test
    void infrastructureLayout() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        assertThat(pool().getValue().kind()).isEqualTo(NavKind.POOL);
        assertThat(pool().getValue().name()).isEqualTo("Lab pool");
        // hosts, then VMs that run nowhere, then shared SRs, then networks; no templates, dom0 or snapshots
        assertThat(childNames(pool())).containsExactly("xcp-host-1", "xcp-host-2", "build-01", "db-01", "mail-01",
                "NFS shared", "Pool-wide network");
        assertThat(childNames(child(pool(), "xcp-host-1"))).containsExactly("web-01", "Local storage");
        assertThat(childNames(child(pool(), "xcp-host-2"))).containsExactly("Local storage");
        assertThat(child(child(pool(), "xcp-host-1"), "web-01").getValue().power()).isEqualTo(PowerState.RUNNING);
        assertThat(child(pool(), "mail-01").getValue().power()).isEqualTo(PowerState.SUSPENDED);
    }

    @Test
    void aStartedVmMovesUnderItsHostKeepingItsItem() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        TreeItem<NavNode> db = child(pool(), "db-01");
        XapiRecord vm = link.cache().get(db.getValue().ref());
        CacheFeeder.put(link.cache(), Pools.with(vm, "power_state", "Running", "resident_on", Pools.ref("host-2")));
        assertThat(childNames(pool())).doesNotContain("db-01");
        TreeItem<NavNode> moved = child(child(pool(), "xcp-host-2"), "db-01");
        assertThat(moved).isSameAs(db);
        assertThat(moved.getValue().power()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aRenameUpdatesTheItemInPlaceAndKeepsOrder() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        XapiRecord vm = link.cache().get(Pools.ref("vm-db-01"));
        CacheFeeder.put(link.cache(), Pools.with(vm, "name_label", "aaa-database"));
        assertThat(childNames(pool())).containsSubsequence("xcp-host-2", "aaa-database", "build-01", "mail-01");
    }

    @Test
    void powerStateChangeWithoutMoveUpdatesTheValue() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        TreeItem<NavNode> mail = child(pool(), "mail-01");
        XapiRecord vm = link.cache().get(mail.getValue().ref());
        CacheFeeder.put(link.cache(), Pools.with(vm, "power_state", "Halted"));
        assertThat(child(pool(), "mail-01")).isSameAs(mail);
        assertThat(mail.getValue().power()).isEqualTo(PowerState.HALTED);
    }

    @Test
    void deletedObjectsLeave() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        CacheFeeder.delete(link.cache(), Pools.ref("vm-build-01"), Pools.ref("net-0"));
        assertThat(childNames(pool())).doesNotContain("build-01", "Pool-wide network");
    }

    @Test
    void aVmArrivingBeforeItsHostMovesUnderItWhenTheHostComes() {
        List<XapiRecord> all = new ArrayList<>(Pools.smallPool());
        XapiRecord host1 = all.stream().filter(r -> r.ref().equals(Pools.ref("host-1"))).findFirst().orElseThrow();
        all.remove(host1);
        CacheFeeder.fill(link.cache(), all);
        assertThat(childNames(pool())).contains("web-01");
        CacheFeeder.put(link.cache(), host1);
        assertThat(childNames(child(pool(), "xcp-host-1"))).containsExactly("web-01", "Local storage");
        assertThat(childNames(pool())).doesNotContain("web-01");
    }

    @Test
    void aHostThatLeavesTakesNoVmWithIt() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        CacheFeeder.delete(link.cache(), Pools.ref("host-1"));
        assertThat(childNames(pool())).contains("web-01", "xcp-host-2").doesNotContain("xcp-host-1");
    }

    @Test
    void templatesShowOnlyWhenAsked() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        model.setShowTemplates(true);
        assertThat(childNames(pool())).endsWith("Debian Bookworm 12", "Windows Server 2022");
        model.setShowTemplates(false);
        assertThat(childNames(pool())).doesNotContain("Debian Bookworm 12");
    }

    @Test
    void theFilterKeepsMatchingLeavesAndTheirContainers() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        model.setFilter("WEB");
        assertThat(childNames(pool())).containsExactly("xcp-host-1", "xcp-host-2");
        assertThat(childNames(child(pool(), "xcp-host-1"))).containsExactly("web-01");
        // live changes respect the filter
        CacheFeeder.put(link.cache(), Pools.vm("web-02", "Halted", Pools.ref("host-1")));
        CacheFeeder.put(link.cache(), Pools.vm("other", "Halted", Pools.ref("host-1")));
        assertThat(childNames(pool())).containsExactly("xcp-host-1", "xcp-host-2", "web-02");
        model.setFilter("");
        assertThat(childNames(pool())).contains("other", "db-01", "web-02");
    }

    @Test
    void aResetRebuildsWithNothingStaleAndKeepsHostItems() {
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        TreeItem<NavNode> host = child(pool(), "xcp-host-1");
        host.setExpanded(false);
        List<XapiRecord> fewer = new ArrayList<>(Pools.smallPool());
        fewer.removeIf(r -> r.nameLabel().equals("db-01"));
        CacheFeeder.fill(link.cache(), fewer);
        assertThat(childNames(pool())).doesNotContain("db-01");
        assertThat(child(pool(), "xcp-host-1")).isSameAs(host);
        assertThat(host.isExpanded()).isFalse();
    }

    @Test
    void tenThousandVmsAreBuiltAndUpdatedIncrementally() {
        List<XapiRecord> all = new ArrayList<>(Pools.smallPool());
        for (int i = 0; i < 10_000; i++) {
            all.add(Pools.vm(String.format("bulk-%05d", i), i % 2 == 0 ? "Running" : "Halted",
                    Pools.ref(i % 4 == 0 ? "host-1" : "host-2")));
        }
        CacheFeeder.fill(link.cache(), all);
        PoolTreeModel pool = model.pool(connection);
        assertThat(pool.size()).isGreaterThan(10_000);
        TreeItem<NavNode> h1 = child(pool(), "xcp-host-1");
        TreeItem<NavNode> bulk0 = pool.item(Pools.ref("vm-bulk-00000"));
        assertThat(bulk0.getParent()).isSameAs(h1);
        // one batch changing a thousand VMs moves each of them
        List<XapiRecord> changed = new ArrayList<>();
        for (int i = 1; i < 2000; i += 2) {
            changed.add(Pools.with(link.cache().get(Pools.ref(String.format("vm-bulk-%05d", i))),
                    "power_state", "Running", "resident_on", Pools.ref("host-1")));
        }
        CacheFeeder.put(link.cache(), changed.toArray(XapiRecord[]::new));
        assertThat(pool.item(Pools.ref("vm-bulk-01999")).getParent()).isSameAs(h1);
        List<String> vms = childNames(h1).stream().filter(n -> n.startsWith("bulk-")).toList();
        assertThat(vms).hasSize(2500 + 1000).isSorted();
        assertThat(childNames(h1)).endsWith("web-01", "Local storage");
    }
}
