package org.xapicenter.xapi.metrics;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.xapicenter.rrd.RrdFormatException;
import org.xapicenter.xapi.ErrorTexts;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.sidechannel.SideChannelException;

/**
 * A request for performance data that did not give a document: the message is the one sentence a user
 * reads (it names the host, never the session). {@link #status} is the HTTP status when the host answered.
 */
final class FetchFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    FetchFailure(String sentence, int status, Throwable cause) {
        super(sentence, cause);
        this.status = status;
    }

    /** The HTTP status the host answered with, or 0 when it did not answer. */
    int status() {
        return status;
    }

    /** A 404: the object has no data there; asking again will not help. */
    boolean notFound() {
        return status == 404;
    }

    /**
     * The sentence for any failure of a fetch: our own and the side channel's are written for people,
     * a parser's names what is wrong and where, an XAPI error goes through {@link ErrorTexts} with every
     * ref (the session's among them) hidden.
     */
    static String sentence(Throwable error) {
        // whatever a host or a library wrote: no session ref survives
        return describe(error).replaceAll("OpaqueRef:[^\\s,;)\\]]*", "OpaqueRef:...");
    }

    private static String describe(Throwable error) {
        if (error instanceof FetchFailure || error instanceof SideChannelException || error instanceof RrdFormatException) {
            return error.getMessage();
        }
        if (error instanceof XapiException x) {
            return ErrorTexts.get().describe(x, ref -> ref != null && ref.startsWith("OpaqueRef:") ? "(a reference)" : ref);
        }
        if (error instanceof SocketTimeoutException) {
            return "The host did not answer in time.";
        }
        if (error instanceof IOException io) {
            return "Reading performance data failed: " + SideChannel.printable(SideChannel.oneLine(io)) + ".";
        }
        return "Reading performance data failed unexpectedly (" + error.getClass().getSimpleName() + ").";
    }
}
