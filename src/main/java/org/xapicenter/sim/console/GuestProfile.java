package org.xapicenter.sim.console;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;

/**
 * What the console of one VM shows about its guest, read once from the store when the console is
 * first opened: its name, hostname, OS, kernel, size and when it booted.
 */
public record GuestProfile(String nameLabel, String hostname, String osName, String kernel, boolean windows,
                           boolean controlDomain, long memoryMiB, long vcpus, Instant bootedAt) {

    /** The profile of {@code vm} as the store describes it now. */
    public static GuestProfile of(ObjectStore store, String vm) {
        return store.atomically(() -> {
            String name = store.getString(vm, "name_label");
            boolean dom0 = Boolean.TRUE.equals(store.get(vm, "is_control_domain"));
            String osName = "";
            String distro = "";
            String uname = "";
            String gm = store.getString(vm, "guest_metrics");
            if (store.isA(gm, "VM_guest_metrics")) {
                Map<String, Object> os = store.getMap(gm, "os_version");
                osName = String.valueOf(os.getOrDefault("name", ""));
                distro = String.valueOf(os.getOrDefault("distro", ""));
                uname = String.valueOf(os.getOrDefault("uname", ""));
            }
            boolean windows = distro.toLowerCase(Locale.ROOT).contains("windows")
                    || osName.toLowerCase(Locale.ROOT).contains("windows");
            if (dom0) {
                osName = "XCP-ng 8.3.0";
                uname = "4.19.0+1";
            }
            if (osName.isEmpty()) {
                osName = windows ? "Microsoft Windows Server 2022" : "Debian GNU/Linux 12 (bookworm)";
            }
            if (uname.isEmpty() && !windows) {
                uname = "6.1.0-25-amd64";
            }
            Instant booted = Instant.now();
            String metrics = store.getString(vm, "metrics");
            if (store.isA(metrics, "VM_metrics") && store.get(metrics, "start_time") instanceof Instant t) {
                booted = t;
            }
            long memory = store.get(vm, "memory_dynamic_max") instanceof Number n ? n.longValue() / (1024 * 1024) : 1024;
            long vcpus = store.get(vm, "VCPUs_at_startup") instanceof Number n ? n.longValue() : 1;
            String host = dom0 ? hostnameOfHost(store, vm, name) : name;
            return new GuestProfile(name, hostname(host, windows), osName, uname, windows, dom0, memory, vcpus, booted);
        });
    }

    private static String hostnameOfHost(ObjectStore store, String dom0, String fallback) {
        String host = store.getString(dom0, "resident_on");
        return store.isA(host, "host") ? store.getString(host, "hostname") : fallback;
    }

    /** A name a guest could have chosen from its label: lower case letters, digits and dashes (Windows: upper case). */
    static String hostname(String label, boolean windows) {
        StringBuilder b = new StringBuilder();
        for (char c : label.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        String h = b.toString().replaceAll("-+$", "");
        if (h.isEmpty()) {
            h = "localhost";
        }
        if (windows) {
            h = h.toUpperCase(Locale.ROOT);
            return h.length() > 15 ? h.substring(0, 15) : h;
        }
        h = h.toLowerCase(Locale.ROOT);
        return h.length() > 63 ? h.substring(0, 63) : h;
    }
}
