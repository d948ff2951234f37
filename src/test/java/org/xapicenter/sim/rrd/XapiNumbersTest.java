package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XapiNumbersTest {
    @Test
    void printsAsCPercent015gWithOcamlsZeroAndSpecials() {
        assertThat(XapiNumbers.format(0.0)).isEqualTo("0.0");
        assertThat(XapiNumbers.format(-0.0)).isEqualTo("0.0");
        assertThat(XapiNumbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(XapiNumbers.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(XapiNumbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(XapiNumbers.format(0.25)).isEqualTo("0.25");
        assertThat(XapiNumbers.format(300.0)).isEqualTo("300");
        assertThat(XapiNumbers.format(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(XapiNumbers.format(2147483648.0)).isEqualTo("2147483648");
        assertThat(XapiNumbers.format(1.0 / 3)).isEqualTo("0.333333333333333");
        assertThat(XapiNumbers.format(123456789012345678.0)).isEqualTo("1.23456789012346e+17");
        assertThat(XapiNumbers.format(999999999999999.0)).isEqualTo("999999999999999");
        assertThat(XapiNumbers.format(9999999999999999.0)).isEqualTo("1e+16");
        assertThat(XapiNumbers.format(1e20)).isEqualTo("1e+20");
        assertThat(XapiNumbers.format(0.0001)).isEqualTo("0.0001");
        assertThat(XapiNumbers.format(0.000015)).isEqualTo("1.5e-05");
        assertThat(XapiNumbers.format(-0.001)).isEqualTo("-0.001");
        assertThat(XapiNumbers.format(1.5e-300)).isEqualTo("1.5e-300");
        assertThat(XapiNumbers.format(1763800000.5)).isEqualTo("1763800000.5");
    }
}
