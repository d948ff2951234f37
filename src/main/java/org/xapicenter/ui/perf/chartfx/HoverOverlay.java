package org.xapicenter.ui.perf.chartfx;

import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * What the pointer reads, drawn over the plot: a vertical line at the reading's time and a small box with
 * the time and each value, kept inside the plot. Mouse-transparent, so the chart below keeps its events.
 */
public final class HoverOverlay {
    private final Pane pane = new Pane();
    private final Line cursor = new Line();
    private final VBox box = new VBox(1);

    public HoverOverlay() {
        pane.setMouseTransparent(true);
        pane.setPickOnBounds(false);
        pane.getStyleClass().add("chart-hover-layer");
        cursor.getStyleClass().add("chart-hover-line");
        box.getStyleClass().add("chart-hover-box");
        box.setManaged(false);
        cursor.setManaged(false);
        pane.getChildren().addAll(cursor, box);
        hide();
    }

    public Pane node() {
        return pane;
    }

    /**
     * Shows the line at {@code x} (in this layer's coordinates) across {@code plot}, and the box with
     * {@code lines} (first the time) beside the pointer at {@code pointerY}.
     */
    public void show(double x, double pointerY, Bounds plot, java.util.List<String> lines) {
        cursor.setStartX(x);
        cursor.setEndX(x);
        cursor.setStartY(plot.getMinY());
        cursor.setEndY(plot.getMaxY());
        box.getChildren().clear();
        for (int i = 0; i < lines.size(); i++) {
            Label l = new Label(lines.get(i));
            l.getStyleClass().add(i == 0 ? "chart-hover-time" : "chart-hover-value");
            box.getChildren().add(l);
        }
        box.applyCss();
        box.autosize();
        double w = box.getWidth();
        double h = box.getHeight();
        double bx = x + 12 + w <= plot.getMaxX() ? x + 12 : Math.max(plot.getMinX(), x - 12 - w);
        double by = Math.min(Math.max(plot.getMinY(), pointerY - h / 2), Math.max(plot.getMinY(), plot.getMaxY() - h));
        box.relocate(bx, by);
        cursor.setVisible(true);
        box.setVisible(true);
    }

    public void hide() {
        cursor.setVisible(false);
        box.setVisible(false);
    }

    public boolean isShowing() {
        return box.isVisible();
    }
}
