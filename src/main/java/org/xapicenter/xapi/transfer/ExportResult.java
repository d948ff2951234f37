package org.xapicenter.xapi.transfer;

import java.nio.file.Path;
import org.xapicenter.xva.XvaSummary;

/**
 * @param file the written file under its final name
 * @param bytes its size
 * @param verification what the verification pass found, or null when none was asked for
 */
public record ExportResult(Path file, long bytes, XvaSummary verification) {
}
