package org.xapicenter.rfb;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A TigerVNC Xvnc on a private display with terminals full of text and a few small X clients with flat
 * colours, over either a flat root (like a text console or a plain desktop) or a photo-like one
 * (gradients and noise, where Tight chooses JPEG; set with ImageMagick's {@code display}). Nothing on
 * it moves (no clock, no blinking cursor), so two captures of its screen are equal once it has settled.
 */
final class BusyDesktop implements AutoCloseable {
    static final Path XVNC = Path.of("/usr/bin/Xvnc");

    private final Process server;
    private final List<Process> clients = new ArrayList<>();
    private final int display;
    private final int port;
    private final Path dir;

    private BusyDesktop(Process server, int display, int port, Path dir) {
        this.server = server;
        this.display = display;
        this.port = port;
        this.dir = dir;
    }

    static boolean available() {
        return Files.isExecutable(XVNC);
    }

    /** Starts the server and its clients; returns once every client window exists. */
    static BusyDesktop start(int width, int height, boolean photo) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("busy-desktop");
        IOException last = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            int display = 60 + ThreadLocalRandom.current().nextInt(300);
            if (Files.exists(Path.of("/tmp/.X" + display + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + display))) {
                continue;
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Process server = new ProcessBuilder(XVNC.toString(), ":" + display, "-geometry", width + "x" + height,
                    "-depth", "24", "-rfbport", Integer.toString(port), "-localhost", "-SecurityTypes", "None",
                    "-AlwaysShared", "-nolisten", "tcp", "-desktop", "busy")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("xvnc-" + display + ".log").toFile()).start();
            if (waitForPort(server, port)) {
                BusyDesktop desktop = new BusyDesktop(server, display, port, dir);
                try {
                    desktop.populate(width, height, photo);
                    return desktop;
                } catch (IOException | RuntimeException | InterruptedException e) {
                    desktop.close();
                    throw e;
                }
            }
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            last = new IOException("Xvnc on :" + display + " did not start; see " + dir);
        }
        throw last != null ? last : new IOException("no free X display found");
    }

    int port() {
        return port;
    }

    String display() {
        return ":" + display;
    }

    private static boolean waitForPort(Process server, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                return false;
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    private void populate(int width, int height, boolean photo) throws IOException, InterruptedException {
        Process root;
        if (photo) {
            Path background = dir.resolve("background.ppm");
            writeBackground(background, width, height);
            // ImageMagick sets the root background and exits (with status 1 on some builds even when it worked).
            root = x("display", "-window", "root", background.toString());
        } else {
            root = x("xsetroot", "-solid", "#2E4A62");
        }
        if (!root.waitFor(60, TimeUnit.SECONDS)) {
            root.destroy();
            throw new IOException("the root window's background was not set in time");
        }
        clients.add(x("xterm", "-geometry", "110x45+30+30", "-hold", "-e", "ls", "-la", "/usr/bin"));
        clients.add(x("xterm", "-geometry", "90x30+760+420", "-bg", "navy", "-fg", "yellow", "-hold", "-e",
                "sh", "-c", "for i in $(seq 1 200); do echo \"line $i: the quick brown fox jumps over the lazy dog\"; done"));
        clients.add(x("xlogo", "-geometry", "300x300+1550+40"));
        clients.add(x("xeyes", "-geometry", "240x160+1600+800"));
        clients.add(x("xmessage", "-geometry", "+1250+380", "-center", "XapiCenter decode benchmark: 1920x1080, busy"));
        waitForWindows("\"xterm\"", 2);
        waitForWindows("\"xlogo\"", 1);
        waitForWindows("\"xeyes\"", 1);
        waitForWindows("\"xmessage\"", 1);
    }

    private void waitForWindows(String clazz, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ProcessBuilder pb = new ProcessBuilder("xwininfo", "-root", "-children").redirectErrorStream(true);
            pb.environment().put("DISPLAY", display());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            if (out.lines().filter(l -> l.contains(": (" + clazz)).count() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("X client " + clazz + " did not open its window on " + display());
    }

    private Process x(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display());
        pb.environment().remove("XAUTHORITY");
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
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
    public void close() {
        for (Process p : clients) {
            p.destroy();
        }
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
