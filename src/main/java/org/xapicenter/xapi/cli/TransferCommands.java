package org.xapicenter.xapi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.xapicenter.xapi.ErrorTexts;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.sidechannel.SideChannel;

/** What {@code export} and {@code import} share: finding objects by name or UUID, and one-sentence errors. */
final class TransferCommands {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** import --start: the VM was imported (its UUID printed) but could not be started. */
    static final int NOT_STARTED = 4;

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TransferCommands() {
    }

    /** The one path argument of a command: an unknown option or a second path is a usage error. */
    static java.nio.file.Path onlyPath(String arg, java.nio.file.Path already, String what) {
        if (arg.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + arg);
        }
        if (already != null) {
            throw new IllegalArgumentException("one " + what + " only");
        }
        return java.nio.file.Path.of(arg);
    }

    /** The work a command does once logged in; returns the exit code. */
    @FunctionalInterface
    interface LoggedIn {
        int run(XapiSession session) throws XapiException, IOException;
    }

    /**
     * Logs in, runs {@code work} and logs out; every failure becomes one line on {@code err} prefixed with
     * the command's name (refs named through {@code names}), the password is wiped whatever happens.
     */
    static int loggedIn(String command, LoginOptions login, PrintStream err, java.util.Map<String, String> names,
                        LoggedIn work) {
        char[] password = null;
        try {
            password = login.readPassword();
            try (XapiSession session = XapiSession.login(login.settings(), login.user(), password)) {
                java.util.Arrays.fill(password, '\0');
                return work.run(session);
            }
        } catch (XapiException e) {
            err.println(command + ": " + sentence(e, names::get));
            return FAILED;
        } catch (IOException e) {
            err.println(command + ": " + sentence(e));
            return FAILED;
        } catch (RuntimeException e) {
            // a bug of ours, still told in one line: the user needs no stack trace to report it
            err.println(command + ": internal error: " + e);
            return FAILED;
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }


    /**
     * One sentence for the user, from the same texts as the window ({@link ErrorTexts}); refs are shown
     * through {@code names}, and a ref it does not know is never printed raw.
     */
    static String sentence(XapiException e, UnaryOperator<String> names) {
        return ErrorTexts.get().format(e.code(), e.params(), ref -> {
            String n = names == null ? null : names.apply(ref);
            return n == null || n.isBlank() ? "an object of the pool" : SideChannel.printable(n);
        });
    }

    static String sentence(XapiException e) {
        return sentence(e, null);
    }

    static String sentence(IOException e) {
        if (e instanceof java.nio.file.FileSystemException
                || org.xapicenter.xapi.trust.CertificateRejectedException.in(e).isPresent()) {
            return ErrorTexts.get().describe(e);
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

    /**
     * Ctrl-C during a transfer cancels it, then holds the shutdown until the command has cleaned up (part
     * file deleted, task ended) and {@link ExitGuard#close closed} the guard, so the process ends as soon
     * as that is done. (The main thread's own System.exit cannot be waited for: once a shutdown has
     * begun, it blocks for ever.)
     */
    static ExitGuard cancelOnExit(Runnable cancel) {
        return new ExitGuard(cancel);
    }

    /** See {@link #cancelOnExit}. */
    static final class ExitGuard implements AutoCloseable {
        /** A cleanup that hangs must not keep the process alive for ever. */
        static final long MAX_CLEANUP_SECONDS = 60;

        private final CountDownLatch cleanedUp = new CountDownLatch(1);
        private final Thread hook;

        private ExitGuard(Runnable cancel) {
            hook = new Thread(() -> {
                cancel.run();
                try {
                    cleanedUp.await(MAX_CLEANUP_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "transfer-cancel-on-exit");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /** The transfer has returned (and cleaned up after itself): a pending shutdown may go on. */
        @Override
        public void close() {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running and has just been released
            }
        }
    }
}
