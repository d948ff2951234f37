package org.xapicenter.ui.perf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.xapicenter.xva.PartFile;

/**
 * Writes an image as PNG through the project's part file: nobody ever sees half a picture under the name.
 * The one PNG writer of the Performance tab (its export and a chart's {@link TimeChart#snapshot()}).
 */
public final class PngFile {
    private PngFile() {
    }

    /** Blocking (encoding and disk): call it on a background thread, never the FX thread. */
    public static void write(Image image, Path target) throws IOException {
        try (PartFile part = PartFile.create(target)) {
            try (OutputStream out = part.outputStream()) {
                if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out)) {
                    throw new IOException("this Java has no PNG writer");
                }
            }
            part.commit();
        }
    }
}
