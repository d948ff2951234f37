package org.xapicenter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.xapicenter.bench.BenchCommand;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorCommand;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.StartupOptions;
import org.xapicenter.ui.UiLauncher;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiCenterVersion;
import org.xapicenter.xapi.XapiSecurity;
import org.xapicenter.xapi.cli.CallCommand;
import org.xapicenter.xapi.cli.ExportCommand;
import org.xapicenter.xapi.cli.ImportCommand;
import org.xapicenter.xapi.cli.XvaCommand;
import org.xapicenter.xapi.console.ConsoleSnapshotCommand;

/**
 * The one entry point: the GUI, the GUI on the embedded demo pool, and the command-line tools.
 *
 * <p>This class must not touch JavaFX itself: a shaded jar can only start JavaFX from a class that
 * is not the jar's main class. It is also the only place that wires the simulator to the GUI.
 */
public final class Main {
    private static final String USAGE = """
            Usage:
              xapicenter [--dark] [--config DIR]  open the window (settings in DIR instead of the
                                                  platform's configuration folder)
              xapicenter --demo [--dark] [--config DIR]
                                                  open the window on an embedded demo pool
              xapicenter simulator [--port P] [--tls-port Q] [--user U --password W]
                                   [--members] [--hosts N --vms M --seed S] [--churn R]
                                   [--state FILE] [--save FILE] [--vnc-proxy HOST:PORT]
                                   [--transfer-rate BYTES_PER_S]
                                                  run the XAPI simulator headless
              xapicenter call --server URL --user U --password-file F [--json-rpc] METHOD [ARG...]
                                                  call one XAPI method and print the result as JSON
              xapicenter console-snapshot --rfb HOST:PORT [--password-file F] [--encoding NAME] OUT.png
              xapicenter console-snapshot --server URL --user U --password-file F [--json-rpc]
                                   [--trust-cert PEM] (--vm NAME_OR_UUID | --host NAME_OR_UUID)
                                   [--encoding NAME] [--jpeg-quality Q] [--timeout S] OUT.png
                                                  write a console's first complete frame as PNG
              xapicenter export --server URL --user U --password-file F [--json-rpc] [--trust-cert PEM]
                                   --vm NAME_OR_UUID [--compress gzip|zstd] [--no-verify] OUT.xva
                                                  export a halted VM to an XVA file (verified, atomic)
              xapicenter import --server URL --user U --password-file F [--json-rpc] [--trust-cert PEM]
                                   [--sr NAME_OR_UUID] [--force] [--start] FILE
                                                  import an XVA file (.xva, .xva.gz, .xva.zst) as a new VM
              xapicenter xva verify FILE | xva inspect FILE
                                                  check every block of an XVA / show its VM and disks
              xapicenter xva convert LEGACY_DIR OUT.xva [--compress gzip|zstd]
                                                  rewrite a pre-2008 XVA folder as a modern XVA
              xapicenter bench sync [--server URL --user U --password P] [--json-rpc] [--vms N] [--churn R]
                                                  measure how fast our client syncs a pool (prints figures)
              xapicenter --version | --help""";

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything can parse a reply: no Java deserialization, no external XML entities.
        XapiSecurity.install();
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (RuntimeException | Error e) {
            // No display, a port in use...: one sentence for the user, the details in the log.
            LoggerFactory.getLogger(Main.class).error("XapiCenter could not start", e);
            System.err.println("XapiCenter could not start: " + (e.getMessage() == null ? e : e.getMessage()));
            code = 1;
        }
        // exit() also ends the simulator's and the connections' background threads.
        System.exit(code);
    }

    /** Runs a command (or the window, until it closes) and returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "simulator":
                    return SimulatorCommand.run(rest);
                case "call":
                    return CallCommand.run(rest, out, err);
                case "console-snapshot":
                    return ConsoleSnapshotCommand.run(rest, out, err);
                case "export":
                    return ExportCommand.run(rest, out, err);
                case "import":
                    return ImportCommand.run(rest, out, err);
                case "xva":
                    return XvaCommand.run(rest, out, err);
                case "bench":
                    return BenchCommand.run(rest, out, err);
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                case "--version":
                    out.println("XapiCenter " + XapiCenterVersion.get());
                    return 0;
                default:
                    break;
            }
        }
        boolean demo = false;
        boolean dark = false;
        java.nio.file.Path config = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--demo" -> demo = true;
                case "--dark" -> dark = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        err.println("--config needs a folder");
                        err.println(USAGE);
                        return 2;
                    }
                    config = java.nio.file.Path.of(args[++i]);
                }
                default -> {
                    err.println("Unknown argument: " + a);
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        List<ServerLogin> servers = new ArrayList<>();
        Simulator sim = null;
        if (demo) {
            sim = startDemoPool();
            servers.add(new ServerLogin(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray(), "Demo pool"));
        }
        try {
            UiLauncher.launch(new StartupOptions(servers, dark, config));
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
        return 0;
    }

    /** The demo pool: the embedded simulator on a free loopback port, operations at a watchable pace. */
    static Simulator startDemoPool() {
        return Simulator.start(SimulatorOptions.builder().httpPort(0).build());
    }
}
