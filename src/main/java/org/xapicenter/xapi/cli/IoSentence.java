package org.xapicenter.xapi.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * One sentence for a failed file operation, for people: {@code Cannot read vm.xva: permission denied.}
 * Never a class name; the JDK's reasons ("No space left on device") are kept, in lower case.
 */
final class IoSentence {
    private IoSentence() {
    }

    /**
     * {@code e} met while doing {@code doing} ("read vm.xva", "convert old to new.xva"); when the exception
     * names its file, that file is named instead.
     */
    static String of(IOException e, String doing) {
        String what = doing;
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            what = (e instanceof FileAlreadyExistsException ? "create "
                    : fs.getFile().endsWith(".part") ? "write " : "read ") + fs.getFile();
        }
        String text = "Cannot " + what + ": " + reason(e);
        text = text.replaceAll("[\\r\\n]+", " ").strip();
        return text.endsWith(".") ? text : text + ".";
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof InterruptedIOException) {
            return "interrupted";
        }
        String why = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (why == null || why.isBlank()) {
            return "input/output error";
        }
        return why.length() > 1 && Character.isUpperCase(why.charAt(0)) && Character.isLowerCase(why.charAt(1))
                ? why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1) : why;
    }
}
