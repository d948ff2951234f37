package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** retainOnly never drops a disk another import is still writing (review 1.8). */
class DiskContentsRetainTest {
    @Test
    void aDiskBeingWrittenSurvivesRetainOnlyAndADeadOneGoesOnceClosed() throws Exception {
        try (DiskContents contents = new DiskContents()) {
            DiskContents.DiskFile file = contents.create("in-flight");
            file.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
            // Another import's clean-up, whose live set was taken before this VDI existed.
            contents.retainOnly(Set.of());
            assertThat(contents.isImported("in-flight")).isTrue();
            file.write(ByteBuffer.wrap(new byte[] {4}), 3);
            file.close();
            byte[] back = new byte[4];
            contents.source("in-flight", 4).read(0, back, 4);
            assertThat(back).containsExactly(1, 2, 3, 4);
            // Closed and still not live (its VDI was destroyed): now it goes.
            contents.retainOnly(Set.of());
            assertThat(contents.isImported("in-flight")).isFalse();
        }
    }
}
