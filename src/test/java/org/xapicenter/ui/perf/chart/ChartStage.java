package org.xapicenter.ui.perf.chart;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.ChartFxTimeChart;
import org.xapicenter.ui.perf.ChartSeries;
import org.xapicenter.ui.theme.Theme;

/** A chart alone on a TestFX stage, in the light or dark theme, with data helpers. */
final class ChartStage {
    static final long T0 = 1_700_000_400L; // a round 10 minutes
    static final int WIDTH = 800;
    static final int HEIGHT = 320;

    final ChartFxTimeChart chart;
    final Scene scene;

    /** Call on the FX thread (TestFX's @Start). */
    ChartStage(Stage stage, boolean dark) {
        Theme theme = new Theme(dark);
        chart = new ChartFxTimeChart();
        StackPane root = new StackPane(chart.node());
        scene = new Scene(root, WIDTH, HEIGHT);
        theme.style(scene);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    static <T> T fx(Callable<T> call) {
        try {
            WaitForAsyncUtils.waitForFxEvents();
            T t = WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            return t;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void fx(Runnable run) {
        fx(() -> {
            run.run();
            return null;
        });
    }

    /** Lays out and draws the chart node, returning what it shows. */
    WritableImage snapshot() {
        return fx(() -> {
            Parent node = (Parent) chart.node();
            node.applyCss();
            node.layout();
            return node.snapshot(null, null);
        });
    }

    /** {@code n} rows 5 s apart from {@link #T0}, every value {@code value}. */
    static ChartSeries flat(String id, String label, int n, double value) {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + 5L * i;
            v[i] = value;
        }
        return new ChartSeries(id, label, t, v);
    }

    /** A copy of {@code s} with NaN for rows {@code from} (inclusive) to {@code to} (exclusive). */
    static ChartSeries withGap(ChartSeries s, int from, int to) {
        double[] v = s.values().clone();
        for (int i = from; i < to; i++) {
            v[i] = Double.NaN;
        }
        return new ChartSeries(s.id(), s.label(), s.times(), v);
    }

    void show(Unit unit, long from, long to, ChartSeries... series) {
        fx(() -> {
            chart.setUnit(unit);
            chart.setTimeRange(from, to);
            chart.setSeries(java.util.List.of(series));
        });
    }
}
