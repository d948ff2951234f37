package org.xapicenter.rfb;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Writes a {@link Framebuffer.Snapshot} as a PNG without ever leaving a half-written file under the
 * final name: the image goes to a temporary file in the same directory (so the move cannot cross file
 * systems), which then replaces the target in one rename. A script polling the target sees the old
 * picture or the new one, never a torn one.
 */
public final class SnapshotPng {
    private SnapshotPng() {
    }

    public static void write(Framebuffer.Snapshot snapshot, Path target) throws IOException {
        BufferedImage image = new BufferedImage(snapshot.width(), snapshot.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, snapshot.width(), snapshot.height(), snapshot.argb(), 0, snapshot.width());
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("this Java has no PNG writer");
                }
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
