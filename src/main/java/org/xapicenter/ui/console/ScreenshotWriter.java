package org.xapicenter.ui.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.xapicenter.rfb.Framebuffer;

/**
 * Writes a console screenshot as PNG, atomically: to a temporary file beside the target, then moved
 * over it, so a crash or a full disk never leaves a half-written image under the chosen name.
 * Blocking: call it off the FX thread.
 */
final class ScreenshotWriter {
    private ScreenshotWriter() {
    }

    static void write(Framebuffer.Snapshot shot, Path target) throws IOException {
        BufferedImage img = new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, shot.width(), shot.height(), shot.argb(), 0, shot.width());
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".screenshot-", ".png.part");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("This Java runtime cannot write PNG images.");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
