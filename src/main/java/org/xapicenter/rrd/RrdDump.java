package org.xapicenter.rrd;

import java.util.List;
import java.util.Map;

/**
 * A full RRD as {@code /host_rrd} and {@code /vm_rrd} send it ({@code <rrd><version>...}): every data
 * source of one object and every archive.
 *
 * @param step base step in seconds
 * @param lastUpdate epoch seconds of the last update (server clock)
 * @param dataSources data source names in column order
 * @param archives the AVERAGE archives by their step (other consolidation functions are dropped)
 */
public record RrdDump(long step, long lastUpdate, List<String> dataSources, Map<Archive, RrdUpdate> archives) {
}
