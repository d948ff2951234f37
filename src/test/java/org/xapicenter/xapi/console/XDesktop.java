package org.xapicenter.xapi.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.XvncServer;

/**
 * A few real X clients on a display, so the screen has what consoles show: text (xterm), line art
 * (xlogo, xeyes, xclock), a fine two-colour pattern (xsetroot) and a many-coloured gradient (xterm's
 * 24-bit colour cells) where Tight's JPEG matters. (ImageMagick's display would be the obvious image
 * viewer, but while it runs xwd dumps the root at 24 bits a pixel.) {@link #waitUntilDrawn} waits until every window is mapped and
 * two captures in a row agree.
 */
final class XDesktop implements AutoCloseable {
    /** How each client's top-level window shows in {@code xwininfo -children}: its class, or its title. */
    private static final List<String> WINDOWS = List.of("\"XTerm\")", "\"XLogo\")", "\"XEyes\")", "\"XClock\")",
            "\"smooth\":");
    private final XvncServer xvnc;
    private final List<Process> clients = new ArrayList<>();

    private XDesktop(XvncServer xvnc) {
        this.xvnc = xvnc;
    }

    /** Starts the clients on {@code xvnc}'s display. */
    static XDesktop start(XvncServer xvnc) throws IOException, InterruptedException {
        XDesktop d = new XDesktop(xvnc);
        try {
            xvnc.runAndWait("xsetroot", "-mod", "16", "16", "-fg", "#204080", "-bg", "#e0c020");
            d.spawn("xterm", "-geometry", "50x12+10+10", "-hold", "-e", "sh", "-c",
                    "printf 'console test: Raw Hextile ZRLE Tight\\n'; printf '%s\\n' alpha beta gamma delta;"
                            + " printf '\\033[31mred\\033[32m green\\033[34m blue\\033[0m\\n'");
            d.spawn("xlogo", "-geometry", "120x120+420+20");
            d.spawn("xeyes", "-geometry", "150x100+420+200");
            d.spawn("xclock", "-geometry", "120x120+480+340");
            // 24-bit colour cells (xterm's direct colour): hundreds of colours, where Tight uses JPEG.
            d.spawn("xterm", "-geometry", "48x14+20+200", "-T", "smooth", "-hold", "-e", "sh", "-c",
                    "for y in 0 1 2 3 4 5 6 7 8 9 10 11 12; do x=0; while [ $x -lt 48 ]; do"
                            + " printf '\\033[48;2;%d;%d;%dm ' $((x*5)) $((y*19)) $((255-x*3-y*6)); x=$((x+1)); done;"
                            + " printf '\\033[0m\\n'; done");
            return d;
        } catch (IOException | InterruptedException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Waits (generously) until all windows exist and the screen stops changing; returns the screen. */
    Framebuffer.Snapshot waitUntilDrawn() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Framebuffer.Snapshot last = null;
        while (System.nanoTime() < deadline) {
            if (allCreated()) {
                Framebuffer.Snapshot now = xvnc.captureRoot();
                if (last != null && Arrays.equals(last.argb(), now.argb())) {
                    return now;
                }
                last = now;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the X clients did not settle on " + xvnc.displayName() + " within 60 s");
    }

    private boolean allCreated() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("xwininfo", "-root", "-children", "-display", xvnc.displayName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String tree = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return WINDOWS.stream().allMatch(tree::contains);
    }

    private void spawn(String... cmd) throws IOException {
        clients.add(xvnc.runClient(cmd));
    }

    @Override
    public void close() {
        for (Process p : clients) {
            p.destroy();
        }
        for (Process p : clients) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
