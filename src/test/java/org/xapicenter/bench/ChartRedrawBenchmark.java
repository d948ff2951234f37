package org.xapicenter.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.ChartFxTimeChart;
import org.xapicenter.ui.perf.ChartSeries;
import org.xapicenter.ui.theme.Theme;

/**
 * Time to redraw a graph of 4 lines x 10,000 points: new data, CSS, layout and a full render (a snapshot of
 * the node, which is what a pulse paints), on the FX thread; ChartFX through our TimeChart against
 * JavaFX's own LineChart on the same data. Headless (Monocle, software rendering): a real screen with
 * the GPU pipeline is faster for both.
 * Run: mvn -o -q test -Dsurefire.excludedGroups=none -Dtest=ChartRedrawBenchmark
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class ChartRedrawBenchmark {
    private static final int SERIES = 4;
    private static final int POINTS = 10_000;
    private static final long T0 = 1_700_000_000L;
    private StackPane root;

    @Start
    void start(Stage stage) {
        new Theme(false);
        root = new StackPane();
        Scene scene = new Scene(root, 1000, 300);
        stage.setScene(scene);
        stage.show();
    }

    private static List<ChartSeries> data(int round) {
        List<ChartSeries> out = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            long[] t = new long[POINTS];
            double[] v = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                t[i] = T0 + 5L * i;
                v[i] = 50 + 40 * Math.sin((i + round * 37) / (200.0 + s * 50)) * Math.cos(i / 31.0);
            }
            out.add(new ChartSeries("s" + s, "Series " + s, t, v));
        }
        return out;
    }

    @Test
    void redraw() throws Exception {
        ChartFxTimeChart chart = onFx(() -> {
            ChartFxTimeChart c = new ChartFxTimeChart();
            c.setUnit(Unit.PERCENT);
            c.setTimeRange(T0, T0 + 5L * POINTS);
            root.getChildren().setAll(c.node());
            return c;
        });
        List<List<ChartSeries>> rounds = new ArrayList<>();
        for (int r = 0; r < 25; r++) {
            rounds.add(data(r));
        }
        double[] ours = new double[20];
        for (int r = 0; r < 25; r++) {
            List<ChartSeries> d = rounds.get(r);
            double ms = onFx(() -> timed(() -> chart.setSeries(d), (Parent) chart.node()));
            if (r >= 5) { // the first rounds warm the JIT up
                ours[r - 5] = ms;
            }
        }

        double[] still = new double[10];
        for (int r = 0; r < 10; r++) {
            still[r] = onFx(() -> timed(() -> { }, (Parent) chart.node()));
        }
        double[] dataOnly = new double[10];
        for (int r = 0; r < 10; r++) {
            List<ChartSeries> d = rounds.get(r);
            dataOnly[r] = onFx(() -> {
                long start = System.nanoTime();
                chart.setSeries(d);
                ((Parent) chart.node()).applyCss();
                ((Parent) chart.node()).layout();
                return (System.nanoTime() - start) / 1e6;
            });
        }
        LineChart<Number, Number> line = onFx(() -> {
            NumberAxis x = new NumberAxis(T0, T0 + 5.0 * POINTS, 3600);
            NumberAxis y = new NumberAxis(0, 100, 20);
            LineChart<Number, Number> c = new LineChart<>(x, y);
            c.setAnimated(false);
            c.setCreateSymbols(false);
            root.getChildren().setAll(c);
            return c;
        });
        double[] theirs = new double[3];
        for (int r = 0; r < 4; r++) {
            List<ChartSeries> d = rounds.get(r);
            double ms = onFx(() -> timed(() -> line.getData().setAll(toLineChart(d)), line));
            if (r >= 1) {
                theirs[r - 1] = ms;
            }
        }
        System.out.printf("ChartFX parts: %.1f ms data + CSS + layout (the canvas is drawn in layout), %.1f ms a snapshot of an unchanged chart%n",
                median(dataOnly), median(still));
        System.out.printf("redraw %d x %d points: %.1f ms median (ChartFX) vs %.0f ms median (LineChart)%n",
                SERIES, POINTS, median(ours), median(theirs));
    }

    private static List<XYChart.Series<Number, Number>> toLineChart(List<ChartSeries> d) {
        List<XYChart.Series<Number, Number>> out = new ArrayList<>();
        for (ChartSeries s : d) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(s.label());
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(s.times().length);
            for (int i = 0; i < s.times().length; i++) {
                points.add(new XYChart.Data<>(s.times()[i], s.values()[i]));
            }
            series.getData().setAll(points);
            out.add(series);
        }
        return out;
    }

    /** Milliseconds for: change the data, then CSS, layout and a full render of {@code node}. */
    private static double timed(Runnable change, Parent node) {
        long start = System.nanoTime();
        change.run();
        node.applyCss();
        node.layout();
        node.snapshot(null, null);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(300, TimeUnit.SECONDS);
    }
}
