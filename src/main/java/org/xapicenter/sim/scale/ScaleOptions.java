package org.xapicenter.sim.scale;

import java.nio.file.Path;
import java.util.List;

import org.xapicenter.sim.SimulatorOptions;

/** The {@code simulator} command's scale options, parsed into {@link ScaleSettings} and the seed. */
public final class ScaleOptions {
    public static final List<String> NAMES = List.of("--hosts", "--vms", "--seed", "--churn", "--state", "--save");
    public static final String USAGE = ""
            + "  --hosts N     generate a pool of N hosts (1-" + ScaleSettings.MAX_HOSTS + ") instead of the demo pool\n"
            + "  --vms M       ... with M VMs, each with disks, NICs and metrics (--hosts defaults to M/100, at most 16)\n"
            + "  --seed S      seed of the generated pool: same seed, same pool, refs and UUIDs (default 42)\n"
            + "  --churn R     make R random changes a second (metrics, renames, power changes)\n"
            + "  --state FILE  load the pool from a xapi database dump (state.db) instead\n"
            + "  --save FILE   write the pool to FILE, in the same format, when the simulator stops";

    private int hosts;
    private int vms;
    private double churn;
    private Path state;
    private Path save;

    /** Applies one option; the seed goes straight to the simulator's options. */
    public void set(String option, String value, SimulatorOptions.Builder builder) {
        switch (option) {
            case "--hosts" -> hosts = OptionNumbers.inRange(option, value, 1, ScaleSettings.MAX_HOSTS);
            case "--vms" -> vms = OptionNumbers.inRange(option, value, 0, ScaleSettings.MAX_VMS);
            case "--seed" -> {
                try {
                    builder.seed(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--seed needs a whole number, not " + value);
                }
            }
            case "--churn" -> {
                try {
                    churn = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--churn needs changes per second, not " + value);
                }
            }
            case "--state" -> state = Path.of(value);
            case "--save" -> save = Path.of(value);
            default -> throw new IllegalArgumentException("unknown option " + option);
        }
    }

    public ScaleSettings settings() {
        return new ScaleSettings(hosts, vms, churn, state, save);
    }
}
