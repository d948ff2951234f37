package org.xapicenter.ui.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.scene.control.TreeItem;
import org.xapicenter.cache.CacheBatch;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Network;
import org.xapicenter.xapi.record.Pbd;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * The tree of one connection, kept in step with its cache batch by batch (FX thread only).
 *
 * <p>Layout, as XenCenter's Infrastructure view: pool &gt; hosts &gt; VMs running on them and the
 * host's local SRs; under the pool after the hosts, the VMs that run nowhere (halted, suspended),
 * shared SRs and networks. Templates (when shown) come last; snapshots and control domains never
 * appear. Items are moved, never recreated, so expansion survives.
 */
public final class PoolTreeModel {
    private static final String HIDE_KEY = "HideFromXenCenter";

    private final ConnectionModel connection;
    private final ObjectCache cache;
    private final ContainerItem root;
    private final Map<String, TreeItem<NavNode>> items = new HashMap<>();
    private final Map<String, ContainerItem> parents = new HashMap<>();
    private Predicate<TreeItem<NavNode>> filter = item -> true;
    private boolean showTemplates;

    public PoolTreeModel(ConnectionModel connection) {
        this.connection = connection;
        this.cache = connection.link().cache();
        this.root = new ContainerItem(serverNode());
        root.setExpanded(true);
    }

    public TreeItem<NavNode> root() {
        return root;
    }

    public ConnectionModel connection() {
        return connection;
    }

    /** The item of an object, or null when it is not in the tree (hidden, unknown). */
    public TreeItem<NavNode> item(String ref) {
        if (ref == null) {
            return root;
        }
        TreeItem<NavNode> i = items.get(ref);
        if (i == null && root.getValue().ref() != null && root.getValue().ref().equals(ref)) {
            return root;
        }
        return i;
    }

    /** How many objects the tree holds, shown or filtered out. */
    public int size() {
        return items.size();
    }

    public void setShowTemplates(boolean show) {
        if (show != showTemplates) {
            showTemplates = show;
            for (XapiRecord r : cache.all("vm")) {
                if (r instanceof Vm vm && vm.isTemplate()) {
                    sync(vm.ref(), vm);
                }
            }
        }
    }

    /** Shows only leaves whose name contains {@code text} (any case); pool and hosts always show. */
    public void setFilter(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        filter = needle.isEmpty() ? item -> true
                : item -> item instanceof ContainerItem
                        || item.getValue().name().toLowerCase(Locale.ROOT).contains(needle);
        root.setFilter(filter);
        for (TreeItem<NavNode> i : items.values()) {
            if (i instanceof ContainerItem c) {
                c.setFilter(filter);
            }
        }
    }

    /** Applies one merged batch: a reset rebuilds, anything else moves only what changed. */
    public void apply(CacheBatch batch) {
        if (batch.reset()) {
            rebuild();
            return;
        }
        List<CacheChange> ordered = new ArrayList<>(batch.changes());
        ordered.sort(Comparator.comparingInt(c -> rank(c.xapiClass())));
        for (CacheChange c : ordered) {
            switch (c.xapiClass()) {
                case "host" -> syncHost(c);
                case "pbd" -> resyncSrOf(c);
                case "vm", "sr", "network" -> sync(c.ref(), c.after());
                default -> { }
            }
        }
        refreshRoot();
    }

    /** Rebuilds every item from the cache, in bulk. Keeps nothing that is gone. */
    public void rebuild() {
        for (TreeItem<NavNode> i : items.values()) {
            if (i instanceof ContainerItem c) {
                c.setAll(List.of());
            }
        }
        Map<String, TreeItem<NavNode>> old = new HashMap<>(items);
        items.clear();
        parents.clear();
        // Hosts first: the others are placed under them.
        List<TreeItem<NavNode>> hosts = new ArrayList<>();
        for (XapiRecord r : cache.all("host")) {
            NavNode node = nodeFor(r);
            TreeItem<NavNode> item = old.get(r.ref()) instanceof ContainerItem c ? c : newHostItem(node);
            item.setValue(node);
            items.put(r.ref(), item);
            parents.put(r.ref(), root);
            hosts.add(item);
        }
        Map<ContainerItem, List<TreeItem<NavNode>>> children = new HashMap<>();
        children.put(root, new ArrayList<>(hosts));
        for (String cls : List.of("sr", "network", "vm")) {
            for (XapiRecord r : cache.all(cls)) {
                ContainerItem parent = placeOf(r);
                if (parent == null) {
                    continue;
                }
                TreeItem<NavNode> item = old.get(r.ref());
                if (item == null || item instanceof ContainerItem) {
                    item = new TreeItem<>();
                }
                item.setValue(nodeFor(r));
                items.put(r.ref(), item);
                parents.put(r.ref(), parent);
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(item);
            }
        }
        for (TreeItem<NavNode> h : hosts) {
            children.computeIfAbsent((ContainerItem) h, k -> new ArrayList<>());
        }
        children.forEach((parent, list) -> {
            list.sort(Comparator.comparing(TreeItem::getValue, NavNode.ORDER));
            parent.setFilter(filter);
            parent.setAll(list);
        });
        refreshRoot();
    }

    /** Re-reads the pool node's name and the connection state. */
    public void refreshRoot() {
        NavNode node = serverNode();
        for (XapiRecord r : cache.all("pool")) {
            if (r instanceof Pool p) {
                node = new NavNode(connection, NavKind.POOL, p.ref(), poolName(p), PowerState.UNKNOWN,
                        connection.state(), false);
                break;
            }
        }
        if (!node.equals(root.getValue())) {
            root.setValue(node);
        }
    }

