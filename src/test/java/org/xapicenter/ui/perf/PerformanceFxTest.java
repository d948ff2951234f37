package org.xapicenter.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.TimeRange;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.perf.chartfx.LegendBar;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/**
 * The Performance tab on the simulator's demo pool: the real window, the real fetchers over HTTP, the
 * simulator's synthetic workload, ChartFX underneath.
 */
@ExtendWith(ApplicationExtension.class)
class PerformanceFxTest {
    private Simulator simulator;
    private WindowFixture fx;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(fx.window::closePerformance).get(10, TimeUnit.SECONDS);
        fx.close();
        simulator.close();
    }

    /** Waits generously: the first full fetch and a chart's layout take a few pulses. */
    static void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                final boolean[] ok = new boolean[1];
                WaitForAsyncUtils.asyncFx(() -> ok[0] = condition.getAsBoolean()).get();
                return ok[0];
            });
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    private PerformanceModel model() {
        return fx.window.performance().model();
    }

    private void openPerformanceOf(FxRobot robot, String name) throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        waitUntil("the demo pool is shown", () -> fx.findItem(name) != null && fx.findItem("dev-sandbox") != null);
        select(name);
        WaitForAsyncUtils.asyncFx(fx.window::showPerformance).get();
        WindowFixture.waitForNode(robot, "#perf-view");
    }

    private void select(String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem(name))).get();
    }

    private PerformanceGraph graph(GraphKind kind) {
        return model().graphsProperty().get().stream().filter(g -> g.kind() == kind).findFirst().orElse(null);
    }

    private boolean hasValues(GraphKind kind) {
        PerformanceGraph g = graph(kind);
        return g != null && !g.lines().isEmpty() && g.lines().stream().anyMatch(PerformanceGraph.Line::hasValues)
                && fx.window.performance().chart(kind) != null;
    }

    private ChartFxTimeChart cpuChart() {
        return (ChartFxTimeChart) fx.window.performance().chart(GraphKind.CPU);
    }

    /** The span of a graph's x axis as the chart holds it (not the model's), or -1 when not shown. */
    private long chartAxisSpan(GraphKind kind) {
        ChartFxTimeChart chart = (ChartFxTimeChart) fx.window.performance().chart(kind);
        if (chart == null) {
            return -1;
        }
        double[] b = chart.timeAxisBounds();
        return Math.round(b[1] - b[0]);
    }

    private int watches() {
        return fx.window.metrics().openWatches();
    }

    @Test
    void aRunningVmShowsCpuAndMemoryAndTheRangeMovesTheAxis(FxRobot robot) throws Exception {
        openPerformanceOf(robot, "web-01");
        waitUntil("CPU and memory graphs have data", () -> hasValues(GraphKind.CPU) && hasValues(GraphKind.MEMORY));
        assertThat(robot.lookup("#perf-collecting").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("#perf-note").queryAs(Label.class).isVisible()).isFalse();
        assertThat(graph(GraphKind.CPU).lines()).extracting(l -> l.measure().label()).contains("CPU 0");
        long tenMinutesTo = model().to();
        assertThat(tenMinutesTo - model().from()).isEqualTo(600);
        waitUntil("the chart's own time axis spans ten minutes", () -> chartAxisSpan(GraphKind.CPU) == 600);
        List<String> tenMinuteLabels = cpuChart().timeAxisLabels();

        robot.clickOn("#perf-range-ONE_DAY");
        waitUntil("the axis spans a day", () -> model().to() - model().from() == 86_400);
        waitUntil("the chart's own time axis spans a day and relabels", () -> chartAxisSpan(GraphKind.CPU) == 86_400
                && !cpuChart().timeAxisLabels().isEmpty() && !cpuChart().timeAxisLabels().equals(tenMinuteLabels));
        assertThat(model().rangeProperty().get()).isEqualTo(TimeRange.ONE_DAY);
        waitUntil("a day of CPU is drawn from the hourly archive", () -> hasValues(GraphKind.CPU)
                && graph(GraphKind.CPU).lines().get(0).series().times()[0] < tenMinutesTo - 600);
        robot.clickOn("#perf-range-ONE_YEAR");
        waitUntil("the axis spans a year", () -> model().to() - model().from() == 365L * 86_400 && hasValues(GraphKind.CPU));
        assertThat(fx.window.metrics().activeFetchers()).isEqualTo(1);
    }

    @Test
    void aHaltedVmShowsItsHistoryWithANote(FxRobot robot) throws Exception {
        openPerformanceOf(robot, "dev-sandbox");
        waitUntil("the note says it is halted", () -> robot.lookup("#perf-note").tryQuery()
                .map(n -> n.isVisible() && ((Label) n).getText().equals("dev-sandbox is halted: showing its history"))
                .orElse(false));
        // nothing in the last ten minutes: one text says so, not "Collecting data…", not each chart's own
        waitUntil("its graphs are laid out", () -> fx.window.performance().chart(GraphKind.CPU) != null);
        waitUntil("the view says there is nothing recent", () -> "No data in the last 10 minutes"
                .equals(fx.window.performance().emptyStateText()));
        assertThat(robot.lookup("No data yet").tryQuery().filter(Node::isVisible)).isEmpty();
        assertThat(cpuChart().placeholderText()).isEmpty();
        robot.clickOn("#perf-range-ONE_WEEK");
        waitUntil("its archived CPU is drawn", () -> hasValues(GraphKind.CPU));
        waitUntil("with no empty-state text", () -> fx.window.performance().emptyStateText() == null);

        // Started, it has live data from its new host: the watch follows it there.
        robot.clickOn("#perf-range-TEN_MINUTES");
        waitUntil("Start is offered", () -> !robot.lookup("#toolbar-start").queryButton().isDisabled());
        robot.clickOn("#toolbar-start");
        waitUntil("the note is gone and live CPU arrives", () -> !robot.lookup("#perf-note").queryAs(Label.class).isVisible()
                && hasValues(GraphKind.CPU) && graph(GraphKind.CPU).lines().stream().anyMatch(l -> {
                    long[] t = l.series().times();
                    double[] v = l.series().values();
                    return t.length > 0 && t[t.length - 1] > model().to() - 60 && !Double.isNaN(v[v.length - 1]);
                }));
        assertThat(watches()).isEqualTo(1);
    }

    @Test
    void aVmThatNeverRanSaysItHasNoHistory(FxRobot robot) throws Exception {
        // created halted after the simulator started: it has no RRD anywhere and /vm_rrd answers 404
        simulator.store().create("VM", Map.of("name_label", "never-started", "power_state", "Halted"));
        openPerformanceOf(robot, "never-started");
        waitUntil("it says there is no history", () -> "No history recorded for never-started"
                .equals(fx.window.performance().emptyStateText()));
        assertThat(robot.lookup("#perf-failure").queryAs(Label.class).isVisible()).as("a 404 is no failure").isFalse();
        assertThat(robot.lookup("#perf-note").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("Collecting data…").tryQuery().filter(Node::isVisible)).isEmpty();
        assertThat(robot.lookup("No data yet").tryQuery().filter(Node::isVisible)).isEmpty();
    }

    @Test
    void aDestroyedVmsSeriesAreForgottenAtOnce(FxRobot robot) throws Exception {
        openPerformanceOf(robot, "web-02");
        waitUntil("CPU has data", () -> hasValues(GraphKind.CPU));
        var store = simulator.store();
        String ref = store.refs("VM").stream().filter(r -> "web-02".equals(store.getString(r, "name_label")))
                .findFirst().orElseThrow();
        String uuid = store.getString(ref, "uuid");
        var metrics = fx.window.metrics().of(fx.connections.all().get(0));
        assertThat(metrics.store().keys(Archive.FIVE_SECONDS, uuid)).isNotEmpty();
        // no watch left: without the cache's word its series would wait for the idle timeout (minutes)
        select("NFS storage");
        waitUntil("no fetcher runs", () -> watches() == 0 && fx.window.metrics().activeFetchers() == 0);
        assertThat(metrics.store().keys(Archive.FIVE_SECONDS, uuid)).isNotEmpty();

        store.destroy(ref);
        waitUntil("its series are gone", () -> metrics.store().keys(Archive.FIVE_SECONDS, uuid).isEmpty()
                && metrics.store().keys(Archive.ONE_HOUR, uuid).isEmpty());
    }

    @Test
    void hidingTheTabOrSelectingAnotherObjectClosesTheWatch(FxRobot robot) throws Exception {
        openPerformanceOf(robot, "web-01");
        waitUntil("a watch is open and fetching", () -> watches() == 1 && fx.window.metrics().activeFetchers() == 1);

        robot.clickOn(robot.lookup(".tab-label").match((Label l) -> l.getText().equals("General")).<Node>query());
        waitUntil("hiding the tab closed it", () -> watches() == 0 && fx.window.metrics().activeFetchers() == 0);

        WaitForAsyncUtils.asyncFx(fx.window::showPerformance).get();
        waitUntil("showing it again opens one", () -> watches() == 1 && fx.window.metrics().activeFetchers() == 1);

        select("NFS storage");
        waitUntil("a storage repository has no graphs: no watch", () -> watches() == 0
                && fx.window.metrics().activeFetchers() == 0);
        waitUntil("the tab is gone", () -> robot.lookup("#perf-tab").tryQuery().filter(Node::isVisible).isEmpty());

        select("web-02");
        WaitForAsyncUtils.asyncFx(fx.window::showPerformance).get();
        waitUntil("web-02 is watched", () -> watches() == 1 && model().targetName().equals("web-02"));
        select("xcp-ng-01");
        waitUntil("the server is watched instead: still one watch", () -> watches() == 1
                && "xcp-ng-01".equals(model().targetName()) && hasValues(GraphKind.CPU));

        WaitForAsyncUtils.asyncFx(fx.window::closePerformance).get();
        waitUntil("closing the window stops every fetcher", () -> watches() == 0
                && Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("xapicenter-metrics")));
    }

    @Test
    void aHostThatCannotBeReadShowsOneSentenceAndTheGraphsKeepTheirData(FxRobot robot) throws Exception {
        openPerformanceOf(robot, "web-01");
        waitUntil("CPU has data", () -> hasValues(GraphKind.CPU));
        simulator.close();
        waitUntil("the failure is shown", () -> robot.lookup("#perf-failure").tryQuery()
                .map(n -> n.isVisible() && !((Label) n).getText().isBlank()).orElse(false));
        String sentence = robot.lookup("#perf-failure").queryAs(Label.class).getText();
        assertThat(sentence).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\n");
        assertThat(hasValues(GraphKind.CPU)).as("what was fetched stays drawn").isTrue();
        assertThat(robot.lookup("#perf-collecting").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void csvExportWritesTheShownSeries(FxRobot robot) throws Exception {
        openPerformanceOf(robot, "web-01");
        waitUntil("CPU and memory graphs have data", () -> hasValues(GraphKind.CPU) && hasValues(GraphKind.MEMORY));
        Path file = dir.resolve("web-01.csv");
        WaitForAsyncUtils.asyncFx(() -> fx.window.performance().exportCsv(file)).get().get(30, TimeUnit.SECONDS);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("time,CPU 0 (%),").contains("(B)");
        assertThat(lines.size()).isGreaterThan(10);
        assertThat(lines.get(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?Z,.*");
        int columns = lines.get(0).split(",", -1).length;
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(columns));
        assertThat(Files.exists(dir.resolve("web-01.csv.part"))).isFalse();
        assertThat(fx.window.performance().status()).isEqualTo("Performance data saved to web-01.csv");

        // a line hidden through its legend chip is not exported
        robot.clickOn(robot.from(fx.window.performance().chart(GraphKind.CPU).node()).lookup("." + LegendBar.CHIP_CLASS)
                .match((ToggleButton b) -> b.getText().equals("CPU 0")).<Node>query());
        waitUntil("CPU 0 is hidden", () -> !fx.window.performance().chart(GraphKind.CPU).isSeriesVisible("cpu0"));
        Path shown = dir.resolve("shown.csv");
        WaitForAsyncUtils.asyncFx(() -> fx.window.performance().exportCsv(shown)).get().get(30, TimeUnit.SECONDS);
        String header = Files.readAllLines(shown).get(0);
        assertThat(header).doesNotContain("CPU 0 (%)").contains("(B)");
        assertThat(header.split(",", -1)).hasSize(columns - 1);

        Path png = dir.resolve("web-01.png");
        WaitForAsyncUtils.asyncFx(() -> fx.window.performance().exportPng(png)).get().get(30, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.exists(dir.resolve("web-01.png.part"))).isFalse();

        Path nowhere = dir.resolve("no-such-folder").resolve("x.csv");
        WaitForAsyncUtils.asyncFx(() -> fx.window.performance().exportCsv(nowhere)).get().get(30, TimeUnit.SECONDS);
        assertThat(fx.window.performance().status()).startsWith("Performance data not saved: ")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theDataSourcesMenuAddsAndRemovesASeries(FxRobot robot) throws Exception {
        openPerformanceOf(robot, "db-primary");
        waitUntil("the memory graph has data", () -> hasValues(GraphKind.MEMORY));
        int before = graph(GraphKind.MEMORY).lines().size();
        PerformanceGraph.Offer hidden = graph(GraphKind.MEMORY).offers().stream().filter(o -> !o.shown()).findFirst().orElseThrow();
        String id = "#perf-source-MEMORY-" + hidden.measure().key().name();

        robot.clickOn("#perf-sources-MEMORY");
        WindowFixture.waitForNode(robot, id);
        robot.clickOn(id);
        waitUntil("the series is added", () -> graph(GraphKind.MEMORY).lines().size() == before + 1
                && graph(GraphKind.MEMORY).lines().stream().anyMatch(l -> l.measure().equals(hidden.measure())));

        // The choice holds for every VM while the application runs.
        select("db-replica");
        waitUntil("another VM's memory graph plots it too", () -> "db-replica".equals(model().targetName())
                && graph(GraphKind.MEMORY) != null && graph(GraphKind.MEMORY).lines().stream()
                        .anyMatch(l -> l.measure().key().name().equals(hidden.measure().key().name())));

        robot.clickOn("#perf-sources-MEMORY");
        WindowFixture.waitForNode(robot, id);
        robot.clickOn(id);
        waitUntil("and removed again", () -> graph(GraphKind.MEMORY).lines().size() == before
                && graph(GraphKind.MEMORY).lines().stream()
                        .noneMatch(l -> l.measure().key().name().equals(hidden.measure().key().name())));
    }
}
