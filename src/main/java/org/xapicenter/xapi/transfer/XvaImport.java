package org.xapicenter.xapi.transfer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xapicenter.xapi.Tasks;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.sidechannel.HttpReply;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.transfer.TransferProgress.Phase;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaReader;

/**
 * Imports an XVA file: {@code task.create}, {@code PUT /import?sr_id=&session_id=&task_id=} with a
 * Content-Length (hosts refuse chunked uploads), then waits for the task. Cancel cancels the task and
 * leaves no half-imported VM. One use per instance; {@link #cancel} may be called from any thread.
 *
 * <p>{@code .xva.gz}/{@code .xva.zst} files are sent as they are: xapi's import handler sniffs the
 * compression of what it receives (gzip or zstd magic) and decompresses it itself, and so does the
 * simulator; the Content-Length is then simply the file's size. The file's metadata is read first, so a
 * file that is not an XVA fails before anything reaches the host.
 *
 * <p>xapi answers {@code 200} before it reads the body, a stricter host may answer only after it: the
 * reply is read on a second thread while the body goes out, and an early refusal stops the upload.
 */
public final class XvaImport {
    static final int BUFFER_BYTES = 1024 * 1024;
    /** How long the host may take to create the VM once it has every byte: imports of big VMs are slow. */
    static final Duration FINISH_WAIT = Duration.ofHours(2);
    /** How long the host may take to end the task after a cancel or a broken upload. */
    static final Duration CLEANUP_WAIT = Duration.ofSeconds(30);

    private final XapiSession session;
    private final Path file;
    private final ImportOptions options;
    private final TransferTask task;
    private volatile String servedBy;
    private volatile XvaMetadata metadata;
    private volatile Exception startError;
    private Duration bodyIdle;

    public XvaImport(XapiSession session, Path file, ImportOptions options) {
        this.session = session;
        this.file = file;
        this.options = options == null ? ImportOptions.defaults() : options;
        this.task = new TransferTask(session);
        this.bodyIdle = IdleWatchdog.bodyIdle(session.settings());
    }

