package org.xapicenter.ui.perf;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import org.xapicenter.rrd.Unit;

/**
 * Our small chart interface: a time axis, one value axis in one {@link Unit}, lines that may have
 * gaps, a legend whose entries toggle their line, and a hover reading. The only place ChartFX is named
 * is its implementation ({@link ChartFxTimeChart}).
 */
public interface TimeChart {
    /** The node to place in a layout. */
    Node node();

    /** Replaces every line; lines keep their colour and visibility by {@link ChartSeries#id()}. */
    void setSeries(java.util.List<ChartSeries> series);

    /** The x axis runs from {@code from} to {@code to}, epoch seconds. */
    void setTimeRange(long from, long to);

    /** Unit of the value axis and of hover readings. */
    void setUnit(Unit unit);

    void setTitle(String title);

    /**
     * The text shown inside the plot while no visible line has a value ("No data yet" at first); empty
     * shows nothing, for a view that says it once for all its charts.
     */
    void setPlaceholder(String text);

    /** Shows or hides a line (the legend does the same on click). */
    void setSeriesVisible(String id, boolean visible);

    boolean isSeriesVisible(String id);

    /** The reading under the pointer, or null when the pointer is away. */
    ReadOnlyObjectProperty<ChartReading> readingProperty();

    /**
     * The chart as it is drawn now (title, plot, legend), as an image. FX thread only; encode and write it
     * elsewhere ({@link PngFile#write} on a background executor), never on the FX thread.
     */
    WritableImage snapshot();
}
