package org.xapicenter.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class SnapshotPngTest {

    @Test
    void writesThePixelsAsPngAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Framebuffer fb = new Framebuffer(7, 5);
        fb.fill(1, 1, 3, 2, 0xFF12AB34);
        fb.fill(6, 4, 1, 1, 0xFFFFFFFF);
        Path target = dir.resolve("shot.png");
        Files.writeString(target, "an older file, replaced whole");
        SnapshotPng.write(fb.snapshot(), target);

        BufferedImage img = ImageIO.read(target.toFile());
        assertEquals(7, img.getWidth());
        assertEquals(5, img.getHeight());
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(fb.pixel(x, y), img.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
