package org.xapicenter.sim.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The guest's side of the keyboard once it has booted: a Linux getty and login (root with any
 * password gets a shell; anyone else "Login incorrect") and a few harmless shell commands, or the
 * Windows Special Administration Console prompt. Characters arrive already translated from keys;
 * Return is {@code '\r'}, Backspace {@code '\b'}, Ctrl-C/D/L their control codes. Not thread-safe:
 * {@link VmConsole} calls it under the screen's monitor.
 */
final class GuestShell {
    private static final int MAX_LINE = 256;

    private enum State { BOOTING, LOGIN, PASSWORD, SHELL, SAC }

    private final ConsoleScreen screen;
    private final GuestProfile guest;
    private final StringBuilder line = new StringBuilder();
    private State state = State.BOOTING;
    private String user = "";

    GuestShell(ConsoleScreen screen, GuestProfile guest) {
        this.screen = screen;
        this.guest = guest;
    }

    /** The boot log is done: show the first prompt. */
    void booted() {
        if (guest.windows()) {
            state = State.SAC;
            screen.write("SAC>", ConsoleScreen.GREY);
        } else {
            loginPrompt();
        }
    }

    boolean isBooted() {
        return state != State.BOOTING;
    }

    void typed(char c) {
        switch (state) {
            case BOOTING -> {
                // Keys during boot reach no reader yet.
            }
            case LOGIN, SHELL, SAC -> edit(c, true);
            case PASSWORD -> edit(c, false);
        }
    }

    private void edit(char c, boolean echo) {
        switch (c) {
            case '\r', '\n' -> {
                // With echo off (the password) the newline is not echoed either; login prints its own.
                if (echo) {
                    screen.write("\n", ConsoleScreen.GREY);
                }
                String entered = line.toString();
                line.setLength(0);
                enter(entered);
            }
            case '\b', 0x7f -> {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                    if (echo) {
                        screen.eraseBack();
                    }
                }
            }
            case 0x03 -> {
                line.setLength(0);
                screen.write("^C\n", ConsoleScreen.GREY);
                showPrompt();
            }
            case 0x04 -> {
                if (state == State.SHELL && line.length() == 0) {
                    screen.write("logout\n", ConsoleScreen.GREY);
                    logout();
                }
            }
            case 0x1b -> {
                // A tty in canonical mode echoes Esc as ^[ and keeps it out of the line.
                if (echo) {
                    screen.write("^[", ConsoleScreen.GREY);
                }
            }
            case 0x0c -> {
                if (state == State.SHELL) {
                    screen.clear();
                    showPrompt();
                    screen.write(line.toString(), ConsoleScreen.GREY);
                }
            }
            default -> {
                if (c >= ' ' && line.length() < MAX_LINE) {
                    line.append(c);
                    if (echo) {
                        screen.write(String.valueOf(c), ConsoleScreen.GREY);
                    }
                }
            }
        }
    }

    private void enter(String entered) {
        switch (state) {
            case LOGIN -> {
                if (entered.isBlank()) {
                    loginPrompt();
                } else {
                    user = entered.trim();
                    state = State.PASSWORD;
                    screen.write("Password: ", ConsoleScreen.GREY);
                }
            }
            case PASSWORD -> {
                if (user.equals("root")) {
                    state = State.SHELL;
                    screen.write("\nLinux " + guest.hostname() + " " + guest.kernel()
                            + " #1 SMP PREEMPT_DYNAMIC x86_64\n\n", ConsoleScreen.GREY);
                    screen.write("Last login: " + stamp(guest.bootedAt()) + " on tty1\n", ConsoleScreen.GREY);
                    showPrompt();
                } else {
                    screen.write("\nLogin incorrect\n", ConsoleScreen.GREY);
                    loginPrompt();
                }
            }
            case SHELL -> {
                run(entered.trim());
                if (state == State.SHELL) {
                    showPrompt();
                }
            }
            case SAC -> {
                sac(entered.trim());
                showPrompt();
            }
            default -> {
            }
        }
    }

    private void run(String command) {
        String[] words = command.split("\\s+");
        switch (words[0]) {
            case "" -> {
            }
            case "uname" -> screen.write((command.equals("uname") ? "Linux" : "Linux " + guest.hostname() + " "
                    + guest.kernel() + " #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux") + "\n", ConsoleScreen.GREY);
            case "uptime" -> screen.write(uptime() + "\n", ConsoleScreen.GREY);
            case "hostname" -> screen.write(guest.hostname() + "\n", ConsoleScreen.GREY);
            case "whoami" -> screen.write("root\n", ConsoleScreen.GREY);
            case "pwd" -> screen.write("/root\n", ConsoleScreen.GREY);
            case "date" -> screen.write(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ROOT)
                    .format(Instant.now().atOffset(ZoneOffset.UTC)) + "\n", ConsoleScreen.GREY);
            case "echo" -> screen.write(command.substring(4).trim() + "\n", ConsoleScreen.GREY);
            case "ls", "true", ":" -> {
            }
            case "clear" -> screen.clear();
            case "exit", "logout" -> logout();
            default -> screen.write("-bash: " + words[0] + ": command not found\n", ConsoleScreen.GREY);
        }
    }

    private void sac(String command) {
        switch (command.toLowerCase(Locale.ROOT)) {
            case "" -> {
            }
            case "?", "help" -> screen.write("ch    Channel management commands. Use ch -? for more help.\n"
                    + "id    Display the computer identification information.\n"
                    + "?     Display this list.\n", ConsoleScreen.GREY);
            case "id" -> screen.write("Computer Name: " + guest.hostname() + "\nOS Version: " + guest.osName()
                    + "\n", ConsoleScreen.GREY);
            default -> screen.write("Unrecognized command.  Try '?' for help.\n", ConsoleScreen.GREY);
        }
    }

    private void logout() {
        screen.clear();
        screen.write("\n" + BootLog.issueLine(guest) + "\n\n", ConsoleScreen.GREY);
        loginPrompt();
    }

    private void loginPrompt() {
        state = State.LOGIN;
        user = "";
        screen.write(guest.hostname() + " login: ", ConsoleScreen.GREY);
    }

    /** Shows the prompt of the current state again (after Ctrl-C, a command, a cleared screen). */
    private void showPrompt() {
        switch (state) {
            case LOGIN, PASSWORD -> loginPrompt();
            case SHELL -> screen.write("root@" + guest.hostname() + ":~# ", ConsoleScreen.GREY);
            case SAC -> screen.write("SAC>", ConsoleScreen.GREY);
            default -> {
            }
        }
    }

    private String uptime() {
        Duration up = Duration.between(guest.bootedAt(), Instant.now());
        if (up.isNegative()) {
            up = Duration.ZERO;
        }
        String time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).format(Instant.now().atOffset(ZoneOffset.UTC));
        long days = up.toDays();
        String span = (days > 0 ? days + " day" + (days == 1 ? "" : "s") + ", " : "")
                + String.format(Locale.ROOT, "%2d:%02d", up.toHoursPart(), up.toMinutesPart());
        return " " + time + " up " + span + ",  1 user,  load average: 0.08, 0.03, 0.01";
    }

    private static String stamp(Instant t) {
        return DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).format(t.atOffset(ZoneOffset.UTC));
    }
}
