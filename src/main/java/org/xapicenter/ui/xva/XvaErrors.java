package org.xapicenter.ui.xva;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.function.UnaryOperator;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xva.XvaException;

/**
 * One sentence for whatever an XVA transfer or inspection throws: the file's own damage (with the
 * member where it is), a local file problem, or the server's error through {@link FriendlyErrors}.
 * Never a stack trace.
 */
final class XvaErrors {
    private XvaErrors() {
    }

    static String describe(Throwable error) {
        return describe(error, UnaryOperator.identity());
    }

    static String describe(Throwable error, UnaryOperator<String> names) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XapiException) {
                break; // the server's word wins over whatever wrapped it
            }
            if (t instanceof XvaException x) {
                return damage(x);
            }
            if (t instanceof NoSuchFileException f) {
                return "The file " + f.getFile() + " does not exist.";
            }
            if (t instanceof AccessDeniedException f) {
                return "XapiCenter may not access " + f.getFile() + ": check its permissions.";
            }
            if (t instanceof FileAlreadyExistsException f) {
                return "The file " + f.getFile() + " already exists.";
            }
        }
        return FriendlyErrors.get().describe(error, names);
    }

    /** The reader's sentence, plus where in the file unless the sentence already says so. */
    static String damage(XvaException x) {
        String sentence = x.getMessage() == null ? "The file is not a valid XVA." : x.getMessage().strip();
        String where = x.where();
        if (where == null || where.isBlank() || sentence.contains(where)
                || where.startsWith("offset ") && sentence.contains(where.substring("offset ".length()))) {
            return sentence; // it already says where
        }
        return sentence + (sentence.endsWith(".") ? "" : ".") + " (at " + where + ")";
    }
}
