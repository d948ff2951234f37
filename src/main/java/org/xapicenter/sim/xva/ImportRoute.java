package org.xapicenter.sim.xva;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import org.xapicenter.sim.http.Replies;
import org.xapicenter.sim.http.Route;
import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.sim.rpc.TaskManager;
import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaReader;

/**
 * {@code PUT /import?session_id=&task_id=&sr_id=|sr_uuid=[&force=true][&restore=true]}, as xapi's
 * import.ml answers it: 401 without a valid session; no SR named and no default SR: DEFAULT_SR_NOT_FOUND
 * (500); an ISO library: SR_OPERATION_NOT_SUPPORTED (400); a chunked body: 403 and
 * IMPORT_ERROR_CANNOT_HANDLE_CHUNKED. Otherwise {@code HTTP/1.1 200 OK} with {@code task-id} at once,
 * then the body is read as it arrives by a worker ({@link BodyPipe}: flat memory), checked (checksums
 * unless {@code force=true}), turned into a halted VM whose disks keep the bytes; the task's result is
 * the array of new VM refs, and the connection closes. Any failure or cancel undoes everything made.
 * gzip- and zstd-wrapped archives are accepted, as xapi retries with a decompressor.
 */
public final class ImportRoute implements Route {
    private static final AttributeKey<BodyPipe> PIPE = AttributeKey.valueOf("xva-import-pipe");

    private final ObjectStore store;
    private final TaskManager tasks;
    private final VmLifecycle lifecycle;
    private final DiskContents contents;
    private final ExecutorService workers;
    private final String user;
    private final String password;
    private final HostRedirects redirects;
    private final TransferLimits limits;

