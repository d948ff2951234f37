package org.xapicenter.sim.rrd;

import java.util.ArrayList;
import java.util.List;

import org.xapicenter.rrd.Archive;

/**
 * The answer to one {@code rrd_updates} request, chosen as xapi-rrd's {@code Rrd_updates.create_multi}
 * chooses it. A negative {@code start} counts back from the last update. The archive is the first (finest)
 * whose rows are at least {@code interval} long and whose reach still includes {@code start}; when none
 * does, the longest. Rows run from the newest ({@code end} = the last update rounded down to the archive's
 * step) back while their time is at least {@code start} (inclusive), never more than the archive holds.
 * {@code meta start} is the first row boundary after {@code start} (rounded down to the step, plus one
 * step), as xapi writes it, even when a row sits exactly at {@code start}.
 *
 * @param objects  the RRDs in legend order (the host first when asked for, then the VMs)
 */
public record Xport(long start, long step, long end, List<RrdObject> objects, long[] times) {

    /** The columns' legends: {@code AVERAGE:<kind>:<uuid>:<data source>}. */
    public List<String> legend() {
        List<String> out = new ArrayList<>();
        for (RrdObject o : objects) {
            for (DataSource ds : o.sources()) {
                out.add("AVERAGE:" + o.prefix() + ds.name());
            }
        }
        return out;
    }

    public int columns() {
        int n = 0;
        for (RrdObject o : objects) {
            n += o.sources().size();
        }
        return n;
    }

    /**
     * @param lastUpdate the time of the RRDs' last update (seconds)
     * @param interval   the requested row length; 0 or less takes the finest archive that reaches start
     */
    public static Xport of(List<RrdObject> objects, long start, long interval, long lastUpdate) {
        long from = start < 0 ? start + lastUpdate : start;
        Archive archive = bestArchive(from, interval, lastUpdate);
        long step = archive.step();
        long end = Math.floorDiv(lastUpdate, step) * step;
        long first = Math.floorDiv(from, step) * step + step;
        List<Long> times = new ArrayList<>();
        // xapi fails without any RRD to export; an empty table is the kinder answer for a host with nothing.
        int rows = objects.isEmpty() ? 0 : archive.rows();
        for (int i = 0; i < rows; i++) {
            long t = end - i * step;
            if (t < from) {
                break;
            }
            times.add(t);
        }
        return new Xport(first, step, end, objects, times.stream().mapToLong(Long::longValue).toArray());
    }

    /** xapi-rrd's find_best_rras over the four AVERAGE archives (pdp step 5 s). */
    static Archive bestArchive(long start, long interval, long lastUpdate) {
        long pdp = Archive.FIVE_SECONDS.step();
        long pdpInterval = interval / pdp;
        long lastPdp = Math.floorDiv(lastUpdate, pdp) * pdp;
        for (Archive a : Archive.values()) {
            long pdpPerRow = a.step() / pdp;
            long oldest = lastPdp - a.step() * a.rows();
            if (pdpPerRow >= pdpInterval && start > oldest) {
                return a;
            }
        }
        return Archive.ONE_DAY;
    }

    /** The value of column {@code c} in the row at {@code time}. */
    double value(Workload workload, int objectIndex, int sourceIndex, long time) {
        return objects.get(objectIndex).value(workload, sourceIndex, time, step);
    }
}
