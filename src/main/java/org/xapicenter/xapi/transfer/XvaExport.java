package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.sidechannel.HttpReply;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.transfer.TransferProgress.Phase;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.XvaSummary;

/**
 * Exports one VM to a file: {@code task.create}, {@code GET /export?ref=&session_id=&task_id=} (a 302 to
 * another host followed), streamed into {@code <target>.part}, optionally verified, then renamed to
 * {@code target}. On failure or cancel the part file is deleted and the task cancelled. One use per
 * instance; {@link #cancel} may be called from any thread.
 *
 * <p>The body has no Content-Length and ends when the host closes the connection, so the end of the
 * stream alone does not prove the export complete: the task's final status must be {@code success}
 * (and, when verifying, the reader must find every block and checksum).
 */
public final class XvaExport {
    /** Bytes per read and write: large, so that throughput is the disk's or the network's. */
    static final int BUFFER_BYTES = 1024 * 1024;
    /** How long the task may take to say how it ended once the connection has closed. */
    static final Duration FINISH_WAIT = Duration.ofSeconds(60);

    private final XapiSession session;
    private final String vmRef;
    private final Path target;
    private final ExportOptions options;
    private final TransferTask task;
    private volatile String servedBy;

    public XvaExport(XapiSession session, String vmRef, Path target, ExportOptions options) {
        this.session = session;
        this.vmRef = vmRef;
        this.target = target.toAbsolutePath();
        this.options = options == null ? ExportOptions.defaults() : options;
        this.task = new TransferTask(session);
    }

