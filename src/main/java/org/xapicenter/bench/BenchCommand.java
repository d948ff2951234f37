package org.xapicenter.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.scale.OptionNumbers;
import org.xapicenter.sim.scale.ScaleSettings;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;

/**
 * {@code bench sync [--server URL --user U --password P] [--json-rpc] [--vms N] [--churn R] [--seconds S]
 * [--lag-samples K]}: how fast our client fills its cache, what it costs, how it keeps up. Without
 * {@code --server} it measures against an in-process simulator of N VMs churning R changes a second.
 */
public final class BenchCommand {
    static final String USAGE = """
            usage: bench sync [--server URL --user U --password P] [--json-rpc]
                              [--vms N] [--churn R] [--seconds S] [--lag-samples K]
              --server URL     a running simulator or pool coordinator (default: an in-process simulator)
              --vms N          VMs of the in-process simulator (default 1000)
              --churn R        its random changes per second (default 200)
              --seconds S      how long to count the changes the cache applies (default 10)
              --lag-samples K  renames timed from a second session to the cache (default 50)
              --json-rpc       use JSON-RPC instead of XML-RPC
            Prints figures, asserts nothing; the last line is key=value pairs for scripts.""";

    private BenchCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Simulator sim = null;
        try {
            URI server = o.server;
            if (server == null) {
                sim = Simulator.start(SimulatorOptions.builder().httpPort(0).operationDuration(Duration.ofMillis(100))
                        .scale(new ScaleSettings(0, o.vms, o.churn, null, null)).build());
                server = sim.httpUrl();
                out.printf("in-process simulator: %d VMs, %.0f changes/s, at %s%n", o.vms, o.churn, server);
            }
            out.printf("bench sync against %s over %s (java %s, %d processors, max heap %d MiB)%n", server,
                    o.protocol == Protocol.JSON_RPC ? "JSON-RPC" : "XML-RPC", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            ConnectionSettings settings = ConnectionSettings.of(server, o.protocol);
            SyncReport report = new SyncBenchmark(settings, o.user, o.password.toCharArray(),
                    Duration.ofSeconds(o.seconds), o.lagSamples, out).run();
            out.println(report.keyValueLine());
            return 0;
        } catch (XapiException e) {
            err.println("bench: the server refused: " + e.code() + " " + e.params());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("bench: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }

    private static final class Options {
        URI server;
        String user = SimulatorOptions.DEFAULT_USER;
        String password = SimulatorOptions.DEFAULT_PASSWORD;
        Protocol protocol = Protocol.XML_RPC;
        int vms = 1000;
        double churn = 200;
        int seconds = 10;
        int lagSamples = 50;

        static Options parse(String[] args) {
            if (args.length == 0 || !args[0].equals("sync")) {
                throw new IllegalArgumentException("the one benchmark is sync");
            }
            Options o = new Options();
            boolean userGiven = false;
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--json-rpc")) {
                    o.protocol = Protocol.JSON_RPC;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unexpected argument " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--server" -> o.server = server(v);
                    case "--user" -> {
                        o.user = v;
                        userGiven = true;
                    }
                    case "--password" -> o.password = v;
                    case "--vms" -> o.vms = OptionNumbers.inRange(a, v, 0, ScaleSettings.MAX_VMS);
                    case "--churn" -> o.churn = OptionNumbers.inRange(a, v, 0, 1_000_000);
                    case "--seconds" -> o.seconds = OptionNumbers.inRange(a, v, 1, 3600);
                    case "--lag-samples" -> o.lagSamples = OptionNumbers.inRange(a, v, 0, 100_000);
                    default -> throw new IllegalArgumentException(a.startsWith("--") ? "unknown option " + a : "unexpected argument " + a);
                }
            }
            if (o.server != null && !userGiven) {
                throw new IllegalArgumentException("--server needs --user and --password");
            }
            return o;
        }

        private static URI server(String v) {
            URI u = URI.create(v.contains("://") ? v : "https://" + v);
            if (u.getHost() == null || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("--server must be http://host[:port] or https://host[:port]");
            }
            return u.getPath().isEmpty() ? u.resolve("/") : u;
        }
    }
}
