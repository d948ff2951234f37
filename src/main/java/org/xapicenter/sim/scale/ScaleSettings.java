package org.xapicenter.sim.scale;

import java.nio.file.Path;

/**
 * What the simulator serves instead of the demo pool, and how it loads it: a generated pool of
 * {@code hosts} hosts and {@code vms} VMs, or a pool read from a {@code state.db} file; random
 * changes at {@code churnPerSecond}; the pool written to {@code saveFile} on a clean shutdown.
 *
 * @param hosts          hosts to generate (0 with {@code vms} 0: no generated pool)
 * @param vms            VMs to generate
 * @param churnPerSecond random changes per second (0: none)
 * @param stateFile      xapi database dump to load instead of generating, or null
 * @param saveFile       where to write the pool when the simulator closes, or null
 */
public record ScaleSettings(int hosts, int vms, double churnPerSecond, Path stateFile, Path saveFile) {
    /** Most hosts a generated pool gets when only {@code --vms} is given (XAPI pools stop at 64). */
    private static final int DEFAULT_MAX_HOSTS = 16;
    public static final int MAX_HOSTS = 64;
    public static final int MAX_VMS = 200_000;

    public static final ScaleSettings NONE = new ScaleSettings(0, 0, 0, null, null);

    public ScaleSettings {
        if (hosts < 0 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("--hosts is 1-" + MAX_HOSTS);
        }
        if (vms < 0 || vms > MAX_VMS) {
            throw new IllegalArgumentException("--vms is 0-" + MAX_VMS);
        }
        if (!(churnPerSecond >= 0) || Double.isInfinite(churnPerSecond)) {
            throw new IllegalArgumentException("--churn is a rate of changes per second, 0 or more");
        }
        if (stateFile != null && (hosts > 0 || vms > 0)) {
            throw new IllegalArgumentException("--state loads a pool; --hosts/--vms generate one: choose one");
        }
        if (vms > 0 && hosts == 0) {
            // About a hundred VMs per host, as a dense production pool has.
            hosts = Math.max(1, Math.min(DEFAULT_MAX_HOSTS, vms / 100));
        }
    }

    /** Whether a pool is generated rather than the demo pool or a loaded one. */
    public boolean generates() {
        return hosts > 0;
    }

    public ScaleSettings withChurn(double perSecond) {
        return new ScaleSettings(hosts, vms, perSecond, stateFile, saveFile);
    }
}
