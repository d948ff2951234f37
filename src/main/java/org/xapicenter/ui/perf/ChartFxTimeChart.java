package org.xapicenter.ui.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Node;
import org.xapicenter.rrd.Unit;

/** {@link TimeChart} over ChartFX's {@code XYChart}. */
public final class ChartFxTimeChart implements TimeChart {

    public ChartFxTimeChart() {
        throw new UnsupportedOperationException("ui-chart implements ChartFxTimeChart");
    }

    @Override
    public Node node() {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public void setSeries(List<ChartSeries> series) {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public void setTimeRange(long from, long to) {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public void setUnit(Unit unit) {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public void setTitle(String title) {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public void setSeriesVisible(String id, boolean visible) {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public boolean isSeriesVisible(String id) {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public ReadOnlyObjectProperty<ChartReading> readingProperty() {
        throw new UnsupportedOperationException("ui-chart");
    }

    @Override
    public void writePng(Path file) throws IOException {
        throw new UnsupportedOperationException("ui-chart");
    }
}
