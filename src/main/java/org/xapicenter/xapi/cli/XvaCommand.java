package org.xapicenter.xapi.cli;

import java.io.PrintStream;

/** The {@code xva} command (issue #5). */
public final class XvaCommand {
    private XvaCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        throw new UnsupportedOperationException("not yet");
    }
}
