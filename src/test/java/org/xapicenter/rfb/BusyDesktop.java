package org.xapicenter.rfb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link XvncServer} with terminals full of text and a few small X clients with flat colours, over
 * either a flat root (like a text console or a plain desktop) or a photo-like one (gradients and noise,
 * where Tight chooses JPEG and RRE gives up; set with ImageMagick's {@code display}). Nothing on it
 * moves (no clock, no blinking cursor), so two captures of its screen are equal once it has settled.
 */
final class BusyDesktop implements AutoCloseable {
    private final XvncServer xvnc;
    private final List<Process> clients = new ArrayList<>();

    private BusyDesktop(XvncServer xvnc) {
        this.xvnc = xvnc;
    }

    static boolean available() {
        return XvncServer.isInstalled();
    }

    /** Starts the server and its clients; returns once every client window exists. */
    static BusyDesktop start(int width, int height, boolean photo) throws IOException, InterruptedException {
        BusyDesktop desktop = new BusyDesktop(XvncServer.start(width + "x" + height));
        try {
            desktop.populate(width, height, photo);
            return desktop;
        } catch (IOException | RuntimeException | InterruptedException e) {
            desktop.close();
            throw e;
        }
    }

    int port() {
        return xvnc.port();
    }

    /** {@code xwd -root}: the X server's own copy of the screen. */
    Framebuffer.Snapshot xwdRoot() throws IOException, InterruptedException {
        return xvnc.captureRoot();
    }

    private void populate(int width, int height, boolean photo) throws IOException, InterruptedException {
        if (photo) {
            Path background = xvnc.workDir().resolve("background.ppm");
            writeBackground(background, width, height);
            // ImageMagick sets the root background and exits (with status 1 on some builds even when it worked).
            Process root = xvnc.runClient("display", "-window", "root", background.toString());
            if (!root.waitFor(60, TimeUnit.SECONDS)) {
                root.destroyForcibly();
                throw new IOException("ImageMagick's display did not set the root window in time");
            }
        } else {
            xvnc.runAndWait("xsetroot", "-solid", "#2E4A62");
        }
        clients.add(xvnc.runClient("xterm", "-geometry", "110x45+30+30", "-hold", "-e", "ls", "-la", "/usr/bin"));
        clients.add(xvnc.runClient("xterm", "-geometry", "90x30+760+420", "-bg", "navy", "-fg", "yellow", "-hold", "-e",
                "sh", "-c", "for i in $(seq 1 200); do echo \"line $i: the quick brown fox jumps over the lazy dog\"; done"));
        clients.add(xvnc.runClient("xlogo", "-geometry", "300x300+" + (width - 370) + "+40"));
        clients.add(xvnc.runClient("xeyes", "-geometry", "240x160+" + (width - 320) + "+" + (height - 280)));
        clients.add(xvnc.runClient("xmessage", "-geometry", "+" + (width / 2) + "+" + (height / 3), "-center",
                "XapiCenter decode benchmark, busy desktop"));
        waitForWindows("\"xterm\"", 2);
        waitForWindows("\"xlogo\"", 1);
        waitForWindows("\"xeyes\"", 1);
        waitForWindows("\"xmessage\"", 1);
    }

    private void waitForWindows(String clazz, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder("xwininfo", "-root", "-children", "-display", xvnc.displayName())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            if (out.lines().filter(l -> l.contains(": (" + clazz)).count() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("X client " + clazz + " did not open its window on " + xvnc.displayName());
    }

    /** Smooth waves with a little deterministic noise: many colours, like a photo. */
    private static void writeBackground(Path file, int width, int height) throws IOException {
        byte[] rgb = new byte[width * height * 3];
        long seed = 0x9E3779B97F4A7C15L;
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                int noise = (int) (seed >>> 60) - 8;
                rgb[i++] = (byte) clamp(128 + 100 * Math.sin(x / 97.0 + y / 53.0) + noise);
                rgb[i++] = (byte) clamp(255.0 * x / width * 0.7 + 40 * Math.cos(y / 31.0) + noise);
                rgb[i++] = (byte) clamp(255.0 * y / height * 0.8 + 30 * Math.sin((x + y) / 17.0) + noise);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("P6\n" + width + " " + height + "\n255\n").getBytes());
            out.write(rgb);
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : clients) {
            p.destroy();
        }
        xvnc.close();
    }
}
