package org.xapicenter.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.scale.ScaleSettings;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/**
 * The UI's figures of issue #3, headless (Monocle): time from login until the real window's tree shows
 * every VM of a generated pool, and the longest FX frame (gap between two pulses) while the simulator
 * churns. Prints, asserts nothing but that the tree fills. Excluded from the default run by its tag:
 * <pre>
 * mvn -o -q test -Dtest=UiSyncBenchmark -Dsurefire.excludedGroups=none -Dbench.vms=10000 -Dbench.churn=200
 * </pre>
 * With {@code -Dbench.tab=Storage} the frames are measured while the SR holding the most disks shows its
 * Storage tab ({@code -Dbench.tab=Servers}: the pool's Servers tab), which re-reads its rows on every batch.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class UiSyncBenchmark {
    private final int vms = Integer.getInteger("bench.vms", 1000);
    private final double churn = Double.parseDouble(System.getProperty("bench.churn", "200"));
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final String tab = System.getProperty("bench.tab", "");
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void loginToFullTreeAndFramesUnderChurn() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).operationDuration(Duration.ofMillis(100))
                .scale(new ScaleSettings(0, vms, churn, null, null)).build())) {
            Set<String> ordinary = ordinaryVms(sim.store());
            ServerLogin login = new ServerLogin(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
            long t0 = System.nanoTime();
            WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(login)).get();
            WaitForAsyncUtils.waitFor(10, TimeUnit.MINUTES, () -> WaitForAsyncUtils.asyncFx(
                    () -> vmItems(fx.window.navigation().tree().getRoot(), ordinary)).get() == ordinary.size());
            long loginToTreeMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("ui: login to a tree showing all %d VMs: %d ms%n", ordinary.size(), loginToTreeMs);

            if (!tab.isEmpty()) {
                String object = tab.equals("Servers") ? sim.store().refs("pool").get(0) : largestSr(sim.store());
                WaitForAsyncUtils.asyncFx(() -> {
                    TreeItem<NavNode> item = find(fx.window.navigation().tree().getRoot(), object);
                    fx.window.navigation().select(item);
                    fx.window.showTab(tab);
                }).get();
                System.out.printf("ui: measuring with the %s tab of %s on screen%n", tab, sim.store().get(object, "name_label"));
            }
            List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
            AnimationTimer frames = new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    if (last != 0) {
                        gaps.add(now - last);
                    }
                    last = now;
                }
            };
            WaitForAsyncUtils.asyncFx(frames::start).get();
            Thread.sleep(seconds * 1000L);
            WaitForAsyncUtils.asyncFx(frames::stop).get();
            List<Long> sorted;
            synchronized (gaps) {
                sorted = new ArrayList<>(gaps);
            }
            Collections.sort(sorted);
            double maxMs = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1) / 1e6;
            double p99Ms = sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
            System.out.printf("ui: %d frames in %d s under %.0f changes/s: longest %.1f ms, p99 %.1f ms%n",
                    sorted.size(), seconds, churn, maxMs, p99Ms);
            System.out.println(String.format(Locale.ROOT,
                    "ui vms=%d login_to_tree_ms=%d churn_per_s=%.0f tab=%s frames=%d max_pulse_ms=%.1f pulse_p99_ms=%.1f",
                    ordinary.size(), loginToTreeMs, churn, tab.isEmpty() ? "General" : tab, sorted.size(), maxMs, p99Ms));
        }
    }

    private static Set<String> ordinaryVms(ObjectStore store) {
        return store.refs("VM").stream()
                .filter(vm -> !Boolean.TRUE.equals(store.get(vm, "is_a_template"))
                        && !Boolean.TRUE.equals(store.get(vm, "is_a_snapshot"))
                        && !Boolean.TRUE.equals(store.get(vm, "is_control_domain")))
                .collect(Collectors.toSet());
    }

    private static String largestSr(ObjectStore store) {
        return store.refs("SR").stream().max(java.util.Comparator.comparingInt(sr -> store.getList(sr, "VDIs").size())).orElseThrow();
    }

    private static TreeItem<NavNode> find(TreeItem<NavNode> item, String ref) {
        if (item.getValue() != null && ref.equals(item.getValue().ref())) {
            return item;
        }
        for (TreeItem<NavNode> c : item.getChildren()) {
            TreeItem<NavNode> f = find(c, ref);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** VM rows anywhere in the tree that stand for one of {@code wanted}. FX thread. */
    private static int vmItems(TreeItem<NavNode> item, Set<String> wanted) {
        int n = item.getValue() != null && item.getValue().kind() == NavKind.VM && wanted.contains(item.getValue().ref()) ? 1 : 0;
        for (TreeItem<NavNode> c : item.getChildren()) {
            n += vmItems(c, wanted);
        }
        return n;
    }
}
