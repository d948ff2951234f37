package org.xapicenter.xapi.cli;

import java.io.PrintStream;

/** The {@code export} command (issue #5). */
public final class ExportCommand {
    private ExportCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        throw new UnsupportedOperationException("not yet");
    }
}
