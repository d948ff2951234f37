package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.nio.file.Path;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

/**
 * Exports one VM to a file: {@code task.create}, {@code GET /export?ref=&session_id=&task_id=} (a 302 to
 * another host followed), streamed into {@code <target>.part}, optionally verified, then renamed to
 * {@code target}. On failure or cancel the part file is deleted and the task cancelled. One use per
 * instance; {@link #cancel} may be called from any thread.
 */
public final class XvaExport {
    public XvaExport(XapiSession session, String vmRef, Path target, ExportOptions options) {
        throw new UnsupportedOperationException("xapi-transfer");
    }

    /**
     * Runs the export on the calling thread.
     *
     * @throws XapiException the host's error (error_info of the task), or TASK_CANCELLED after {@link #cancel}
     * @throws IOException the connection or the file failed (message says which and where)
     */
    public ExportResult run(TransferListener listener) throws XapiException, IOException {
        throw new UnsupportedOperationException("xapi-transfer");
    }

    /** The task the export is attached to, or null before it exists. */
    public String taskRef() {
        throw new UnsupportedOperationException("xapi-transfer");
    }

    /** Cancels the task and stops the transfer; {@link #run} then throws TASK_CANCELLED. */
    public void cancel() {
        throw new UnsupportedOperationException("xapi-transfer");
    }
}
