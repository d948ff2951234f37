package org.xapicenter.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

class ConsoleBufferTest {
    @Test
    void aSizeThatFitsReusesTheDirectMemoryAndALargerOneAllocates() {
        IntBuffer big = ConsoleModel.backingFor(null, 800, 600);
        assertThat(big.isDirect()).isTrue();
        assertThat(big.capacity()).isEqualTo(800 * 600);
        // Flapping down and back up stays in the same memory.
        assertThat(ConsoleModel.backingFor(big, 640, 480)).isSameAs(big);
        assertThat(ConsoleModel.backingFor(big, 800, 600)).isSameAs(big);
        IntBuffer bigger = ConsoleModel.backingFor(big, 1024, 768);
        assertThat(bigger).isNotSameAs(big);
        assertThat(bigger.capacity()).isEqualTo(1024 * 768);
    }

    @Test
    void theViewIsExactlyTheScreenAndSharesTheMemory() {
        IntBuffer backing = ConsoleModel.backingFor(null, 800, 600);
        IntBuffer small = ConsoleModel.view(backing, 640, 480);
        assertThat(small.position()).isZero();
        assertThat(small.capacity()).isEqualTo(640 * 480);
        assertThat(small.limit()).isEqualTo(640 * 480);
        small.put(5, 0xFF123456);
        assertThat(backing.get(5)).isEqualTo(0xFF123456);
    }
}
