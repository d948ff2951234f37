package org.xapicenter.sim.rrd;

import java.util.List;

/**
 * One RRD as a host keeps it: a host's or a VM's data sources and when it had data.
 *
 * @param kind   {@code host} or {@code vm}, the legend's second field
 * @param life   when it ran (always up for a host)
 */
public record RrdObject(String kind, String uuid, List<DataSource> sources, PowerHistory.Life life) {
    static final PowerHistory.Life ALWAYS = new PowerHistory.Life(PowerHistory.NEVER, PowerHistory.NEVER,
            PowerHistory.NEVER, true);

    /** The legend prefix {@code <kind>:<uuid>:} before a data source name. */
    public String prefix() {
        return kind + ":" + uuid + ":";
    }

    /**
     * The AVERAGE of {@code sources().get(i)} over the row ending at {@code rowTime}; NaN when the object
     * was not running for most of it (xapi's archives use xff 0.5).
     */
    public double value(Workload workload, int i, long rowTime, long step) {
        double mid = rowTime - step / 2.0;
        if (!life.runningAt(mid)) {
            return Double.NaN;
        }
        DataSource ds = sources.get(i);
        if (ds.shape() == DataSource.Shape.CPU_AVERAGE) {
            double sum = 0;
            int n = 0;
            for (DataSource other : sources) {
                if (other.shape() == DataSource.Shape.CPU) {
                    sum += workload.value(uuid, other, rowTime, step, life.upFor(mid));
                    n++;
                }
            }
            return n == 0 ? 0.0 : sum / n;
        }
        return workload.value(uuid, ds, rowTime, step, life.upFor(mid));
    }
}
