package org.xapicenter.sim.xva;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.xapicenter.sim.http.Replies;
import org.xapicenter.sim.http.Route;
import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.sim.rpc.TaskManager;
import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xva.ChecksumKind;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaWriter;

/**
 * {@code GET /export?session_id=&task_id=&ref=|uuid=[&use_compression=true|gzip|zstd]}, as xapi's
 * export.ml answers it: 401 without a valid session; a VM that is neither Halted nor Suspended fails the
 * task with VM_BAD_POWER_STATE and gets a 500 (xapi's answer to an exception before its headers);
 * otherwise {@code HTTP/1.0 200 OK} with {@code task-id}, no Content-Length, and the XVA streamed until
 * the connection closes. The VM is marked with the export in its {@code current_operations} meanwhile.
 * A cancel stops the stream at the next block and closes the connection.
 */
public final class ExportRoute implements Route {
    private final ObjectStore store;
    private final TaskManager tasks;
    private final VmLifecycle lifecycle;
    private final DiskContents contents;
    private final ExecutorService workers;
    private final String user;
    private final String password;
    private final HostRedirects redirects;
    private final TransferLimits limits;

    public ExportRoute(ObjectStore store, TaskManager tasks, VmLifecycle lifecycle, DiskContents contents, ExecutorService workers,
                       String user, String password, HostRedirects redirects,
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
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        TransferRequest req = new TransferRequest(request);
        request.release();
        if (!req.authenticated(store, user, password)) {
            String given = req.taskId();
            if (given != null && store.isA(given, "task") && tasks.attend(given)) {
                tasks.finishFailure(given, Errors.of("SESSION_AUTHENTICATION_FAILED"));
            }
            Replies.text(ctx, false, HttpResponseStatus.UNAUTHORIZED, "authentication required");
            return;
        }
        String vm = vm(req);
        if (vm == null) {
            failEarly(ctx, req, HttpResponseStatus.NOT_FOUND,
                    Errors.handleInvalid("VM", String.valueOf(req.param("ref") != null ? req.param("ref") : req.param("uuid"))));
            return;
        }
        String location = redirects.forVm(vm, req);
        if (location != null) {
            HostRedirects.send(ctx, location);
            return;
        }
        TransferTask task = TransferTask.open(tasks, store, req.taskId(), "VM.export");
        if (!task.usable()) {
            Replies.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the task is not pending");
            return;
        }
        ExportMetadata.Result metadata;
        XapiException[] refused = {null};
        try {
            metadata = store.atomically(() -> {
                refused[0] = lifecycle.check(vm, "export");
                if (refused[0] != null) {
                    return null;
                }
                Map<String, Object> ops = new java.util.LinkedHashMap<>(store.getMap(vm, "current_operations"));
                ops.put(task.ref(), "export");
                store.set(vm, "current_operations", ops);
                // Clients grey out what cannot run beside an export (clone, copy, start...).
                lifecycle.refreshAllowedOperations(vm);
                return ExportMetadata.of(store, vm);
            });
        } catch (RuntimeException e) {
            task.fail("INTERNAL_ERROR", String.valueOf(e.getMessage()));
            Replies.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot export");
            return;
        }
        if (metadata == null) {
            // xapi's export checks the operation before it sends its headers: the exception becomes a 500.
            task.fail(refused[0]);
            Replies.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, refused[0].code());
            return;
        }
        Channel channel = ctx.channel();
        ChannelPipeline p = ctx.pipeline();
        // The body runs until the connection closes: the HTTP codec has nothing more to do on this connection.
        for (String name : List.of("complete", "aggregate", "keep-alive", "route", "http")) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        String head = "HTTP/1.0 200 OK\r\ntask-id: " + task.ref() + "\r\ncontent-type: application/octet-stream\r\n"
                + "content-disposition: attachment; filename=\"export.xva\"\r\n\r\n";
        channel.writeAndFlush(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
        Compression compression = compression(req.param("use_compression"));
        try {
            workers.execute(() -> stream(channel, vm, task, metadata, compression));
        } catch (RejectedExecutionException e) {
            finish(vm, task, Errors.of("INTERNAL_ERROR", "simulator shutting down"));
            channel.close();
        }
    }

