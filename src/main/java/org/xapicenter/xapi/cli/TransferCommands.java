package org.xapicenter.xapi.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.sidechannel.SideChannel;

/** What {@code export} and {@code import} share: finding objects by name or UUID, and one-sentence errors. */
final class TransferCommands {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** One sentence for the user, for the codes a transfer commonly meets; the code itself for the rest. */
    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("TASK_CANCELLED", "The transfer was cancelled."),
            Map.entry("VM_BAD_POWER_STATE", "The VM must be halted or suspended to be exported."),
            Map.entry("DEFAULT_SR_NOT_FOUND", "The pool has no default SR; choose one with --sr."),
            Map.entry("SR_FULL", "The SR has not enough free space for the imported disks."),
            Map.entry("IMPORT_ERROR_PREMATURE_EOF", "The host found the XVA file truncated."),
            Map.entry("IMPORT_ERROR_SOME_CHECKSUMS_FAILED", "The host found blocks whose checksum does not match"
                    + " (the file is damaged; --force imports it anyway)."),
            Map.entry("IMPORT_ERROR_UNEXPECTED_FILE", "The host found a file it did not expect in the XVA."),
            Map.entry("IMPORT_ERROR_GENERIC", "The host could not import the file: %1$s."),
            Map.entry("IMPORT_ERROR_CANNOT_HANDLE_CHUNKED", "The host refused a chunked upload."),
            Map.entry("SESSION_AUTHENTICATION_FAILED", "The user name or password was not accepted."),
            Map.entry("XAPICENTER_TRANSFER_REFUSED", "The host %1$s refused the transfer (HTTP %2$s %3$s)."),
            Map.entry("XAPICENTER_TRANSFER_NOT_FOUND", "The host %1$s does not know what the transfer asked for"
                    + " (HTTP %2$s %3$s)."),
            Map.entry("XAPICENTER_TRANSFER_HTTP_ERROR", "The host %1$s could not do the transfer (HTTP %2$s %3$s)."),
            Map.entry("XAPICENTER_TRANSFER_UNAUTHORIZED", "The host %1$s no longer accepts this session (HTTP %2$s);"
                    + " log in again."),
            Map.entry("XAPICENTER_TRANSFER_BAD_REDIRECT", "The host %1$s sent the transfer to an unusable place (%2$s)."),
            Map.entry("XAPICENTER_TRANSFER_INCOMPLETE", "The host %1$s closed the connection before the export was"
                    + " complete."));

    private TransferCommands() {
    }

    static String sentence(XapiException e) {
        String text = SENTENCES.get(e.code());
        if (text != null) {
            Object[] params = new Object[3];
            for (int i = 0; i < params.length; i++) {
                params[i] = SideChannel.printable(i < e.params().size() ? e.params().get(i) : "");
            }
            return String.format(Locale.ROOT, text, params).replace(" )", ")");
        }
        List<String> shown = new ArrayList<>();
        for (String p : e.params()) {
            shown.add(SideChannel.printable(p));
        }
        return "The host refused: " + e.code() + (shown.isEmpty() ? "" : " " + shown) + ".";
    }

    static String sentence(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "No such file or folder: " + f.getFile() + ".";
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "Permission denied: " + f.getFile() + ".";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason() + ".";
        }
        String msg = SideChannel.oneLine(e);
        return msg.endsWith(".") ? msg : msg + ".";
    }

    /** A VM (not a template or snapshot) by UUID or by its exact name, which must be unique. */
    static String findVm(XapiSession session, String nameOrUuid) throws XapiException, IOException {
        return find(session, "VM", "VM", nameOrUuid);
    }

    static String findSr(XapiSession session, String nameOrUuid) throws XapiException, IOException {
        return find(session, "SR", "SR", nameOrUuid);
    }

    private static String find(XapiSession session, String cls, String what, String nameOrUuid)
            throws XapiException, IOException {
        if (UUID.matcher(nameOrUuid).matches()) {
            try {
                return (String) session.call(cls + ".get_by_uuid", nameOrUuid);
            } catch (XapiException e) {
                if (!e.code().equals("UUID_INVALID") && !e.code().equals("HANDLE_INVALID")) {
                    throw e;
                }
                // a name that looks like a UUID: try it as a name
            }
        }
        List<String> matches = new ArrayList<>();
        if (session.call(cls + ".get_by_name_label", nameOrUuid) instanceof List<?> refs) {
            for (Object r : refs) {
                String ref = String.valueOf(r);
                if (cls.equals("VM") && (Boolean.TRUE.equals(session.call("VM.get_is_a_template", ref))
                        || Boolean.TRUE.equals(session.call("VM.get_is_a_snapshot", ref)))) {
                    continue;
                }
                matches.add(ref);
            }
        }
        String shown = SideChannel.printable(nameOrUuid);
        if (matches.isEmpty()) {
            throw new NotFound("No " + what + " is named or has the UUID \"" + shown + "\".");
        }
        if (matches.size() > 1) {
            throw new NotFound(matches.size() + " " + what + "s are named \"" + shown + "\"; give its UUID instead.");
        }
        return matches.get(0);
    }

    /** A name that matches nothing, or more than one object. */
    static final class NotFound extends IOException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /** Ctrl-C during a transfer cancels it and waits a little for its cleanup (part file, task). */
    static Thread cancelOnExit(Runnable cancel, Thread worker) {
        Thread hook = new Thread(() -> {
            cancel.run();
            try {
                worker.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "transfer-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running
        }
    }
}