    /**
     * Runs the import on the calling thread.
     *
     * @return the refs of the new VMs (the task's result)
     */
    public List<String> run(TransferListener listener) throws XapiException, IOException {
        Throttle progress = new Throttle(listener);
        long size = Files.size(file);
        Compression compression;
        // before anything else, so that a file that is not an XVA fails before a task or a progress bar exists
        try (XvaReader reader = XvaReader.open(new BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
            metadata = reader.metadata();
            compression = reader.compression();
        }
        progress.report(Phase.STARTING, 0, size, 0);
        List<String> vms;
        boolean finished = false;
        try {
            task.create(label(metadata, file), "XapiCenter import ("
                    + compression.name().toLowerCase(java.util.Locale.ROOT) + ", " + size + " bytes)");
            try (TaskWatch watch = new TaskWatch(session, task.ref())) {
                Task outcome = upload(size, watch, progress);
                // the task succeeded: the VM exists, whatever a late cancel or a closed connection says
                finished = true;
                vms = vmRefs(Tasks.outcome(outcome));
            }
        } catch (XapiException | IOException | RuntimeException e) {
            if (!finished && task.cancelled()) {
                throw task.cancelledError();
            }
            throw e;
        } finally {
            if (!finished) {
                settle();
            }
            task.destroy();
        }
        if (options.start()) {
            try {
                startFirstVm(vms);
            } catch (XapiException | IOException | RuntimeException e) {
                startError = e; // a second outcome: the import itself succeeded
            }
        }
        progress.report(Phase.DONE, size, size, 1.0);
        return vms;
    }

    /**
     * Why the new VM could not be started when {@link ImportOptions#start()} asked for it, or null (not
     * asked, or started). The import itself succeeded: {@link #run} returned the VM refs.
     */
    public Exception startError() {
        return startError;
    }

    /** The task's label, seen by every client of the pool: the VM's name as the file gives it. */
    private static String label(XvaMetadata metadata, Path file) {
        String name = null;
        try {
            name = metadata.vm().string("name_label");
        } catch (org.xapicenter.xva.XvaException | RuntimeException e) {
            // a file without a VM object: the file's name says enough
        }
        return "Import of " + (name == null || name.isBlank() ? file.getFileName() : name);
    }

    /** The metadata read from the file before the upload, or null before {@link #run} got that far. */
    public XvaMetadata metadata() {
        return metadata;
    }

    /** Sends the file and waits for the host to finish the task; returns the finished task. */
    private Task upload(long size, TaskWatch watch, Throttle progress) throws XapiException, IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("task_id", task.ref());
        if (options.srRef() != null && !options.srRef().isEmpty()) {
            query.put("sr_id", options.srRef());
        }
        if (options.force()) {
            query.put("force", "true");
        }
        TransferChannel channel = new TransferChannel(session, "/import", query);
        int timeout = SideChannel.replyTimeoutMillis(session.settings());
        while (true) {
            task.checkCancelled();
            SideChannel.Connection connection = channel.connect();
            task.attach(connection);
            IdleWatchdog dog = new IdleWatchdog(bodyIdle, channel.endpoint().host(), connection::abort);
            try {
                Socket socket = connection.socket();
                // the reply may come only once the whole body is in; the watchdog ends a body that stands still
                socket.setSoTimeout(0);
                CompletableFuture<HttpReply> reply = readReplyAsync(socket.getInputStream(), channel);
                OutputStream out = socket.getOutputStream();
                out.write(channel.requestHeader("PUT", size).getBytes(StandardCharsets.ISO_8859_1));
                IOException broken = null;
                try {
                    sendBody(out, size, reply, progress, watch, dog);
                } catch (IOException e) {
                    broken = e;
                }
                dog.close(); // from here the host builds the VM: its time is FINISH_WAIT's
                task.checkCancelled();
                if (dog.tripped()) {
                    throw stalled(dog, watch);
                }
                HttpReply answer = await(reply, broken == null ? timeout : 2_000);
                if (answer == null) {
                    if (broken != null) {
                        return brokenUpload(channel, broken, watch);
                    }
                    throw new IOException("The host " + channel.endpoint().host() + " did not answer the import within "
                            + Math.max(1, timeout / 1000) + " s.");
                }
                if (answer.status() != 200) {
                    if (!TransferChannel.mayRetry(answer)) {
                        failedTaskFirst(watch);
                    }
                    if (channel.retryAfter(answer)) {
                        continue;
                    }
                }
                if (broken != null) {
                    return brokenUpload(channel, broken, watch);
                }
                servedBy = channel.endpoint().host();
                Task done = watch.awaitFinished(FINISH_WAIT, p -> progress.report(Phase.FINISHING, size, size, p));
                if (done == null) {
                    throw new XapiException("XAPICENTER_TASK_TIMEOUT", List.of(task.ref()));
                }
                return done;
            } catch (IOException e) {
                if (task.cancelled()) {
                    throw task.cancelledError();
                }
                if (dog.tripped()) {
                    throw stalled(dog, watch);
                }
                throw e;
            } finally {
                dog.close();
                connection.abort();
            }
        }
    }

    /** The host's own error when it failed the task meanwhile, else STALLED. */
    private XapiException stalled(IdleWatchdog dog, TaskWatch watch) throws XapiException, IOException {
        failedTaskFirst(watch);
        return dog.error();
    }

    /** For tests: how long the body may stand still before the upload is given up. */
    XvaImport bodyIdleTimeout(Duration idle) {
        this.bodyIdle = idle;
        return this;
    }

