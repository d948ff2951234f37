package org.xapicenter.sim;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.xapicenter.sim.scale.ScaleOptions;

/**
 * {@code simulator [--port P] [--tls-port Q] [--user U --password W] [--transfer-rate B]...}: runs the demo pool headless
 * until Ctrl-C/SIGTERM. Prints exactly one line naming where it listens, so scripts can read it.
 */
public final class SimulatorCommand {
    static final int DEFAULT_PORT = 8080;
    static final String USAGE = "usage: simulator [--port P] [--tls-port Q] [--user U --password W] [--members]"
            + " [--vnc-proxy HOST:PORT] [--transfer-rate BYTES_PER_S]\n"
            + "  --port P      HTTP port on 127.0.0.1 (default " + DEFAULT_PORT + "; 0 picks a free port)\n"
            + "  --tls-port Q  also serve HTTPS with a fresh self-signed certificate (0 picks a free port)\n"
            + "  --user U      account accepted by session.login_with_password (default "
            + SimulatorOptions.DEFAULT_USER + ")\n"
            + "  --password W  its password (default " + SimulatorOptions.DEFAULT_PASSWORD + ")\n"
            + "  --members     every host listens on its own loopback address (127.0.0.1 the coordinator,\n"
            + "                127.0.0.2... the members; Linux); commands on standard input (help) kill and\n"
            + "                promote hosts\n"
            + "  --vnc-proxy HOST:PORT  every console (CONNECT /console) is proxied to this VNC server\n"
            + "                instead of the built-in text console\n"
            + ScaleOptions.USAGE + "\n"
            + "Every host serves XAPI (/ and /jsonrpc), /export, /import, CONNECT /console and performance\n"
            + "data (/rrd_updates, /host_rrd, /vm_rrd) from a synthetic workload, the same for the same pool.\n"
            + "Without --members one listener answers as every host, and every host's address says 127.0.0.1.";

    private SimulatorCommand() {
    }

    /** Runs until the process is asked to stop; returns 2 on bad arguments, 1 if it cannot start. */
    public static int run(String[] args) {
        return run(args, System.in, System.out, System.err, new CountDownLatch(1));
    }

    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) {
        return run(args, InputStream.nullInputStream(), out, err, stop);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, CountDownLatch stop) {
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("simulator: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Simulator sim;
        try {
            sim = Simulator.start(options);
        } catch (RuntimeException e) {
            err.println("simulator: cannot start: " + message(e));
            return 1;
        }
        Thread hook = new Thread(() -> {
            sim.close();
            stop.countDown();
        }, "xapi-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StringBuilder line = new StringBuilder("XapiCenter simulator listening on");
        if (sim.httpUrl() != null) {
            line.append(' ').append(sim.httpUrl());
        }
        if (sim.httpsUrl() != null) {
            line.append(' ').append(sim.httpsUrl());
        }
        line.append(" (user ").append(options.user()).append(')');
        if (options.poolMembers()) {
            line.append(" members");
            sim.hostUrls().forEach((host, url) -> {
                if (!url.equals(sim.httpUrl()) && !url.equals(sim.httpsUrl())) {
                    line.append(' ').append(url);
                }
            });
        }
        out.println(line);
        out.flush();
        if (options.poolMembers()) {
            PoolConsole.start(sim, in, out);
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sim.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running, nothing to remove.
        }
        return 0;
    }

    static SimulatorOptions parse(String[] args) {
        SimulatorOptions.Builder b = SimulatorOptions.builder().httpPort(DEFAULT_PORT).httpsPort(-1);
        boolean userGiven = false;
        boolean passwordGiven = false;
        ScaleOptions scale = new ScaleOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("simulator") && i == 0) {
                continue;
            }
            if (a.equals("--members")) {
                b.poolMembers(true);
                continue;
            }
            if (!List.of("--port", "--tls-port", "--user", "--password", "--vnc-proxy", "--transfer-rate").contains(a) && !ScaleOptions.NAMES.contains(a)) {
                throw new IllegalArgumentException(a.startsWith("--") ? "unknown option " + a : "unexpected argument " + a);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--port" -> b.httpPort(port(a, v));
                case "--vnc-proxy" -> vncProxy(b, v);
                case "--transfer-rate" -> b.transferRate(rate(a, v));
                case "--tls-port" -> b.httpsPort(port(a, v));
                case "--user" -> {
                    b.user(v);
                    userGiven = true;
                }
                case "--password" -> {
                    b.password(v);
                    passwordGiven = true;
                }
                default -> scale.set(a, v, b);
            }
        }
        if (userGiven != passwordGiven) {
            throw new IllegalArgumentException("--user and --password go together");
        }
        return b.scale(scale.settings()).build();
    }

    /** {@code HOST:PORT}, the host possibly an IPv6 literal in brackets. */
    private static void vncProxy(SimulatorOptions.Builder b, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("--vnc-proxy needs HOST:PORT, not " + value);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int p = port("--vnc-proxy", value.substring(colon + 1));
        if (p == 0) {
            throw new IllegalArgumentException("--vnc-proxy needs a port 1-65535, not 0");
        }
        b.externalVnc(host, p);
    }

    /** A positive byte count per second, e.g. 65536, 64k, 10M. */
    static long rate(String option, String value) {
        String digits = value.trim();
        long unit = 1;
        if (!digits.isEmpty()) {
            switch (Character.toLowerCase(digits.charAt(digits.length() - 1))) {
                case 'k' -> unit = 1024;
                case 'm' -> unit = 1024 * 1024;
                case 'g' -> unit = 1024L * 1024 * 1024;
                default -> unit = 1;
            }
            if (unit > 1) {
                digits = digits.substring(0, digits.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(digits);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a positive number of bytes per second"
                    + " (e.g. 65536, 64k, 10M), not " + value);
        }
    }

    private static int port(String option, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number 0-65535, not " + value);
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