    private NavNode serverNode() {
        return new NavNode(connection, NavKind.SERVER, null, connection.link().label(), PowerState.UNKNOWN,
                connection.state(), false);
    }

    /** A pool without a name is a lone host: show the host's name, as XenCenter does. */
    private String poolName(Pool p) {
        if (!p.nameLabel().isBlank()) {
            return p.nameLabel();
        }
        XapiRecord master = cache.get(p.master());
        if (master != null && !master.nameLabel().isBlank()) {
            return master.nameLabel();
        }
        return connection.link().label();
    }

    private void syncHost(CacheChange c) {
        if (c.after() == null) {
            TreeItem<NavNode> item = items.remove(c.ref());
            ContainerItem parent = parents.remove(c.ref());
            if (item instanceof ContainerItem host) {
                List<TreeItem<NavNode>> orphans = new ArrayList<>(host.all());
                host.setAll(List.of());
                if (parent != null) {
                    parent.remove(item);
                }
                for (TreeItem<NavNode> o : orphans) {
                    String ref = o.getValue().ref();
                    items.remove(ref);
                    parents.remove(ref);
                    sync(ref, cache.get(ref));
                }
            }
            return;
        }
        boolean isNew = !items.containsKey(c.ref());
        sync(c.ref(), c.after());
        if (isNew && c.after() instanceof Host h) {
            // Objects that arrived before their host were parked under the pool; move them now.
            for (String vm : h.residentVms()) {
                sync(vm, cache.get(vm));
            }
            for (String pbd : h.pbds()) {
                if (cache.get(pbd) instanceof Pbd p) {
                    sync(p.sr(), cache.get(p.sr()));
                }
            }
        }
    }

    private void resyncSrOf(CacheChange c) {
        Set<String> srs = new LinkedHashSet<>();
        if (c.before() instanceof Pbd p) {
            srs.add(p.sr());
        }
        if (c.after() instanceof Pbd p) {
            srs.add(p.sr());
        }
        for (String sr : srs) {
            sync(sr, cache.get(sr));
        }
    }

    /** Puts one object where it belongs, moving or removing its item if needed. */
    private void sync(String ref, XapiRecord rec) {
        ContainerItem target = rec == null ? null : placeOf(rec);
        TreeItem<NavNode> item = items.get(ref);
        ContainerItem current = parents.get(ref);
        if (target == null) {
            if (item != null && !(item instanceof ContainerItem)) {
                if (current != null) {
                    current.remove(item);
                }
                items.remove(ref);
                parents.remove(ref);
            }
            return;
        }
        NavNode node = nodeFor(rec);
        if (item == null) {
            item = rec instanceof Host ? newHostItem(node) : new TreeItem<>(node);
            target.insertSorted(item);
            items.put(ref, item);
            parents.put(ref, target);
            return;
        }
        if (current == target && NavNode.ORDER.compare(item.getValue(), node) == 0) {
            if (!node.equals(item.getValue())) {
                item.setValue(node);
            }
            return;
        }
        if (current != null) {
            current.remove(item);
        }
        item.setValue(node);
        target.insertSorted(item);
        parents.put(ref, target);
    }

    private ContainerItem newHostItem(NavNode node) {
        ContainerItem item = new ContainerItem(node);
        item.setExpanded(true);
        item.setFilter(filter);
        return item;
    }

    /** Where an object goes, or null when it is not shown. */
    private ContainerItem placeOf(XapiRecord r) {
        if (r instanceof Host) {
            return root;
        }
        if (r instanceof Vm vm) {
            if (vm.isSnapshot() || vm.isControlDomain()) {
                return null;
            }
            if (vm.isTemplate()) {
                return showTemplates ? root : null;
            }
            PowerState p = vm.powerState();
            if ((p == PowerState.RUNNING || p == PowerState.PAUSED) && items.get(vm.residentOn()) instanceof ContainerItem h) {
                return h;
            }
            return root;
        }
        if (r instanceof Sr sr) {
            if (hidden(sr)) {
                return null;
            }
            return sr.shared() ? root : hostOf(sr);
        }
        if (r instanceof Network n) {
            return hidden(n) ? null : root;
        }
        return null;
    }

    /** A local SR sits under the one host that plugs it; otherwise under the pool. */
    private ContainerItem hostOf(Sr sr) {
        ContainerItem found = null;
        for (String pbdRef : sr.pbds()) {
            if (cache.get(pbdRef) instanceof Pbd pbd && items.get(pbd.host()) instanceof ContainerItem h) {
                if (found != null && found != h) {
                    return root;
                }
                found = h;
            }
        }
        return found == null ? root : found;
    }

    private static boolean hidden(XapiRecord r) {
        return "true".equalsIgnoreCase(r.otherConfig().getOrDefault(HIDE_KEY, ""));
    }

    private NavNode nodeFor(XapiRecord r) {
        String name = r.nameLabel().isBlank() ? r.uuid() : r.nameLabel();
        if (r instanceof Vm vm) {
            return new NavNode(connection, vm.isTemplate() ? NavKind.TEMPLATE : NavKind.VM, r.ref(), name,
                    vm.powerState(), null, !vm.currentOperations().isEmpty());
        }
        NavKind kind = r instanceof Host ? NavKind.HOST : r instanceof Sr ? NavKind.SR : NavKind.NETWORK;
        return new NavNode(connection, kind, r.ref(), name, PowerState.UNKNOWN, null, false);
    }

    private static int rank(String xapiClass) {
        return switch (xapiClass) {
            case "pool" -> 0;
            case "host" -> 1;
            case "pbd" -> 2;
            case "sr", "network" -> 3;
            case "vm" -> 4;
            default -> 5;
        };
    }
}
