package org.xapicenter.xapi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.transfer.ImportOptions;
import org.xapicenter.xapi.transfer.XvaImport;

/**
 * {@code import --server URL --user U --password-file F [--json-rpc] [--trust-cert PEM] [--sr NAME_OR_UUID]
 * [--force] [--start] FILE}: imports an XVA (.xva, .xva.gz, .xva.zst) and prints the new VM's UUID.
 * Exit codes: 0 success, 1 failure (one sentence on stderr), 2 usage, 4 imported (UUID printed) but
 * {@code --start} could not start it.
 */
public final class ImportCommand {
    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: import --server URL --user USER --password-file FILE [--json-rpc] [--trust-cert PEM]",
            "              [--sr NAME_OR_UUID] [--force] [--start] FILE",
            "  Imports an XVA file (.xva, .xva.gz or .xva.zst) and prints the new VM's UUID.",
            "  --sr     where the disks go (default: the pool's default SR)",
            "  --force  import even if some block checksums do not match",
            "  --start  start the VM once imported (exit code 4 if it was imported but did not start)",
            LoginOptions.USAGE_LINES);

    private ImportCommand() {
    }

    record Options(LoginOptions login, String sr, boolean force, boolean start, Path file) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            err.println(USAGE_TEXT);
            return TransferCommands.USAGE;
        }
        if (!Files.isRegularFile(o.file())) {
            err.println("import: " + o.file() + " is not a file.");
            return TransferCommands.FAILED;
        }
        Map<String, String> names = new HashMap<>();
        return TransferCommands.loggedIn("import", o.login(), err, names, session -> {
            String sr = o.sr() == null ? null : TransferCommands.findSr(session, o.sr());
            if (sr != null) {
                names.put(sr, o.sr());
            }
            XvaImport transfer = new XvaImport(session, o.file(), new ImportOptions(sr, o.force(), o.start()));
            ProgressBar bar = ProgressBar.on(err, "import");
            List<String> vms;
            try (TransferCommands.ExitGuard guard = TransferCommands.cancelOnExit(transfer::cancel)) {
                try {
                    vms = transfer.run(bar);
                } finally {
                    bar.finish();
                }
            }
            for (String vm : vms) {
                out.println(session.call("VM.get_uuid", vm));
                names.put(vm, "the imported VM");
            }
            if (transfer.startError() != null) {
                Exception e = transfer.startError();
                String why = e instanceof XapiException x ? TransferCommands.sentence(x, names::get)
                        : e instanceof IOException io ? TransferCommands.sentence(io) : String.valueOf(e.getMessage());
                err.println("import: " + TransferCommands.sentence(new XapiException("XAPICENTER_VM_START_FAILED",
                        List.of(why))));
                return TransferCommands.NOT_STARTED;
            }
            return TransferCommands.OK;
        });
    }

    static Options parse(String[] args) {
        LoginOptions.Parser login = new LoginOptions.Parser();
        String sr = null;
        boolean force = false;
        boolean start = false;
        Path file = null;
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            int next = login.consume(args, i);
            if (next != i) {
                i = next;
                continue;
            }
            switch (a) {
                case "--sr" -> {
                    sr = LoginOptions.value(args, i + 1, a);
                    i += 2;
                }
                case "--force" -> {
                    force = true;
                    i++;
                }
                case "--start" -> {
                    start = true;
                    i++;
                }
                default -> {
                    file = TransferCommands.onlyPath(a, file, "file");
                    i++;
                }
            }
        }
        LoginOptions options = login.build();
        if (file == null) {
            throw new IllegalArgumentException("no FILE given");
        }
        return new Options(options, sr, force, start, file);
    }
}
