package org.xapicenter.sim.console;

import java.util.ArrayList;
import java.util.List;

/**
 * What a guest prints from power-on to its login prompt, the same every time for the same guest:
 * firmware, kernel messages with their timestamps, then systemd's status lines (green OK) for a Linux
 * guest; the Special Administration Console banner for Windows. Each line has the moment, in
 * milliseconds after power-on, it appears.
 */
final class BootLog {
    /** One piece of text in one colour. */
    record Segment(String text, int colour) {
    }

    /** A line of the log and when it appears. */
    record Line(long atMillis, List<Segment> segments) {
        String text() {
            StringBuilder b = new StringBuilder();
            segments.forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    /** Time between two service lines: a boot of about three seconds, long enough to watch. */
    private static final long STEP_MILLIS = 60;

    private BootLog() {
    }

    static List<Line> of(GuestProfile guest) {
        return guest.windows() ? windows(guest) : linux(guest);
    }

    /** When the last line appears: after this, a console opened fresh shows the whole log at once. */
    static long durationMillis(GuestProfile guest) {
        List<Line> lines = of(guest);
        return lines.get(lines.size() - 1).atMillis();
    }

    private static List<Line> linux(GuestProfile g) {
        List<Line> out = new ArrayList<>();
        long[] t = {0};
        plain(out, t[0], "SeaBIOS (version 1.16.3-xcpng)");
        plain(out, t[0] += 200, "Booting from Hard Disk...");
        double[] kt = {0.0};
        String distroKernel = g.controlDomain() ? "xcp-ng" : "debian-kernel@lists.debian.org";
        kernel(out, t[0] += 300, kt, 0.0, "Linux version " + g.kernel() + " (" + distroKernel + ") (gcc 12.2.0) #1 SMP");
        kernel(out, t[0] += 20, kt, 0.0, "Command line: BOOT_IMAGE=/vmlinuz-" + g.kernel()
                + " root=/dev/xvda1 ro console=tty0 console=hvc0 quiet");
        kernel(out, t[0] += 20, kt, 0.0, "Hypervisor detected: Xen HVM");
        kernel(out, t[0] += 20, kt, 0.004, "Memory: " + (g.memoryMiB() * 1024 - 84_312) + "K/"
                + (g.memoryMiB() * 1024) + "K available");
        kernel(out, t[0] += 40, kt, 0.112, "smp: Brought up 1 node, " + g.vcpus() + " CPU" + (g.vcpus() == 1 ? "" : "s"));
        kernel(out, t[0] += 40, kt, 0.687, "xen_netfront: Initialising Xen virtual ethernet driver");
        kernel(out, t[0] += 40, kt, 0.731, "blkfront: xvda: flush diskcache: enabled; persistent grants: enabled");
        kernel(out, t[0] += 40, kt, 0.744, " xvda: xvda1 xvda2 < xvda5 >");
        kernel(out, t[0] += 60, kt, 1.208, "EXT4-fs (xvda1): mounted filesystem with ordered data mode. Quota mode: none.");
        kernel(out, t[0] += 60, kt, 1.402, "systemd[1]: Inserted module 'autofs4'");
        plain(out, t[0] += 100, "");
        List<Segment> welcome = List.of(new Segment("Welcome to ", ConsoleScreen.GREY),
                new Segment(g.osName(), ConsoleScreen.WHITE), new Segment("!", ConsoleScreen.GREY));
        out.add(new Line(t[0] += 20, welcome));
        plain(out, t[0] += 20, "");
        String[] units = {
            "Created slice system-getty.slice",
            "Created slice system-modprobe.slice",
            "Started Dispatch Password Requests to Console Directory Watch",
            "Reached target Local Encrypted Volumes",
            "Reached target Path Units",
            "Set up automount Arbitrary Executable File Formats File System Automount Point",
            "Listening on Journal Socket",
            "Listening on udev Control Socket",
            "Mounted Huge Pages File System",
            "Mounted POSIX Message Queue File System",
            "Started Journal Service",
            "Finished Load Kernel Modules",
            "Finished Remount Root and Kernel File Systems",
            "Started Rule-based Manager for Device Events and Files",
            "Found device /dev/hvc0",
            "Reached target Local File Systems",
            "Finished Create Volatile Files and Directories",
            "Started Network Time Synchronization",
            "Reached target System Time Set",
            "Finished Raise network interfaces",
            "Reached target Network",
            "Started Xen guest agent",
            "Started OpenBSD Secure Shell server",
            "Started Regular background program processing daemon",
            "Started System Logging Service",
            "Started User Login Management",
            "Started Getty on tty1",
            "Reached target Login Prompts",
            "Reached target Multi-User System",
            "Reached target Graphical Interface",
            "Finished Record Runlevel Change in UTMP",
        };
        for (String unit : units) {
            out.add(new Line(t[0] += STEP_MILLIS, List.of(new Segment("[", ConsoleScreen.GREY),
                    new Segment("  OK  ", ConsoleScreen.GREEN), new Segment("] " + unit + ".", ConsoleScreen.GREY))));
        }
        plain(out, t[0] += 200, "");
        plain(out, t[0] += 20, issueLine(g));
        plain(out, t[0] += 20, "");
        return out;
    }

    /** The line getty shows above the prompt: the system's name and the terminal. */
    static String issueLine(GuestProfile g) {
        String system = g.osName().replaceAll(" \\(.*\\)$", "");
        return system + " " + g.hostname() + " tty1";
    }

    private static List<Line> windows(GuestProfile g) {
        List<Line> out = new ArrayList<>();
        long t = 0;
        plain(out, t, "SeaBIOS (version 1.16.3-xcpng)");
        plain(out, t += 200, "Booting from Hard Disk...");
        plain(out, t += 800, "");
        plain(out, t += 20, "Computer is booting, SAC started and initialized.");
        plain(out, t += 20, "");
        plain(out, t += 20, "Use the \"ch -?\" command for information about using channels.");
        plain(out, t += 20, "Use the \"?\" command for general help.");
        plain(out, t += 20, "");
        plain(out, t += 1500, "");
        plain(out, t += 20, "EVENT: The CMD command is now available.");
        plain(out, t += 20, "");
        return out;
    }

    private static void plain(List<Line> out, long at, String text) {
        out.add(new Line(at, List.of(new Segment(text, ConsoleScreen.GREY))));
    }

    private static void kernel(List<Line> out, long at, double[] clock, double seconds, String text) {
        clock[0] = Math.max(clock[0], seconds);
        out.add(new Line(at, List.of(new Segment(String.format(java.util.Locale.ROOT, "[%12.6f] ", clock[0]),
                ConsoleScreen.GREY), new Segment(text, ConsoleScreen.GREY))));
    }
}
