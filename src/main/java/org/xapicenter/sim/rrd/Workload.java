package org.xapicenter.sim.rrd;

/**
 * The synthetic performance of every host and VM: a pure function of (seed, object uuid, data source,
 * time), so a restarted simulator with the same seed answers the same numbers and nothing is stored per
 * row. A value stands for the average of the archive row ending at {@code rowTime} (one row covers
 * {@code (rowTime - step, rowTime]}), as xapi's AVERAGE consolidation makes it: the smooth part is
 * evaluated at the middle of the row and the noise shrinks as rows get longer, as averaging does.
 */
public final class Workload {
    private static final double DAY = 86_400.0;
    private final long seed;

    public Workload(long seed) {
        this.seed = seed;
    }

    /**
     * The value of {@code ds} of the object {@code uuid} for the row ending at {@code rowTime}, {@code
     * runningFor} seconds after the object started (a VM ramps up over its first minute; use a large
     * number for an object long up).
     */
    public double value(String uuid, DataSource ds, long rowTime, long step, double runningFor) {
        double mid = rowTime - step / 2.0;
        long key = mix(seed, uuid.hashCode(), ds.name().hashCode());
        double ramp = Math.max(0.05, Math.min(1.0, runningFor / 60.0));
        double v = switch (ds.shape()) {
            case CONSTANT -> ds.scale();
            case CPU -> ramp * cpu(key, mid, rowTime, step);
            case CPU_AVERAGE -> throw new IllegalArgumentException("cpu_avg is the mean of the cpus");
            case FREE_MEMORY -> ds.scale() * (0.2 + 0.4 * smooth(key, mid, 4 * 3600.0));
            case NEAR -> ds.scale() * (0.97 + 0.03 * smooth(key, mid, 1800.0));
            case LOAD -> ramp * ds.scale() * (0.1 + 0.5 * daily(key, mid) * smooth(key + 1, mid, 1800.0));
            case RATE -> ramp * rate(key, ds.scale(), mid, rowTime, step);
        };
        return Math.max(ds.min(), Math.min(ds.max(), v));
    }

    private static double cpu(long key, double mid, long rowTime, long step) {
        double base = 0.04 + 0.3 * unit(mix(key, 1, 0));
        double level = base * (0.5 + daily(key, mid)) * (0.6 + 0.8 * smooth(key, mid, 900.0));
        double burst = burst(key, mid, 600.0, 0.08) * 0.5;
        return level + burst + noise(key, rowTime, step) * 0.05;
    }

    private static double rate(long key, double scale, double mid, long rowTime, long step) {
        double base = scale * (0.05 + 0.3 * unit(mix(key, 2, 0)));
        double level = base * (0.3 + daily(key, mid)) * (0.5 + smooth(key, mid, 600.0));
        double burst = scale * 2.0 * burst(key, mid, 300.0, 0.1);
        return Math.max(0.0, level + burst + base * 0.3 * noise(key, rowTime, step));
    }

    /** 0..1 over a day, busiest in the (UTC) afternoon, shifted a little per object. */
    private static double daily(long key, double t) {
        double phase = (unit(mix(key, 3, 0)) - 0.5) * 0.25;
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * (t / DAY - 0.25 - phase));
    }

    /** Value noise 0..1: hashed knots every {@code period} seconds, cosine-interpolated between. */
    private static double smooth(long key, double t, double period) {
        double x = t / period;
        long i = (long) Math.floor(x);
        double f = x - i;
        double w = (1 - Math.cos(Math.PI * f)) / 2;
        return unit(mix(key, i, 4)) * (1 - w) + unit(mix(key, i + 1, 4)) * w;
    }

    /** 0..1 inside a burst (a window of {@code period} seconds chosen with {@code chance}), else 0. */
    private static double burst(long key, double t, double period, double chance) {
        long window = (long) Math.floor(t / period);
        long h = mix(key, window, 5);
        if (unit(h) >= chance) {
            return 0.0;
        }
        double within = t / period - window;
        return Math.sin(Math.PI * within) * (0.5 + 0.5 * unit(mix(h, 6, 0)));
    }

    /** Row noise -1..1, smaller for longer rows (an average of many samples). */
    private static double noise(long key, long rowTime, long step) {
        return (unit(mix(key, rowTime, step)) * 2 - 1) * Math.sqrt(5.0 / step);
    }

    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64 over three inputs: well spread, cheap, the same on every JVM. */
    static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + c;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
