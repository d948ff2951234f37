package org.xapicenter.sim.rrd;

/**
 * One data source of a host's or VM's RRD, as xcp-rrdd's plugins declare it (rrdp_cpu, rrdp_squeezed,
 * rrdp_netdev, rrdp_iostat): its name, its rrd type (GAUGE for levels, DERIVE for counters turned into
 * rates), its bounds, and the synthetic shape whose values it carries.
 *
 * @param shape what the workload draws for it
 * @param scale the shape's size: bytes/s for rates, the total for memory, the cores for load
 */
public record DataSource(String name, String type, double min, double max, Shape shape, double scale) {

    /** The synthetic shapes; each knows its unit through the data source's name. */
    public enum Shape {
        /** A CPU fraction 0..1: daily cycle, drift, noise, short bursts. */
        CPU,
        /** The mean of the host's CPUs ({@code cpu_avg}), computed from them. */
        CPU_AVERAGE,
        /** A constant ({@code memory_total_kib}, {@code memory}, {@code memory_target}). */
        CONSTANT,
        /** A level slowly varying between 20 % and 60 % of {@code scale} (free memory). */
        FREE_MEMORY,
        /** A level a few percent under {@code scale} (a host's free memory as its metrics say). */
        NEAR,
        /** A load average around a fraction of {@code scale} cores. */
        LOAD,
        /** A rate in bytes/s: quiet most of the time, with bursts. */
        RATE
    }

    static DataSource gauge(String name, Shape shape, double scale) {
        return new DataSource(name, "GAUGE", 0.0, Double.POSITIVE_INFINITY, shape, scale);
    }

    static DataSource derive(String name, double max, Shape shape, double scale) {
        return new DataSource(name, "DERIVE", 0.0, max, shape, scale);
    }
}
