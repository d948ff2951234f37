package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.xapicenter.rfb.Encoding;
import org.xapicenter.rfb.Keys;
import org.xapicenter.rfb.RfbClient;
import org.xapicenter.rfb.RfbListener;
import org.xapicenter.rfb.RfbOptions;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;

/**
 * XapiCenter's own RFB client through {@code CONNECT /console} (HTTPS, as a real host) to the built-in
 * console: the same frame whichever encoding it forces, equal to the console's pixels, and keys it
 * sends as QEMU scancodes typed on the guest.
 */
class RfbClientOnBuiltInConsoleTest {
    private static Simulator sim;
    private static String session;
    private static String vm;
    private static String path;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(0)
                .loginFailureDelay(Duration.ofMillis(10)).build());
        session = ConsoleHttp.login(sim);
        for (String c : sim.store().refs("console")) {
            String v = sim.store().getString(c, "VM");
            if ("rfb".equals(sim.store().getString(c, "protocol")) && "Running".equals(sim.store().getString(v, "power_state"))
                    && !Boolean.TRUE.equals(sim.store().get(v, "is_control_domain"))) {
                vm = v;
                path = ConsoleHttp.pathOf(sim.store().getString(c, "location"));
                break;
            }
        }
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static RfbClient open(Encoding forced) throws Exception {
        Socket s = ConsoleHttp.tls(sim.httpsUrl(), sim.certificate());
        assertThat(ConsoleHttp.connect(s, path + "&session_id=" + session, null)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
        s.setSoTimeout(0);
        return RfbClient.connect(s, RfbOptions.defaults().withForcedEncoding(forced), new RfbListener() { });
    }

    private static VmConsole console() {
        return ((BuiltInConsoles) sim.consoleBackend()).registry().existing(vm).orElseThrow();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static boolean showsTheConsole(RfbClient client) {
        return Arrays.equals(client.framebuffer().snapshot().argb(), console().screen().pixels());
    }

    @Test
    void everyEncodingGivesTheSameFrameAsTheConsoleAndTypedKeysShowUp() throws Exception {
        Map<Encoding, int[]> frames = new EnumMap<>(Encoding.class);
        for (Encoding e : new Encoding[] {Encoding.RAW, Encoding.HEXTILE, Encoding.ZRLE}) {
            try (RfbClient client = open(e)) {
                assertThat(client.serverInfo().desktopName()).isEqualTo(sim.store().getString(vm, "name_label"));
                assertThat(client.awaitCompleteFrame(Duration.ofSeconds(30))).isTrue();
                waitFor("the boot to finish", () -> console().isBooted());
                waitFor(e + " frame equal to the console", () -> showsTheConsole(client));
                assertThat(client.lastEncoding()).isEqualTo(e);
                frames.put(e, client.framebuffer().snapshot().argb());
            }
        }
        assertThat(frames.get(Encoding.HEXTILE)).isEqualTo(frames.get(Encoding.RAW));
        assertThat(frames.get(Encoding.ZRLE)).isEqualTo(frames.get(Encoding.RAW));

        try (RfbClient client = open(null)) {
            assertThat(client.awaitCompleteFrame(Duration.ofSeconds(30))).isTrue();
            waitFor("the QEMU key offer", client::extendedKeyEvents);
            for (char c : "root\rx\recho Hi\r".toCharArray()) {
                int keysym = Keys.keysymForChar(c);
                int scancode = Keys.scancodeForKeysym(keysym);
                boolean shift = Keys.needsShift(keysym);
                if (shift) {
                    client.key(Keys.SHIFT_L, Keys.SCAN_SHIFT_L, true);
                }
                client.key(keysym, scancode, true);
                client.key(keysym, scancode, false);
                if (shift) {
                    client.key(Keys.SHIFT_L, Keys.SCAN_SHIFT_L, false);
                }
            }
            waitFor("the echo of the command", () -> console().screen().text().contains("# echo Hi\nHi\n"));
            waitFor("the client's frame to follow", () -> showsTheConsole(client));
        }
    }
}