    /** Streams the file: large reads, straight into the socket, nothing per byte; stops at an early refusal. */
    private void sendBody(OutputStream out, long size, CompletableFuture<HttpReply> reply, Throttle progress,
                          TaskWatch watch, IdleWatchdog dog) throws IOException {
        byte[] buf = new byte[BUFFER_BYTES];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long sent = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (sent < size) {
                if (reply.isDone() && !isOk(reply)) {
                    return; // refused or redirected: the rest of the body is not wanted
                }
                bb.clear();
                int n = in.read(bb);
                if (n < 0) {
                    throw new IOException("The file " + file.getFileName() + " shrank while it was being sent ("
                            + sent + " of " + size + " bytes).");
                }
                int len = (int) Math.min(n, size - sent);
                out.write(buf, 0, len);
                dog.moved();
                sent += len;
                progress.report(Phase.TRANSFERRING, sent, size, watch.progress());
            }
        }
        progress.reportNow(Phase.TRANSFERRING, sent, size, watch.progress());
        out.flush();
    }

    private static boolean isOk(CompletableFuture<HttpReply> reply) {
        try {
            return reply.getNow(null) != null && reply.getNow(null).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads the reply header on a daemon thread, so the upload goes on while the host answers. */
    private static CompletableFuture<HttpReply> readReplyAsync(InputStream in, TransferChannel channel) {
        CompletableFuture<HttpReply> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(HttpReply.parse(SideChannel.readHeader(in, channel.endpoint(), 0), channel.endpoint()));
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "import-reply");
        t.setDaemon(true);
        t.start();
        return future;
    }

    /** The reply, or null if none came within {@code millis}; a failed read is rethrown as it was. */
    private static HttpReply await(CompletableFuture<HttpReply> reply, int millis) throws IOException {
        try {
            return reply.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the host's answer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(SideChannel.oneLine(e), e.getCause());
        }
    }

    /**
     * After the connection broke: the finished task when the host succeeded anyway (it may close once
     * it has read all it needs), else the host's error when it failed the task (a bad checksum, a full
     * SR), else the network's.
     */
    private Task brokenUpload(TransferChannel channel, IOException broken, TaskWatch watch)
            throws XapiException, IOException {
        Task t = watch.awaitFinished(CLEANUP_WAIT, p -> {
        });
        if (t != null && t.status() == Task.Status.SUCCESS) {
            servedBy = channel.endpoint().host();
            return t;
        }
        if (t != null) {
            Tasks.outcome(t);
        }
        throw new IOException("The connection to " + channel.endpoint().host() + " broke during the import: "
                + SideChannel.oneLine(broken) + ".", broken);
    }

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

    /**
     * After a failure or cancel: ends the task, and when an import handler holds it, waits for the host
     * to end it, so that when {@link #run} returns the host has removed what it had created.
     */
    private void settle() {
        String ref = task.ref();
        if (ref == null) {
            return;
        }
        if (!task.end()) {
            return; // ended by us, or already finished: nothing on the host to wait for
        }
        long deadline = System.nanoTime() + CLEANUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Task t = (Task) session.getRecord("task", ref);
                if (t.status().finished()) {
                    return;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (XapiException | IOException | RuntimeException e) {
                return;
            }
        }
    }

    /** The task's result: an XML-RPC array of VM refs (a lone ref from a lax host is taken too). */
    static List<String> vmRefs(Object result) throws XapiException {
        List<String> refs = new ArrayList<>();
        if (result instanceof List<?> list) {
            for (Object o : list) {
                refs.add(String.valueOf(o));
            }
        } else if (result instanceof String s && !s.isBlank()) {
            refs.add(s.trim());
        }
        if (refs.isEmpty()) {
            throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of("the import task returned no VM"));
        }
        return List.copyOf(refs);
    }

    /** Starts the imported VM: the first ref that is neither a snapshot nor a template. */
    private void startFirstVm(List<String> vms) throws XapiException, IOException {
        for (String vm : vms) {
            boolean snapshot = Boolean.TRUE.equals(session.call("VM.get_is_a_snapshot", vm));
            boolean template = Boolean.TRUE.equals(session.call("VM.get_is_a_template", vm));
            if (!snapshot && !template) {
                session.call("VM.start", vm, false, false);
                return;
            }
        }
    }

    /** The host that served the transfer (after redirects), or null before it was served. */
    String servedBy() {
        return servedBy;
    }

    public String taskRef() {
        return task.ref();
    }

    public void cancel() {
        task.cancel();
    }
}
