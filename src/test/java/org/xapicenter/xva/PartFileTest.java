package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFileTest {
    @TempDir
    Path dir;

    @Test
    void nothingHasTheFinalNameUntilCommitThenOnlyTheFinalNameExists() throws IOException {
        Path target = dir.resolve("vm.xva");
        Files.writeString(target, "old");
        try (PartFile part = PartFile.create(target)) {
            assertEquals(dir.resolve("vm.xva.part"), part.path());
            try (OutputStream out = part.outputStream()) {
                out.write("new ".getBytes(StandardCharsets.US_ASCII));
            }
            part.channel().write(ByteBuffer.wrap("bytes".getBytes(StandardCharsets.US_ASCII)), 4);
            assertEquals("old", Files.readString(target));
            part.commit();
            assertTrue(part.committed());
        }
        assertEquals("new bytes", Files.readString(target));
        assertFalse(Files.exists(dir.resolve("vm.xva.part")));
    }

    @Test
    void closingWithoutCommitDeletesThePartAndLeavesTheOldFile() throws IOException {
        Path target = dir.resolve("vm.xva");
        Files.writeString(target, "old");
        try (PartFile part = PartFile.create(target); OutputStream out = part.outputStream()) {
            out.write(1);
        }
        assertFalse(Files.exists(PartFile.partOf(target)));
        assertEquals("old", Files.readString(target));
    }

    @Test
    void aLeftoverPartFileIsReplacedAndAbortIsFinal() throws IOException {
        Path target = dir.resolve("disk.raw");
        Files.writeString(PartFile.partOf(target), "leftover of a crash");
        PartFile part = PartFile.create(target);
        assertEquals(0, Files.size(part.path()));
        part.setLength(3L << 30); // a hole: costs no space
        assertEquals(3L << 30, Files.size(part.path()));
        part.abort();
        assertFalse(Files.exists(part.path()));
        assertFalse(Files.exists(target));
        assertThrows(IOException.class, part::channel);
    }

    @Test
    void finishedPartsStayUntilCommitted() throws IOException {
        Path target = dir.resolve("disk.raw");
        try (PartFile part = PartFile.create(target)) {
            part.channel().write(ByteBuffer.wrap(new byte[] {7, 8}));
            part.finish();
            assertThrows(IOException.class, part::outputStream);
            assertArrayEquals(new byte[] {7, 8}, Files.readAllBytes(part.path()));
            part.commit();
        }
        assertArrayEquals(new byte[] {7, 8}, Files.readAllBytes(target));
    }
}
