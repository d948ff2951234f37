package org.xapicenter.ui.perf.chartfx;

import java.util.List;
import java.util.function.BiConsumer;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The legend: one toggle chip per series (its colour swatch and label); a click shows or hides the line.
 * Each chip carries the style class {@code chart-legend-chip} and the series id as user data, so tests
 * and the stylesheet can find it.
 */
public final class LegendBar {
    public static final String CHIP_CLASS = "chart-legend-chip";

    /** What a chip shows. */
    public record Entry(String id, String label, Color color, boolean visible) {
    }

    private final FlowPane pane = new FlowPane(6, 4);
    private final BiConsumer<String, Boolean> onToggle;

    /** {@code onToggle} receives (series id, visible) when the user clicks a chip. */
    public LegendBar(BiConsumer<String, Boolean> onToggle) {
        this.onToggle = onToggle;
        pane.getStyleClass().add("chart-legend-bar");
    }

    public FlowPane node() {
        return pane;
    }

    public void show(List<Entry> entries) {
        pane.getChildren().clear();
        for (Entry e : entries) {
            pane.getChildren().add(chip(e));
        }
    }

    /** Sets a chip's state without calling back (the chart changed the visibility itself). */
    public void select(String id, boolean visible) {
        pane.getChildren().stream().filter(n -> id.equals(n.getUserData()))
                .forEach(n -> ((ToggleButton) n).setSelected(visible));
    }

    private ToggleButton chip(Entry e) {
        Rectangle swatch = new Rectangle(12, 4, e.color());
        swatch.getStyleClass().add("chart-legend-swatch");
        ToggleButton chip = new ToggleButton(e.label(), swatch);
        chip.getStyleClass().add(CHIP_CLASS);
        chip.setUserData(e.id());
        chip.setSelected(e.visible());
        chip.setFocusTraversable(false);
        chip.setOnAction(a -> onToggle.accept(e.id(), chip.isSelected()));
        return chip;
    }
}
