package org.xapicenter.sim.console;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The text console of one running domain: its screen, the boot log playing onto it, and the guest's
 * login and shell answering the keyboard. Every viewer of the VM shares it. It lives as long as the
 * domain: a reboot gives the VM a new domain and so a new console (see {@link ConsoleRegistry}).
 * Screen, shell and playback are all guarded by the screen's monitor.
 */
public final class VmConsole {
    private final String vm;
    private final long domid;
    private final GuestProfile guest;
    private final ScheduledExecutorService timer;
    private final ConsoleScreen screen = new ConsoleScreen();
    private final Set<Closeable> viewers = ConcurrentHashMap.newKeySet();
    private List<BootLog.Line> log;
    private GuestShell shell;
    private int nextLine;
    private long bootStartNanos;
    private ScheduledFuture<?> pending;
    private volatile boolean closed;

    VmConsole(String vm, long domid, GuestProfile guest, ScheduledExecutorService timer) {
        this.vm = vm;
        this.domid = domid;
        this.guest = guest;
        this.timer = timer;
    }

    public String vm() {
        return vm;
    }

    public long domid() {
        return domid;
    }

    public GuestProfile guest() {
        return guest;
    }

    public ConsoleScreen screen() {
        return screen;
    }

    /** The name viewers show in their title bar (ServerInit): the VM's name, as xapi's consoles do. */
    public String desktopName() {
        return guest.nameLabel();
    }

    /** Whether the guest shows its login (or SAC) prompt and reads the keyboard. */
    public boolean isBooted() {
        synchronized (screen) {
            return shell != null && shell.isBooted();
        }
    }

    /**
     * Starts the boot log as if power-on was {@code sinceBootMillis} ago: the lines due by then appear
     * at once, the rest on time. A VM that has run for a while shows its whole log and the prompt.
     */
    void boot(long sinceBootMillis) {
        synchronized (screen) {
            if (pending != null) {
                pending.cancel(false);
            }
            screen.textMode();
            screen.clear();
            shell = new GuestShell(screen, guest);
            log = BootLog.of(guest);
            nextLine = 0;
            // A day is as good as forever for a boot of seconds, and keeps the clock arithmetic from overflowing.
            bootStartNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(Math.min(Math.max(0, sinceBootMillis), 86_400_000L));
            playDue();
        }
    }

    private void playDue() {
        synchronized (screen) {
            if (closed) {
                return;
            }
            long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - bootStartNanos);
            while (nextLine < log.size() && log.get(nextLine).atMillis() <= now) {
                BootLog.Mode mode = log.get(nextLine).mode();
                if (mode != null) {
                    screen.setMode(mode.columns(), mode.rows(), mode.cellWidth());
                }
                for (BootLog.Segment s : log.get(nextLine).segments()) {
                    screen.write(s.text(), s.colour());
                }
                screen.write("\n", ConsoleScreen.GREY);
                nextLine++;
            }
            if (nextLine == log.size()) {
                pending = null;
                shell.booted();
                return;
            }
            try {
                pending = timer.schedule(this::playDue, log.get(nextLine).atMillis() - now, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The simulator is shutting down.
                pending = null;
            }
        }
    }

    /** A character typed on the guest's keyboard ({@code '\r'} Return, {@code '\b'} Backspace, control codes). */
    public void type(char c) {
        synchronized (screen) {
            if (shell != null) {
                shell.typed(c);
            }
        }
    }

    /** Ctrl-Alt-Del: the guest restarts its boot, as a Linux guest's systemd does. */
    public void ctrlAltDelete() {
        boot(0);
    }

    /** Runs {@code task} once after {@code delay} on the consoles' timer (a no-op future once shut down). */
    java.util.concurrent.Future<?> schedule(Runnable task, java.time.Duration delay) {
        try {
            return timer.schedule(task, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /** A viewer to disconnect when the domain goes away. */
    void addViewer(Closeable viewer) {
        viewers.add(viewer);
        if (closed) {
            closeQuietly(viewer);
        }
    }

    void removeViewer(Closeable viewer) {
        viewers.remove(viewer);
    }

    /**
     * Drops every viewer's connection while the guest keeps running, as a host's console proxy
     * restarting does; the console itself stays open for the next viewer.
     */
    public void disconnectViewers() {
        for (Closeable v : viewers) {
            closeQuietly(v);
        }
    }

    public int viewerCount() {
        return viewers.size();
    }

    public boolean isClosed() {
        return closed;
    }

    /** The domain is gone: stop the log and disconnect every viewer, as the VNC server dying does. */
    void close() {
        closed = true;
        synchronized (screen) {
            if (pending != null) {
                pending.cancel(false);
            }
            screen.notifyAll();
        }
        for (Closeable v : viewers) {
            closeQuietly(v);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing a viewer that has already gone.
        }
    }
}
