package org.xapicenter.xapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a host's {@code address} field becomes the host of a side channel's URL. */
class RrdRequestTest {

    @Test
    void anIpv6AddressIsBracketedAsAUrlNamesItAndOthersAreKept() {
        assertThat(RrdRequest.urlHost("fe80::1")).isEqualTo("[fe80::1]");
        assertThat(RrdRequest.urlHost("[fe80::1]")).isEqualTo("[fe80::1]");
        assertThat(RrdRequest.urlHost(" 192.0.2.7 ")).isEqualTo("192.0.2.7");
        assertThat(RrdRequest.urlHost("host-1.example")).isEqualTo("host-1.example");
    }
}
