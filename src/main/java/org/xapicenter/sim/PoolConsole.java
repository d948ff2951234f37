package org.xapicenter.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.xapicenter.sim.pool.PoolRoles;
import org.xapicenter.xapi.XapiException;

/**
 * Commands typed on a running {@code simulator --members} to act out host failures while real
 * clients watch: {@code hosts}, {@code kill <address>|coordinator}, {@code promote <address>},
 * {@code revive <address>}, {@code designate <address>}, {@code help}. One line in, one or more
 * lines out.
 */
public final class PoolConsole {
    static final String HELP = String.join("\n",
            "hosts                    list the hosts: address, role, name",
            "kill <address>           switch a host off (kill coordinator: the coordinator)",
            "promote <address>        emergency_transition_to_master on a member, then recover_slaves",
            "revive <address>         switch a host on again (it rejoins as a member)",
            "designate <address>      pool.designate_new_master: an orderly hand-over");

    private final Simulator sim;

    PoolConsole(Simulator sim) {
        this.sim = sim;
    }

    /** Reads commands from {@code in} on a daemon thread until it ends; answers on {@code out}. */
    static void start(Simulator sim, InputStream in, PrintStream out) {
        PoolConsole console = new PoolConsole(sim);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        out.println(console.execute(line));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // Standard input closed or unreadable: the simulator keeps running without commands.
            }
        }, "xapi-sim-console");
        t.setDaemon(true);
        t.start();
    }

    /** Runs one command; returns what to print. Never throws on bad input. */
    String execute(String line) {
        String[] words = line.trim().split("\\s+");
        String command = words[0].toLowerCase(Locale.ROOT);
        try {
            if (command.equals("hosts")) {
                return hosts();
            }
            if (command.equals("help") || words.length != 2) {
                return HELP;
            }
            String host = words[1].equalsIgnoreCase("coordinator") ? roles().coordinator() : hostAt(words[1]);
            if (host == null) {
                return "no host at " + words[1] + " (try: hosts)";
            }
            switch (command) {
                case "kill" -> sim.kill(host);
                case "revive" -> sim.revive(host);
                case "promote" -> sim.promote(host);
                case "designate" -> roles().designateNewMaster(host);
                default -> {
                    return HELP;
                }
            }
            return hosts();
        } catch (XapiException e) {
            return "refused: " + e.code() + " " + String.join(" ", e.params());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private PoolRoles roles() {
        return sim.core().roles();
    }

    private String hosts() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, URI> e : sim.hostUrls().entrySet()) {
            String host = e.getKey();
            String role = !roles().isUp(host) ? "down"
                    : roles().isCoordinator(host) ? "coordinator"
                    : "member of " + roles().address(roles().coordinatorSeenBy(host));
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(e.getValue()).append("  ").append(role).append("  ")
                    .append(sim.store().getString(host, "name_label"));
        }
        return out.toString();
    }

    private String hostAt(String address) {
        for (Map.Entry<String, URI> e : sim.hostUrls().entrySet()) {
            if (address.equals(e.getValue().getHost())) {
                return e.getKey();
            }
        }
        return null;
    }
}