    /** Where the bytes go until the export is complete. */
    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Runs the export on the calling thread.
     *
     * @throws XapiException the host's error (error_info of the task), or TASK_CANCELLED after {@link #cancel}
     * @throws IOException the connection or the file failed (message says which and where)
     */
    public ExportResult run(TransferListener listener) throws XapiException, IOException {
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            // before the task and any progress: nothing to undo on the host for a typo in a path
            throw new java.nio.file.NoSuchFileException(target.getParent().toString(), null, "no such folder");
        }
        Throttle progress = new Throttle(listener);
        progress.report(Phase.STARTING, 0, -1, 0);
        Path part = partFile(target);
        boolean done = false;
        try {
            task.create("Export of VM " + vmRef, "XapiCenter export to " + target.getFileName());
            try (TaskWatch watch = new TaskWatch(session, task.ref())) {
                long bytes = download(part, watch, progress);
                XvaSummary summary = options.verify() ? verify(part, bytes, progress) : null;
                if (summary == null && options.compression() == Compression.NONE && !endsLikeATar(part, bytes)) {
                    throw new XapiException(TransferErrors.INCOMPLETE, List.of(servedBy));
                }
                task.checkCancelled();
                move(part, target);
                done = true;
                progress.report(Phase.DONE, bytes, bytes, 1.0);
                return new ExportResult(target, bytes, summary);
            }
        } catch (CountingInputStream.Cancelled e) {
            throw e.error();
        } catch (XapiException | IOException | RuntimeException e) {
            if (task.cancelled()) {
                throw task.cancelledError();
            }
            throw e;
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
                task.cancelTask();
            }
            task.destroy();
        }
    }

    /** Streams the body into {@code part}; returns its length once the task says the export succeeded. */
    private long download(Path part, TaskWatch watch, Throttle progress) throws XapiException, IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("ref", vmRef);
        query.put("task_id", task.ref());
        switch (options.compression()) {
            case GZIP -> query.put("use_compression", "true");
            case ZSTD -> query.put("use_compression", "zstd");
            default -> {
            }
        }
        TransferChannel channel = new TransferChannel(session, "/export", query);
        while (true) {
            task.checkCancelled();
            SideChannel.Connection connection = channel.connect();
            task.attach(connection);
            try {
                Socket socket = connection.socket();
                OutputStream out = socket.getOutputStream();
                out.write(channel.requestHeader("GET", -1).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                HttpReply reply = HttpReply.parse(SideChannel.readHeader(in,
                        channel.endpoint(), SideChannel.replyTimeoutMillis(session.settings())), channel.endpoint());
                if (reply.status() != 200) {
                    if (!TransferChannel.mayRetry(reply)) {
                        failedTaskFirst(watch);
                    }
                    if (channel.retryAfter(reply)) {
                        continue;
                    }
                }
                // between blocks a busy host may be silent for a while; it sends keep-alive blocks after 5 s
                socket.setSoTimeout(SideChannel.replyTimeoutMillis(session.settings()));
                servedBy = channel.endpoint().host();
                return receive(in, part, watch, progress, channel);
            } catch (IOException e) {
                if (task.cancelled()) {
                    throw task.cancelledError();
                }
                failedTaskFirst(watch);
                throw e;
            } finally {
                connection.abort();
            }
        }
    }

    private long receive(InputStream in, Path part, TaskWatch watch, Throttle progress, TransferChannel channel)
            throws XapiException, IOException {
        long bytes = 0;
        IOException broken = null;
        byte[] buf = new byte[BUFFER_BYTES];
        try (OutputStream file = Files.newOutputStream(part, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    file.write(buf, 0, n);
                    bytes += n;
                    progress.report(Phase.TRANSFERRING, bytes, -1, watch.progress());
                }
            } catch (IOException e) {
                task.checkCancelled();
                broken = e; // the task says whether the host failed or the network did
            }
        }
        task.checkCancelled();
        long total = bytes;
        progress.reportNow(Phase.TRANSFERRING, bytes, -1, watch.progress());
        Task finished = watch.awaitFinished(FINISH_WAIT,
                p -> progress.report(Phase.FINISHING, total, -1, p));
        if (finished == null) {
            if (broken != null) {
                throw new IOException("The connection to " + channel.endpoint().host() + " broke after "
                        + bytes + " bytes of the export: " + SideChannel.oneLine(broken) + ".", broken);
            }
            throw new XapiException(TransferErrors.INCOMPLETE, List.of(channel.endpoint().host()));
        }
        TaskWatch.outcome(finished); // throws the host's error
        if (broken != null) {
            throw new IOException("The connection to " + channel.endpoint().host() + " broke after "
                    + bytes + " bytes of the export: " + SideChannel.oneLine(broken) + ".", broken);
        }
        return bytes;
    }

    /** When the host has failed the task (a VM that is running, say), its error says more than HTTP. */
    private void failedTaskFirst(TaskWatch watch) throws XapiException, IOException {
        Task t;
        try {
            t = watch.awaitFinished(Duration.ofSeconds(1), p -> {
            });
        } catch (XapiException | IOException e) {
            return;
        }
        if (t != null && t.status() != Task.Status.SUCCESS) {
            TaskWatch.outcome(t);
        }
    }

    private XvaSummary verify(Path part, long total, Throttle progress) throws IOException {
        progress.report(Phase.VERIFYING, 0, total, 1.0);
        InputStream file = Files.newInputStream(part);
        CountingInputStream counting = new CountingInputStream(file, at -> {
            if (task.cancelled()) {
                throw new CountingInputStream.Cancelled(task.cancelledError());
            }
            progress.report(Phase.VERIFYING, at, total, 1.0);
        });
        try (XvaReader reader = XvaReader.open(new java.io.BufferedInputStream(counting, BUFFER_BYTES))) {
            XvaSummary summary = reader.readDisks(DiskSink.DISCARD, true);
            progress.reportNow(Phase.VERIFYING, total, total, 1.0);
            return summary;
        }
    }

    /**
     * Without verification, the one cheap sign that a plain tar is whole: a length in 512-byte blocks and
     * the two zero blocks that end every archive (a task may succeed while the bytes are still in flight).
     */
    static boolean endsLikeATar(Path file, long bytes) throws IOException {
        if (bytes < 1024 || bytes % 512 != 0) {
            return false;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(1024);
            long at = bytes - 1024;
            while (end.hasRemaining()) {
                int n = ch.read(end, at + end.position());
                if (n < 0) {
                    return false;
                }
            }
            for (byte b : end.array()) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Gives the finished file its name in one step, so no reader ever sees half of it under that name. */
    static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The host that served the transfer (after redirects), or null before it was served. */
    String servedBy() {
        return servedBy;
    }

    /** The task the export is attached to, or null before it exists. */
    public String taskRef() {
        return task.ref();
    }

    /** Cancels the task and stops the transfer; {@link #run} then throws TASK_CANCELLED. */
    public void cancel() {
        task.cancel();
    }
}
