package org.xapicenter.sim.console;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The simulator's own VNC servers: each viewer gets an {@link RfbServerSession} on a thread of its own,
 * talking to the {@link VmConsole} of the VM through the viewer's channel (no listening port per VM).
 */
public final class BuiltInConsoles implements ConsoleBackend {
    private final ConsoleRegistry registry;
    private final ExecutorService threads;

    public BuiltInConsoles(ObjectStore store) {
        this.registry = new ConsoleRegistry(store);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "xapi-sim-console-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The consoles opened so far (tests read their screens). */
    public ConsoleRegistry registry() {
        return registry;
    }

    @Override
    public Runnable attach(Channel viewer, String vm) {
        VmConsole console = registry.open(vm);
        ChannelStreams streams = new ChannelStreams(viewer);
        viewer.pipeline().addLast("console", streams.handler());
        return () -> {
            RfbServerSession session = new RfbServerSession(console, streams.input, streams.output,
                    streams.output::close, () -> registry.isLive(console));
            try {
                threads.execute(session::run);
            } catch (RejectedExecutionException e) {
                viewer.close();
            }
        };
    }

    @Override
    public void close() {
        registry.close();
        threads.shutdownNow();
    }
}
