package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The simulator command's scale options. */
class ScaleCommandTest {
    @Test
    void scaleOptionsReachTheSimulator() {
        SimulatorOptions o = SimulatorCommand.parse(new String[]{"simulator", "--hosts", "4", "--vms", "1000", "--seed", "9",
                "--churn", "50", "--save", "pool.db", "--port", "0"});
        assertThat(o.seed()).isEqualTo(9);
        assertThat(o.scale().hosts()).isEqualTo(4);
        assertThat(o.scale().vms()).isEqualTo(1000);
        assertThat(o.scale().churnPerSecond()).isEqualTo(50.0);
        assertThat(o.scale().saveFile()).isEqualTo(Path.of("pool.db"));
        assertThat(SimulatorCommand.parse(new String[]{"--vms", "10000"}).scale().hosts()).isEqualTo(16);
        assertThat(SimulatorCommand.parse(new String[]{"--state", "state.db"}).scale().stateFile()).isEqualTo(Path.of("state.db"));
        assertThat(SimulatorCommand.USAGE).contains("--vms M", "--state FILE", "--churn R");
    }

    @Test
    void badScaleOptionsAreNamed() {
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[]{"--state", "s.db", "--vms", "5"}))
                .hasMessageContaining("--state");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[]{"--hosts", "0"})).hasMessageContaining("--hosts");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[]{"--churn", "-1"})).hasMessageContaining("--churn");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[]{"--seed", "x"})).hasMessageContaining("--seed");
    }
}
