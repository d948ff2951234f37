package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code simulator --vnc-proxy HOST:PORT} and its builder twin. */
class VncProxyOptionTest {

    @Test
    void hostAndPortAreParsedIpv6InBrackets() {
        SimulatorOptions o = SimulatorCommand.parse(new String[] {"--vnc-proxy", "127.0.0.1:5901"});
        assertThat(o.externalVncHost()).isEqualTo("127.0.0.1");
        assertThat(o.externalVncPort()).isEqualTo(5901);
        SimulatorOptions v6 = SimulatorCommand.parse(new String[] {"simulator", "--vnc-proxy", "[::1]:5900"});
        assertThat(v6.externalVncHost()).isEqualTo("::1");
        assertThat(v6.externalVncPort()).isEqualTo(5900);
        assertThat(SimulatorCommand.parse(new String[0]).externalVncHost()).isNull();
    }

    @Test
    void badValuesAreRefusedWithTheOptionNamed() {
        for (String bad : new String[] {"5900", "host:", ":5900", "host:0", "host:70000", "host:x"}) {
            assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--vnc-proxy", bad}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--vnc-proxy");
        }
        assertThatThrownBy(() -> SimulatorOptions.builder().externalVnc("", 5900).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
