package org.xapicenter.ui.perf.chartfx;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * Line colours, one per series id for the life of a chart: a series keeps its colour when others come and
 * go. Mid-tone colours that stay readable on AtlantaFX's light (white) and dark (#0d1117) backgrounds.
 */
public final class ChartPalette {
    private static final String[] COLOURS = {"#3b82f6", "#f97316", "#22a06b", "#e5484d", "#a855f7", "#14b8a6",
        "#ca8a04", "#ec4899", "#64748b", "#65a30d"};

    /**
     * Keyed by id, not by position, so a line keeps its colour when another before it is removed. It only
     * grows: ids are data source names (cpu0, vif_0_rx, memory), not objects, so a chart meets a few dozen
     * in its life however many VMs it shows, and a name seen again gets its colour back.
     */
    private final Map<String, Integer> assigned = new HashMap<>();

    /** The colour of {@code id}, assigning the next one on first use. */
    public String hex(String id) {
        int index = assigned.computeIfAbsent(id, k -> assigned.size());
        return COLOURS[index % COLOURS.length];
    }

    public Color color(String id) {
        return Color.web(hex(id));
    }
}
