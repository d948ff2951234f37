package org.xapicenter.ui.general;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitsTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void sizesInBinaryUnitsWithOneDecimalWhenItMatters() {
        assertThat(Units.bytes(-1)).isEqualTo("unknown");
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(1023)).isEqualTo("1023 B");
        assertThat(Units.bytes(1024)).isEqualTo("1 KiB");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(20 * GIB)).isEqualTo("20 GiB");
        assertThat(Units.bytes(500 * GIB / 3)).isEqualTo("166.7 GiB");
        assertThat(Units.bytes((long) (1.97 * GIB))).isEqualTo("2 GiB");
        assertThat(Units.bytes((long) (1.94 * GIB))).isEqualTo("1.9 GiB");
        assertThat(Units.bytes(4096 * GIB)).isEqualTo("4 TiB");
    }

    @Test
    void uptimeInTheTwoLargestUnits() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertThat(Units.uptime(now.minusSeconds(40), now)).isEqualTo("40 seconds");
        assertThat(Units.uptime(now.minusSeconds(61), now)).isEqualTo("1 minute");
        assertThat(Units.uptime(now.minusSeconds(2 * 3600 + 5 * 60), now)).isEqualTo("2 hours 5 minutes");
        assertThat(Units.uptime(now.minusSeconds(3 * 86_400 + 4 * 3600), now)).isEqualTo("3 days 4 hours");
        assertThat(Units.uptime(Instant.EPOCH, now)).isEmpty();
        assertThat(Units.uptime(now.plusSeconds(5), now)).isEmpty();
    }

    @Test
    void linkSpeedsAsXapiReportsThemInMegabits() {
        assertThat(Units.linkSpeed(10_000)).isEqualTo("10 Gbit/s");
        assertThat(Units.linkSpeed(100)).isEqualTo("100 Mbit/s");
        assertThat(Units.linkSpeed(2500)).isEqualTo("2500 Mbit/s");
        assertThat(Units.linkSpeed(0)).isEmpty();
        assertThat(Units.linkSpeed(0xffff)).as("the driver's 'unknown'").isEmpty();
    }
}
