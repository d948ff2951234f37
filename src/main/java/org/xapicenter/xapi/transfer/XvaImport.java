package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

/**
 * Imports an XVA file: {@code task.create}, {@code PUT /import?sr_id=&session_id=&task_id=} with a
 * Content-Length (hosts refuse chunked uploads), {@code .xva.gz}/{@code .xva.zst} sent as they are when
 * the host takes them or decompressed on the fly, then waits for the task. Cancel cancels the task and
 * leaves no half-imported VM. One use per instance; {@link #cancel} may be called from any thread.
 */
public final class XvaImport {
    public XvaImport(XapiSession session, Path file, ImportOptions options) {
        throw new UnsupportedOperationException("xapi-transfer");
    }

    /**
     * Runs the import on the calling thread.
     *
     * @return the refs of the new VMs (the task's result)
     */
    public List<String> run(TransferListener listener) throws XapiException, IOException {
        throw new UnsupportedOperationException("xapi-transfer");
    }

    public String taskRef() {
        throw new UnsupportedOperationException("xapi-transfer");
    }

    public void cancel() {
        throw new UnsupportedOperationException("xapi-transfer");
    }
}
