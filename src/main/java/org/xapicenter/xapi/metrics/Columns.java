package org.xapicenter.xapi.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xapicenter.rrd.LegendEntry;
import org.xapicenter.rrd.RrdUpdate;

/** Narrows a parsed update to the columns of the objects a fetcher watches. */
final class Columns {
    private Columns() {
    }

    /** The update with only the columns whose object is one of {@code uuids} (the same rows). */
    static RrdUpdate keepOnly(RrdUpdate update, Set<String> uuids) {
        List<LegendEntry> columns = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int c = 0; c < update.columns().size(); c++) {
            LegendEntry e = update.columns().get(c);
            if (uuids.contains(e.key().uuid())) {
                columns.add(e);
                values.add(update.values()[c]);
            }
        }
        if (columns.size() == update.columns().size()) {
            return update;
        }
        return new RrdUpdate(update.start(), update.end(), update.step(), List.copyOf(columns), update.times(),
                values.toArray(new double[0][]));
    }
}
