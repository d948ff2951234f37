package org.xapicenter.ui.perf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.Measure;

/**
 * Which measures each graph plots: the defaults of {@link org.xapicenter.rrd.Measures}, changed by what the
 * user added or removed. Choices are kept per object type ({@code vm}, {@code host}) and data source name
 * while the application runs, so adding "vif_1_rx" to one VM's Network graph adds it to every VM's.
 */
final class MeasureChoices {
    /** object type -> graph -> data source name -> shown. */
    private final Map<String, Map<GraphKind, Map<String, Boolean>>> choices = new HashMap<>();

    /** The measures the graph {@code kind} offers: its own, and "other" ones that share its unit. */
    List<PerformanceGraph.Offer> offers(String objectType, GraphKind kind, List<Measure> available) {
        Map<String, Boolean> made = choices.getOrDefault(objectType, Map.of()).getOrDefault(kind, Map.of());
        List<PerformanceGraph.Offer> out = new ArrayList<>();
        for (Measure m : available) {
            if (belongs(m, kind)) {
                Boolean chosen = made.get(m.key().name());
                boolean shown = chosen != null ? chosen : m.graph() == kind && m.shownByDefault();
                out.add(new PerformanceGraph.Offer(m, shown));
            }
        }
        return out;
    }

    private static boolean belongs(Measure m, GraphKind kind) {
        if (m.unit() != PerformanceGraph.unitOf(kind)) {
            return false; // one axis, one unit
        }
        // A measure not drawn in its own graph's unit counts as "other"; an "other" one may join any
        // graph of its unit, and those in no graph's unit (plain numbers) have the Other graph.
        GraphKind home = m.unit() == PerformanceGraph.unitOf(m.graph()) ? m.graph() : GraphKind.OTHER;
        return home == kind || home == GraphKind.OTHER;
    }

    void choose(String objectType, GraphKind kind, String name, boolean shown) {
        choices.computeIfAbsent(objectType, t -> new EnumMap<>(GraphKind.class))
                .computeIfAbsent(kind, k -> new HashMap<>()).put(name, shown);
    }
}
