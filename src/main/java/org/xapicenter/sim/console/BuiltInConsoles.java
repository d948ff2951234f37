package org.xapicenter.sim.console;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The simulator's own VNC servers: each viewer gets an {@link RfbServerSession} on a thread of its own,
 * talking to the {@link VmConsole} of the VM through the viewer's channel (no listening port per VM).
 */
public final class BuiltInConsoles implements ConsoleBackend {
    private final ConsoleRegistry registry;
    /** One thread per connection, alive exactly as long as it: no pool keeps idle ones. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean closed;

    public BuiltInConsoles(ObjectStore store) {
        this.registry = new ConsoleRegistry(store);
    }

    /** The consoles opened so far (tests read their screens). */
    public ConsoleRegistry registry() {
        return registry;
    }

    @Override
    public Runnable attach(Channel viewer, String vm) {
        ChannelStreams streams = new ChannelStreams(viewer);
        viewer.pipeline().addLast("console", streams.handler());
        return () -> {
            if (closed) {
                viewer.close();
                return;
            }
            Thread t = new Thread(() -> {
                try {
                    serve(viewer, vm, streams);
                } finally {
                    threads.remove(Thread.currentThread());
                }
            }, "xapi-sim-console-" + count.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        };
    }

    /** On the connection's own thread: opening a console draws its screen, too slow for the event loop. */
    private void serve(Channel viewer, String vm, ChannelStreams streams) {
        VmConsole console;
        try {
            console = registry.open(vm);
        } catch (RuntimeException e) {
            // The VM went away between the checks and now: as its VNC server vanishing would.
            viewer.close();
            return;
        }
        new RfbServerSession(console, streams.input, streams.output, streams.output::close,
                () -> registry.isLive(console)).run();
    }

    @Override
    public void close() {
        closed = true;
        registry.close();
        // A connection still opening its console, or blocked reading: wake it to end.
        threads.forEach(Thread::interrupt);
    }
}
