package org.xapicenter.xapi.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.xapicenter.xapi.transfer.ExportOptions;
import org.xapicenter.xapi.transfer.ExportResult;
import org.xapicenter.xapi.transfer.XvaExport;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSummary;

/**
 * {@code export --server URL --user U --password-file F [--json-rpc] [--trust-cert PEM] --vm NAME_OR_UUID
 * [--compress gzip|zstd] [--no-verify] OUT.xva}: exports a halted VM into OUT.xva (written as OUT.xva.part
 * until complete and verified). Exit codes: 0 success, 1 failure (one sentence on stderr), 2 usage.
 */
public final class ExportCommand {
    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: export --server URL --user USER --password-file FILE [--json-rpc] [--trust-cert PEM]",
            "              --vm NAME_OR_UUID [--compress gzip|zstd] [--no-verify] OUT.xva",
            "  Exports a halted or suspended VM into OUT.xva, verified block by block before it gets its name.",
            "  --vm         the VM's name (unique) or UUID",
            "  --compress   ask the host to compress the file (gzip or zstd)",
            "  --no-verify  skip reading the file back to check every block's checksum",
            LoginOptions.USAGE_LINES);

    private ExportCommand() {
    }

    record Options(LoginOptions login, String vm, Compression compression, boolean verify, Path out) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("export: " + e.getMessage());
            err.println(USAGE_TEXT);
            return TransferCommands.USAGE;
        }
        Map<String, String> names = new HashMap<>();
        return TransferCommands.loggedIn("export", o.login(), err, names, session -> {
            String vm = TransferCommands.findVm(session, o.vm());
            names.put(vm, o.vm());
            XvaExport export = new XvaExport(session, vm, o.out(), new ExportOptions(o.compression(), o.verify()));
            ProgressBar bar = ProgressBar.on(err, "export");
            ExportResult result;
            try (TransferCommands.ExitGuard guard = TransferCommands.cancelOnExit(export::cancel)) {
                try {
                    result = export.run(bar);
                } finally {
                    bar.finish();
                }
            }
            out.println("Exported to " + result.file() + " (" + result.bytes() + " bytes)"
                    + (result.verification() == null ? ", not verified." : ", verified:"));
            if (result.verification() != null) {
                for (DiskSummary d : result.verification().disks()) {
                    out.println("  disk " + d.id() + " \"" + d.name() + "\": " + d.virtualSize() + " bytes, "
                            + d.blocks() + " blocks, " + d.checksumsVerified() + " checksums verified");
                }
            }
            return TransferCommands.OK;
        });
    }

    static Options parse(String[] args) {
        LoginOptions.Parser login = new LoginOptions.Parser();
        String vm = null;
        Compression compression = Compression.NONE;
        boolean verify = true;
        Path out = null;
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            int next = login.consume(args, i);
            if (next != i) {
                i = next;
                continue;
            }
            switch (a) {
                case "--vm" -> {
                    vm = LoginOptions.value(args, i + 1, a);
                    i += 2;
                }
                case "--compress" -> {
                    compression = switch (LoginOptions.value(args, i + 1, a)) {
                        case "gzip" -> Compression.GZIP;
                        case "zstd" -> Compression.ZSTD;
                        case "none" -> Compression.NONE;
                        default -> throw new IllegalArgumentException("--compress must be gzip or zstd");
                    };
                    i += 2;
                }
                case "--no-verify" -> {
                    verify = false;
                    i++;
                }
                default -> {
                    out = TransferCommands.onlyPath(a, out, "output file");
                    i++;
                }
            }
        }
        LoginOptions options = login.build();
        if (vm == null) {
            throw new IllegalArgumentException("--vm is required");
        }
        if (out == null) {
            throw new IllegalArgumentException("no output file given");
        }
        return new Options(options, vm, compression, verify, out);
    }
}
