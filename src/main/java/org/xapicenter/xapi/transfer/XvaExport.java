package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.Tasks;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.sidechannel.HttpReply;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.transfer.TransferProgress.Phase;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.PartFile;
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
    private Duration bodyIdle;

    public XvaExport(XapiSession session, String vmRef, Path target, ExportOptions options) {
        this.session = session;
        this.vmRef = vmRef;
        this.target = target.toAbsolutePath();
        this.options = options == null ? ExportOptions.defaults() : options;
        this.task = new TransferTask(session);
        this.bodyIdle = IdleWatchdog.bodyIdle(session.settings());
    }

    /** Where the bytes go until the export is complete. */
    public static Path partFile(Path target) {
        return PartFile.partOf(target);
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
        boolean done = false;
        try (PartFile part = PartFile.create(target)) {
            task.create("Export of " + vmName(), "XapiCenter export to " + target.getFileName());
            try (TaskWatch watch = new TaskWatch(session, task.ref())) {
                long bytes = download(part, watch, progress);
                XvaSummary summary = options.verify() ? verify(part.path(), bytes, progress) : null;
                if (summary == null) {
                    checkComplete(part.path(), bytes, progress);
                }
                task.checkCancelled();
                part.commit();
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
                task.end(); // the part file is deleted as the try block closes it
            }
            task.destroy();
        }
    }

    /** The VM's name for the task's label, which every client of the pool sees; its ref if it has none. */
    private String vmName() {
        try {
            Object name = session.call("VM.get_name_label", vmRef);
            if (name instanceof String n && !n.isBlank()) {
                return "VM \"" + n + "\"";
            }
        } catch (XapiException | IOException | RuntimeException e) {
            // the export itself will say what is wrong with the VM
        }
        return "VM " + vmRef;
    }

    /** For tests: how long the body may stand still before the export is given up. */
    XvaExport bodyIdleTimeout(Duration idle) {
        this.bodyIdle = idle;
        return this;
    }

    /** Streams the body into {@code part}; returns its length once the task says the export succeeded. */
    private long download(PartFile part, TaskWatch watch, Throttle progress) throws XapiException, IOException {
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
                // between blocks a busy host may be silent for a while (it sends keep-alive blocks after 5 s, but
                // compressing a long zero run takes its time): the body's own idle timeout, not the API's
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, bodyIdle.toMillis())));
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

    private long receive(InputStream in, PartFile part, TaskWatch watch, Throttle progress, TransferChannel channel)
            throws XapiException, IOException {
        long bytes = 0;
        IOException broken = null;
        byte[] buf = new byte[BUFFER_BYTES];
        try (OutputStream file = part.outputStream()) {
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
        if (broken instanceof java.net.SocketTimeoutException) {
            failedTaskFirst(watch); // the host's own error if it failed meanwhile
            throw new XapiException(TransferErrors.STALLED, List.of(channel.endpoint().host(),
                    Long.toString(Math.max(1, bodyIdle.toSeconds()))));
        }
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
        Tasks.outcome(finished); // throws the host's error
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
            Tasks.outcome(t);
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
     * Without verification, checks at least that the file ends where a whole export ends (a task may
     * succeed while the last bytes are still in flight): a compressed file is decompressed to its end
     * (a cut gzip or zstd stream fails), and the tar inside must end with its two zero blocks.
     */
    private void checkComplete(Path part, long total, Throttle progress) throws XapiException, IOException {
        if (options.compression() == Compression.NONE) {
            if (!endsLikeATar(part, total)) {
                throw new XapiException(TransferErrors.INCOMPLETE, List.of(servedBy));
            }
            return;
        }
        progress.report(Phase.VERIFYING, 0, total, 1.0);
        String problem;
        try (InputStream file = new CountingInputStream(Files.newInputStream(part), at -> {
            if (task.cancelled()) {
                throw new CountingInputStream.Cancelled(task.cancelledError());
            }
            progress.report(Phase.VERIFYING, at, total, 1.0);
        })) {
            problem = compressedTarProblem(file, options.compression());
        }
        if (problem != null) {
            throw new XapiException(TransferErrors.TRUNCATED, List.of(problem));
        }
        progress.reportNow(Phase.VERIFYING, total, total, 1.0);
    }

    /**
     * What is wrong with the end of a gzip or zstd compressed tar, or null when the compressed stream
     * ends cleanly and the tar in it ends with its two zero blocks.
     */
    static String compressedTarProblem(InputStream compressed, Compression compression) throws IOException {
        InputStream in;
        try {
            in = switch (compression) {
                case GZIP -> new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(
                        new java.io.BufferedInputStream(compressed, BUFFER_BYTES), true);
                case ZSTD -> new org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream(
                        new java.io.BufferedInputStream(compressed, BUFFER_BYTES));
                default -> throw new IllegalArgumentException("not compressed: " + compression);
            };
        } catch (CountingInputStream.Cancelled e) {
            throw e;
        } catch (IOException e) {
            return "the " + compression.name().toLowerCase(java.util.Locale.ROOT) + " header is damaged";
        }
        long length = 0;
        long trailingZeros = 0;
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                length += n;
                int last = n - 1; // from the end: only the zeros that end what was read so far count
                while (last >= 0 && buf[last] == 0) {
                    last--;
                }
                trailingZeros = last < 0 ? trailingZeros + n : n - 1 - last;
            }
        } catch (CountingInputStream.Cancelled e) {
            throw e;
        } catch (IOException e) {
            return "the " + compression.name().toLowerCase(java.util.Locale.ROOT) + " stream is cut short or damaged";
        }
        if (length % 512 != 0 || trailingZeros < 1024) {
            return "the archive inside the " + compression.name().toLowerCase(java.util.Locale.ROOT)
                    + " stream does not end like a whole tar";
        }
        return null;
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