    public ImportRoute(ObjectStore store, TaskManager tasks, VmLifecycle lifecycle, DiskContents contents,
                       ExecutorService workers, String user, String password, HostRedirects redirects,
                       TransferLimits limits) {
        this.store = store;
        this.tasks = tasks;
        this.lifecycle = lifecycle;
        this.contents = contents;
        this.workers = workers;
        this.user = user;
        this.password = password;
        this.redirects = redirects;
        this.limits = limits;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, io.netty.handler.codec.http.FullHttpRequest request) {
        request.release();
        Replies.text(ctx, false, HttpResponseStatus.METHOD_NOT_ALLOWED, "PUT an XVA to import it");
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public void stream(ChannelHandlerContext ctx, HttpObject part) {
        try {
            if (part instanceof HttpRequest head) {
                ctx.channel().attr(PIPE).set(null);
                start(ctx, head);
            }
            if (part instanceof HttpContent content) {
                BodyPipe pipe = ctx.channel().attr(PIPE).get();
                if (pipe != null) {
                    pipe.offer(content.content().retain());
                    if (content instanceof LastHttpContent) {
                        pipe.end();
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(part);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest head) {
        TransferRequest req = new TransferRequest(head);
        if (!"PUT".equals(head.method().name())) {
            refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "PUT an XVA to import it");
            return;
        }
        if (!req.authenticated(store, user, password)) {
            failGiven(req, Errors.of("SESSION_AUTHENTICATION_FAILED"));
            refuse(ctx, HttpResponseStatus.UNAUTHORIZED, "authentication required");
            return;
        }
        String sr = sr(req);
        if (sr == null) {
            XapiException e = req.param("sr_id") != null || req.param("sr_uuid") != null
                    ? Errors.handleInvalid("SR", String.valueOf(req.param("sr_id") != null ? req.param("sr_id") : req.param("sr_uuid")))
                    : Errors.of("DEFAULT_SR_NOT_FOUND", String.valueOf(defaultSr()));
            failGiven(req, e);
            refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, e.code());
            return;
        }
        String location = redirects.forSr(sr, req);
        if (location != null) {
            HostRedirects.send(ctx, location);
            return;
        }
        TransferTask task = TransferTask.open(tasks, store, req.taskId(), "VM.import");
        if (!task.usable()) {
            refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the task is not pending");
            return;
        }
        if ("iso".equals(store.getString(sr, "content_type"))) {
            task.fail("SR_OPERATION_NOT_SUPPORTED", sr);
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "SR_OPERATION_NOT_SUPPORTED");
            return;
        }
        if (HttpUtil.isTransferEncodingChunked(head) || head.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            task.fail("IMPORT_ERROR_CANNOT_HANDLE_CHUNKED");
            refuse(ctx, HttpResponseStatus.FORBIDDEN, "IMPORT_ERROR_CANNOT_HANDLE_CHUNKED");
            return;
        }
        long length = HttpUtil.getContentLength(head, -1L);
        Channel channel = ctx.channel();
        BodyPipe pipe = new BodyPipe(channel, task::cancelRequested);
        channel.attr(PIPE).set(pipe);
        channel.closeFuture().addListener(f -> pipe.end());
        // xapi answers before it reads a byte of the body: the client learns the task at once.
        HttpResponse ok = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        ok.headers().set("task-id", task.ref());
        ok.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        ok.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(ok);
        boolean force = req.flag("force");
        boolean restore = req.flag("restore");
        try {
            workers.execute(() -> run(channel, pipe, task, sr, length, force, restore));
        } catch (RejectedExecutionException e) {
            task.fail("INTERNAL_ERROR", "simulator shutting down");
            channel.close();
        }
    }

    private void run(Channel channel, BodyPipe pipe, TransferTask task, String sr, long length, boolean force,
                     boolean restore) {
        // Disks destroyed since the last import give their files back.
        contents.retainOnly(liveDisks(store));
        ImportedObjects made = new ImportedObjects(store, lifecycle, sr, restore);
        XapiException failure = null;
        Pacer pacer = new Pacer(limits.bytesPerSecond(), task::cancelRequested);
        try (XvaReader reader = XvaReader.open(pacer.limited() ? new PacedInputStream(pipe, pacer) : pipe)) {
            task.checkCancelled();
            made.create(reader.metadata());
            reader.readDisks(new Sink(made, task, pipe, length), !force);
            task.checkCancelled();
        } catch (XapiException e) {
            failure = e;
        } catch (SinkStop e) {
            failure = e.reason;
        } catch (XvaException e) {
            failure = task.cancelRequested() ? Errors.taskCancelled(task.ref()) : ImportErrors.of(e);
        } catch (IOException | RuntimeException e) {
            failure = task.cancelRequested() ? Errors.taskCancelled(task.ref())
                    : e.getCause() instanceof SinkStop s ? s.reason
                    : Errors.of("IMPORT_ERROR_GENERIC", String.valueOf(e.getMessage()));
        } finally {
            pipe.close();
        }
        if (failure == null) {
            task.succeed(List.of(made.vm()));
        } else {
            List<String> uuids = made.diskUuids();
            made.destroyAll();
            uuids.forEach(contents::forget);
            task.fail(failure);
        }
        channel.close();
    }

    /** Writes each rebuilt disk into its VDI's sparse file; checks for a cancel at every block. */
    private final class Sink implements DiskSink {
        private final ImportedObjects made;
        private final TransferTask task;
        private final BodyPipe pipe;
        private final long length;
        private DiskContents.DiskFile file;
        private String vdi;
        private long data;

        Sink(ImportedObjects made, TransferTask task, BodyPipe pipe, long length) {
            this.made = made;
            this.task = task;
            this.pipe = pipe;
            this.length = length;
        }

        @Override
        public void begin(XvaDisk disk) throws IOException {
            vdi = made.vdiOf(disk.id());
            if (vdi == null) {
                throw new XvaException(XvaException.Problem.UNEXPECTED_MEMBER, disk.id(),
                        "blocks for a disk the VM does not have");
            }
            file = contents.create(store.getString(vdi, "uuid"));
            data = 0;
        }

        @Override
        public void write(long offset, byte[] bytes, int count) throws IOException {
            try {
                task.checkCancelled();
            } catch (XapiException e) {
                throw new SinkStop(e);
            }
            file.write(ByteBuffer.wrap(bytes, 0, count), offset);
            data += count;
            if (length > 0) {
                task.progress((double) pipe.consumed() / length);
            }
        }

        @Override
        public void end(XvaDisk disk, long size) throws IOException {
            try {
                // The file ends where the disk does, however many zeros were skipped at its end.
                file.extendTo(size);
            } finally {
                file.close();
            }
            try {
                made.grow(vdi, data);
            } catch (XapiException e) {
                throw new SinkStop(e);
            }
        }
    }

    /** An XAPI error raised inside the sink, carried out through the reader. */
    private static final class SinkStop extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient XapiException reason;

        SinkStop(XapiException reason) {
            super(reason.getMessage());
            this.reason = reason;
        }
    }

    private String sr(TransferRequest req) {
        String ref = req.param("sr_id");
        if (ref == null && req.param("sr_uuid") != null) {
            ref = store.refByUuid(req.param("sr_uuid")).orElse(null);
            if (ref == null) {
                return null;
            }
        }
        if (ref == null) {
            ref = defaultSr();
        }
        return ref != null && store.isA(ref, "SR") ? ref : null;
    }

    private String defaultSr() {
        return store.refs("pool").stream().map(p -> store.getString(p, "default_SR")).findFirst().orElse(null);
    }

    private void failGiven(TransferRequest req, XapiException e) {
        String given = req.taskId();
        if (given != null && store.isA(given, "task") && tasks.attend(given)) {
            tasks.finishFailure(given, e);
        }
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        Replies.text(ctx, false, status, text);
    }

    /** Uuids of live VDIs, for {@link DiskContents#retainOnly}. */
    static Set<String> liveDisks(ObjectStore store) {
        return store.atomically(() -> {
            Set<String> out = new HashSet<>();
            for (String vdi : store.refs("VDI")) {
                out.add(store.getString(vdi, "uuid"));
            }
            return out;
        });
    }
}
