package org.xapicenter.xapi.cli;

import java.io.PrintStream;

/** The {@code import} command (issue #5). */
public final class ImportCommand {
    private ImportCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        throw new UnsupportedOperationException("not yet");
    }
}
