package org.xapicenter.ui.perf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.xapicenter.xva.PartFile;

/** Writes a snapshot of the graphs as PNG, under a part file renamed at the end. */
final class PngExport {
    private PngExport() {
    }

    /** Blocking: never on the FX thread (the image was taken there, encoding it is not). */
    static void write(Path target, Image image) throws IOException {
        var buffered = SwingFXUtils.fromFXImage(image, null);
        try (PartFile part = PartFile.create(target)) {
            try (OutputStream out = part.outputStream()) {
                if (!ImageIO.write(buffered, "png", out)) {
                    throw new IOException("No PNG writer is available.");
                }
            }
            part.commit();
        }
    }
}
