package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static final DataSource CPU = DataSource.derive("cpu0", 1.0, DataSource.Shape.CPU, 1.0);
    private static final DataSource NET = DataSource.derive("vif_0_rx", Double.POSITIVE_INFINITY,
            DataSource.Shape.RATE, 256 * 1024.0);
    private static final long T0 = 1_763_800_000L;

    @Test
    void theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() {
        Workload a = new Workload(42);
        Workload b = new Workload(42);
        Workload c = new Workload(43);
        int differ = 0;
        for (long t = T0; t < T0 + 3600; t += 5) {
            assertThat(a.value("u1", CPU, t, 5, 1e9)).isEqualTo(b.value("u1", CPU, t, 5, 1e9));
            assertThat(a.value("u1", NET, t, 5, 1e9)).isEqualTo(b.value("u1", NET, t, 5, 1e9));
            if (a.value("u1", CPU, t, 5, 1e9) != c.value("u1", CPU, t, 5, 1e9)) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(700);
    }

    @Test
    void cpuStaysAFractionAndRatesStayPositiveAndMove() {
        Workload w = new Workload(7);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (long t = T0; t < T0 + 7 * 86400; t += 3600) {
            double cpu = w.value("vm", CPU, t, 3600, 1e9);
            assertThat(cpu).isBetween(0.0, 1.0);
            double rx = w.value("vm", NET, t, 3600, 1e9);
            assertThat(rx).isGreaterThanOrEqualTo(0.0);
            min = Math.min(min, rx);
            max = Math.max(max, rx);
        }
        assertThat(max).isGreaterThan(2 * min);
    }

    @Test
    void aStartedObjectRampsUpOverItsFirstMinute() {
        Workload w = new Workload(1);
        for (long t = T0; t < T0 + 600; t += 5) {
            double full = w.value("vm", NET, t, 5, 1e9);
            assertThat(w.value("vm", NET, t, 5, 1.0)).isCloseTo(full * 0.05, within(1e-9 * (1 + full)));
            assertThat(w.value("vm", NET, t, 5, 30.0)).isCloseTo(full * 0.5, within(1e-9 * (1 + full)));
            assertThat(w.value("vm", NET, t, 5, 60.0)).isEqualTo(full);
        }
    }

    @Test
    void aVmHasDataOnlyWhileItRan() {
        PowerHistory.Life life = new PowerHistory.Life(PowerHistory.NEVER, 2000, 1000, true);
        assertThat(life.runningAt(500)).isTrue();
        assertThat(life.runningAt(1500)).isFalse();
        assertThat(life.runningAt(2500)).isTrue();
        assertThat(life.upFor(2030)).isEqualTo(30);
        PowerHistory.Life halted = new PowerHistory.Life(PowerHistory.NEVER, 2000, 3000, false);
        assertThat(halted.runningAt(2500)).isTrue();
        assertThat(halted.runningAt(3000)).isFalse();
        assertThat(halted.lastUpdate(9999)).isEqualTo(3000);
        PowerHistory.Life never = new PowerHistory.Life(Long.MAX_VALUE, PowerHistory.NEVER, Long.MAX_VALUE, false);
        assertThat(never.hasRrd()).isFalse();
        assertThat(never.runningAt(5000)).isFalse();
    }
}
