package org.xapicenter.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandshakeTest {
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    /**
     * The VNC response for password "secret" to CHALLENGE, computed outside Java: the key bytes
     * bit-reversed by a Python one-liner, then {@code openssl enc -des-ecb -nopad -K cea6c64ea62e0000}.
     */
    private static final String SECRET_RESPONSE = "ee22539f33a5983ec12f9c2edbc995dd";

    @ParameterizedTest
    @CsvSource({
            "RFB 003.003, RFB 003.003, 3.3",
            "RFB 003.005, RFB 003.003, 3.3",
            "RFB 003.007, RFB 003.007, 3.7",
            "RFB 003.008, RFB 003.008, 3.8",
            "RFB 003.889, RFB 003.008, 3.8",
            "RFB 004.001, RFB 003.008, 3.8",
    })
    void agreesOnTheVersionAndSecurityNone(String announced, String expectedAnswer, String agreed) throws Exception {
        int minor = Integer.parseInt(expectedAnswer.substring(8, 11));
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.send((announced + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.readVersion()).isEqualTo(expectedAnswer + "\n");
            if (minor == 3) {
                peer.out.writeInt(1); // the server chooses None; no SecurityResult follows
                peer.out.flush();
            } else {
                peer.send(new byte[] {2, 16, 1});
                assertThat(peer.in.readUnsignedByte()).isEqualTo(1);
                if (minor == 8) {
                    peer.out.writeInt(0);
                }
            }
            assertThat(peer.in.readUnsignedByte()).as("shared flag").isEqualTo(1);
            peer.serverInit(640, 480, "Console of vm ü");
            FakeRfbServer.Setup setup = peer.readSetup();
            assertThat(setup.pixelFormat()).containsExactly(0, 0, 0, 0, 32, 24, 0, 1, 0, 255 - 256, 0, 255 - 256, 0,
                    255 - 256, 16, 8, 0, 0, 0, 0);
            assertThat(setup.encodings()).containsExactly(7, 16, 5, 2, 1, 0, -223, -308, -224, -239, -258);
            assertThat(setup.firstRequest()).isEqualTo(new FakeRfbServer.UpdateRequest(false, 0, 0, 640, 480));
            peer.drainUntilClosed();
        })) {
            RecordingListener listener = new RecordingListener();
            try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener)) {
                assertThat(client.serverInfo()).isEqualTo(new ServerInfo(agreed, "None", "Console of vm ü", 640, 480));
                assertThat(client.framebuffer().width()).isEqualTo(640);
            }
            server.awaitScript();
            assertThat(listener.awaitClosed()).isNull();
        }
    }

    @Test
    void vncAuthenticationSendsTheDesResponse() throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            peer.readVersion();
            peer.send(new byte[] {1, 2});
            assertThat(peer.in.readUnsignedByte()).isEqualTo(2);
            peer.send(CHALLENGE);
            byte[] response = new byte[16];
            peer.in.readFully(response);
            assertThat(HexFormat.of().formatHex(response)).isEqualTo(SECRET_RESPONSE);
            peer.out.writeInt(0);
            peer.in.readUnsignedByte();
            peer.serverInit(100, 50, "auth");
            peer.readSetup();
            peer.drainUntilClosed();
        })) {
            RfbOptions options = RfbOptions.defaults().withPassword("secret".toCharArray());
            try (RfbClient client = RfbClient.connect(server.connect(), options, new RecordingListener())) {
                assertThat(client.serverInfo().security()).isEqualTo("VNC");
            }
            server.awaitScript();
        }
    }

    @Test
    void aSecondPublishedStyleVectorMatches() throws Exception {
        // "password" with challenge DEADBEEF x4; expected from openssl with key 0e86ceceeef64e26.
        byte[] challenge = HexFormat.of().parseHex("deadbeefdeadbeefdeadbeefdeadbeef");
        assertThat(HexFormat.of().formatHex(VncAuthentication.response("password".toCharArray(), challenge)))
                .isEqualTo("b1d778bb101ac586b1d778bb101ac586");
    }

    @Test
    void agreesWithTigerVncsOwnDesOnItsPasswordObfuscation() throws Exception {
        // vncpasswd -f encrypts the password with a fixed key through TigerVNC's own DES code; ours must agree.
        byte[] fixedKey = {23, 82, 107, 6, 35, 78, 88, 7};
        byte[] padded = "secret\0\0".getBytes(StandardCharsets.ISO_8859_1);
        // Recorded from `printf 'secret\n' | vncpasswd -f | xxd -p`.
        assertThat(HexFormat.of().formatHex(VncAuthentication.encrypt(fixedKey, padded))).isEqualTo("2e2dbf576eb06c9e");
        if (new java.io.File("/usr/bin/vncpasswd").canExecute()) {
            Process p = new ProcessBuilder("/usr/bin/vncpasswd", "-f").start();
            p.getOutputStream().write("k3y!word\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            byte[] obfuscated = p.getInputStream().readAllBytes();
            p.waitFor();
            assertThat(obfuscated).hasSize(8);
            assertThat(VncAuthentication.encrypt(fixedKey, "k3y!word".getBytes(StandardCharsets.ISO_8859_1)))
                    .isEqualTo(obfuscated);
        }
    }

    @ParameterizedTest
    @CsvSource({"RFB 003.008, true", "RFB 003.007, false", "RFB 003.003, false"})
    void aWrongPasswordIsReportedClearly(String version, boolean withReason) throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.send((version + "\n").getBytes(StandardCharsets.US_ASCII));
            peer.readVersion();
            if (version.endsWith("3")) {
                peer.out.writeInt(2);
            } else {
                peer.send(new byte[] {1, 2});
                peer.in.readUnsignedByte();
            }
            peer.send(CHALLENGE);
            peer.in.readFully(new byte[16]);
            peer.out.writeInt(1);
            if (withReason) {
                byte[] reason = "Authentication failure".getBytes(StandardCharsets.US_ASCII);
                peer.out.writeInt(reason.length);
                peer.out.write(reason);
            }
            peer.out.flush();
        })) {
            RfbOptions options = RfbOptions.defaults().withPassword("wrong".toCharArray());
            Socket socket = server.connect();
            assertThatThrownBy(() -> RfbClient.connect(socket, options, new RecordingListener()))
                    .isInstanceOf(RfbException.class)
                    .hasMessage(withReason ? "the console refused the password: Authentication failure"
                            : "the console refused the password");
            assertThat(socket.isClosed()).isTrue();
            server.awaitScript();
        }
    }

    @Test
    void noCommonSecurityTypeIsNamed() throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            peer.readVersion();
            peer.send(new byte[] {2, 16, 19});
        })) {
            assertThatThrownBy(() -> RfbClient.connect(server.connect(), RfbOptions.defaults(), new RecordingListener()))
                    .hasMessage("the server offers no security type we support: Tight, VeNCrypt");
        }
    }

    @Test
    void aPasswordIsRequiredWhenOnlyVncAuthIsOffered() throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            peer.readVersion();
            peer.send(new byte[] {1, 2});
            peer.in.readUnsignedByte();
            peer.send(CHALLENGE);
        })) {
            assertThatThrownBy(() -> RfbClient.connect(server.connect(), RfbOptions.defaults(), new RecordingListener()))
                    .hasMessage("the server asks for a VNC password and none was given");
        }
    }

    @Test
    void aRefusalCarriesTheServersReason() throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.send("RFB 003.003\n".getBytes(StandardCharsets.US_ASCII));
            peer.readVersion();
            peer.out.writeInt(0);
            byte[] reason = "Too many connections".getBytes(StandardCharsets.US_ASCII);
            peer.out.writeInt(reason.length);
            peer.out.write(reason);
            peer.out.flush();
        })) {
            assertThatThrownBy(() -> RfbClient.connect(server.connect(), RfbOptions.defaults(), new RecordingListener()))
                    .hasMessage("the server refused the connection: Too many connections");
        }
    }

    @Test
    void aNonRfbGreetingOrOldVersionIsRefused() throws Exception {
        for (String[] c : List.of(new String[] {"HTTP/1.1 400 ", "the server does not speak RFB (it greeted us with \"HTTP/1.1 400\")"},
                new String[] {"RFB 003.002\n", "the server speaks RFB 3.2, older than 3.3, the oldest version we support"})) {
            try (FakeRfbServer server = new FakeRfbServer(peer -> peer.send(c[0].getBytes(StandardCharsets.US_ASCII)))) {
                assertThatThrownBy(() -> RfbClient.connect(server.connect(), RfbOptions.defaults(), new RecordingListener()))
                        .hasMessage(c[1]);
            }
        }
    }

    @Test
    void aSilentServerTimesOutTheHandshake() throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> peer.in.read())) {
            RfbOptions options = new RfbOptions(null, true, null, -1, -1, Duration.ofMillis(300));
            assertThatThrownBy(() -> RfbClient.connect(server.connect(), options, new RecordingListener()))
                    .hasMessage("the server did not answer the RFB handshake within 300 ms");
        }
    }

    @Test
    void aHugeDesktopNameIsRefusedBeforeAllocation() throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            peer.readVersion();
            peer.send(new byte[] {1, 1});
            peer.in.readUnsignedByte();
            peer.out.writeInt(0);
            peer.in.readUnsignedByte();
            peer.out.writeShort(640);
            peer.out.writeShort(480);
            peer.out.write(new byte[16]);
            peer.out.writeInt(-1);
            peer.out.flush();
        })) {
            assertThatThrownBy(() -> RfbClient.connect(server.connect(), RfbOptions.defaults(), new RecordingListener()))
                    .hasMessage("the server sent a desktop name of 4294967295 bytes, more than the 65536 we accept");
        }
    }

    @Test
    void optionsShapeTheEncodingList() {
        RfbOptions forced = RfbOptions.defaults().withForcedEncoding(Encoding.HEXTILE).withJpegQuality(6);
        assertThat(RfbClient.encodingCodes(forced)).containsExactly(5, 1, 0, -223, -308, -224, -239, -258, -26);
        RfbOptions level = new RfbOptions(null, true, Encoding.RAW, -1, 3, Duration.ofSeconds(1));
        assertThat(RfbClient.encodingCodes(level)).containsExactly(1, 0, -223, -308, -224, -239, -258, -253);
    }

}