    private void stream(Channel channel, String vm, TransferTask task, ExportMetadata.Result metadata,
                        Compression compression) {
        long total = Math.max(1, metadata.disks().stream().mapToLong(ExportMetadata.Disk::size).sum());
        long[] done = {0};
        ChannelOutputStream out = new ChannelOutputStream(channel, task::cancelRequested,
                new Pacer(limits.bytesPerSecond(), task::cancelRequested), limits.exportStall());
        XapiException failure = null;
        try {
            write(out, task, metadata, compression, done, total);
            // Every byte reaches the socket before the task says success and before the close, which
            // would drop writes still queued.
            out.drain();
        } catch (Cancelled e) {
            failure = e.cause;
        } catch (IOException | RuntimeException e) {
            failure = task.cancelRequested() ? Errors.taskCancelled(task.ref())
                    : Errors.of("INTERNAL_ERROR", "export failed: " + e.getMessage());
        }
        finish(vm, task, failure);
        channel.close();
    }

    private void write(ChannelOutputStream out, TransferTask task, ExportMetadata.Result metadata,
                       Compression compression, long[] done, long total) throws IOException {
        try (XvaWriter writer = new XvaWriter(out, compression, ChecksumKind.XXHASH)) {
            writer.writeMetadata(metadata.metadata());
            for (ExportMetadata.Disk disk : metadata.disks()) {
                DiskSource content = contents.source(disk.uuid(), disk.size());
                long before = done[0];
                writer.writeDisk(disk.id(), disk.size(), new DiskSource() {
                    @Override
                    public void read(long offset, byte[] buffer, int length) throws IOException {
                        advance(offset, length);
                        content.read(offset, buffer, length);
                    }

                    @Override
                    public boolean knownZero(long offset, int length) throws IOException {
                        advance(offset, length);
                        return content.knownZero(offset, length);
                    }

                    /** Each block asked for: a cancel stops the export here; progress follows the offset. */
                    private void advance(long offset, int length) throws Cancelled {
                        try {
                            task.checkCancelled();
                        } catch (XapiException e) {
                            throw new Cancelled(e);
                        }
                        done[0] = before + offset + length;
                        task.progress((double) done[0] / total);
                    }
                });
            }
        }
    }

    private void finish(String vm, TransferTask task, XapiException failure) {
        store.atomically(() -> {
            if (store.isA(vm, "VM")) {
                Map<String, Object> ops = new java.util.LinkedHashMap<>(store.getMap(vm, "current_operations"));
                ops.remove(task.ref());
                store.set(vm, "current_operations", ops);
                lifecycle.refreshAllowedOperations(vm);
            }
        });
        if (failure == null) {
            task.succeed("");
        } else {
            task.fail(failure);
        }
    }

    private void failEarly(ChannelHandlerContext ctx, TransferRequest req, HttpResponseStatus status, XapiException e) {
        String given = req.taskId();
        if (given != null && store.isA(given, "task") && tasks.attend(given)) {
            tasks.finishFailure(given, e);
        }
        Replies.text(ctx, false, status, e.code());
    }

    private String vm(TransferRequest req) {
        String ref = req.param("ref");
        if (ref == null && req.param("uuid") != null) {
            ref = store.refByUuid(req.param("uuid")).orElse(null);
        }
        return ref != null && store.isA(ref, "VM") ? ref : null;
    }

    /** xapi's reading of use_compression: true or gzip, zstd, anything else none. */
    static Compression compression(String value) {
        if (value == null) {
            return Compression.NONE;
        }
        return switch (value) {
            case "true", "gzip" -> Compression.GZIP;
            case "zstd" -> Compression.ZSTD;
            default -> Compression.NONE;
        };
    }

    /** A cancel seen while reading a block: carried out through the writer as an IOException. */
    private static final class Cancelled extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient XapiException cause;

        Cancelled(XapiException cause) {
            super(cause.getMessage());
            this.cause = cause;
        }
    }
}
