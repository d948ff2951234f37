package org.xapicenter.rfb;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFB handshake up to ServerInit (RFC 6143 §7.1-7.3): version, security, ClientInit, ServerInit.
 * Every failure is an {@link RfbException} whose message says what went wrong in one sentence.
 */
final class Handshake {
    static final int SECURITY_INVALID = 0;
    static final int SECURITY_NONE = 1;
    static final int SECURITY_VNC = 2;
    /** Longer than any real reason or desktop name, short enough that a hostile length costs nothing. */
    static final int MAX_STRING = 64 * 1024;

    private final DataInputStream in;
    private final OutputStream out;
    private final RfbOptions options;

    /** The agreed minor version: 3, 7 or 8 (the major is always 3). */
    private int minor;

    Handshake(DataInputStream in, OutputStream out, RfbOptions options) {
        this.in = in;
        this.out = out;
        this.options = options;
    }

    record Result(ServerInfo info, Framebuffer framebuffer) {
    }

    Result run() throws IOException {
        try {
            String version = agreeVersion();
            String security = authenticate();
            out.write(options.shared() ? 1 : 0);
            out.flush();
            return serverInit(version, security);
        } catch (SocketTimeoutException e) {
            throw new RfbException("the server did not answer the RFB handshake within "
                    + describe(options.handshakeTimeout()), e);
        } catch (EOFException e) {
            throw new RfbException("the server closed the connection during the RFB handshake", e);
        }
    }

    private String agreeVersion() throws IOException {
        byte[] announced = new byte[12];
        in.readFully(announced);
        String text = new String(announced, StandardCharsets.ISO_8859_1);
        if (!text.matches("RFB \\d{3}\\.\\d{3}\n")) {
            throw new RfbException("the server does not speak RFB (it greeted us with \""
                    + printable(text) + "\")");
        }
        int serverMajor = Integer.parseInt(text.substring(4, 7));
        int serverMinor = Integer.parseInt(text.substring(8, 11));
        if (serverMajor < 3 || (serverMajor == 3 && serverMinor < 3)) {
            throw new RfbException("the server speaks RFB " + serverMajor + "." + serverMinor
                    + ", older than 3.3, the oldest version we support");
        }
        // RFC 6143 §7.1.1: a version we do not know is answered with the highest we know below it;
        // 3.4 to 3.6 are treated as 3.3, and anything from 3.8 up (Apple's 3.889, 4.x) as 3.8.
        if (serverMajor > 3 || serverMinor >= 8) {
            minor = 8;
        } else if (serverMinor == 7) {
            minor = 7;
        } else {
            minor = 3;
        }
        out.write(String.format("RFB 003.%03d\n", minor).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return "3." + minor;
    }

    private String authenticate() throws IOException {
        int type;
        if (minor == 3) {
            type = in.readInt();
            if (type == SECURITY_INVALID) {
                throw new RfbException("the server refused the connection: " + readReason());
            }
            if (type != SECURITY_NONE && type != SECURITY_VNC) {
                throw new RfbException("the server requires security type " + Integer.toUnsignedString(type)
                        + ", which we do not support (we support None and VNC authentication)");
            }
        } else {
            int count = in.readUnsignedByte();
            if (count == 0) {
                throw new RfbException("the server refused the connection: " + readReason());
            }
            byte[] offered = new byte[count];
            in.readFully(offered);
            type = choose(offered);
            out.write(type);
            out.flush();
        }
        if (type == SECURITY_VNC) {
            answerChallenge();
        }
        // 3.3 and 3.7 send no SecurityResult after None; 3.8 always does.
        if (type == SECURITY_VNC || minor == 8) {
            readSecurityResult(type);
        }
        return type == SECURITY_VNC ? "VNC" : "None";
    }

    private int choose(byte[] offered) throws RfbException {
        boolean none = false;
        boolean vnc = false;
        List<String> names = new ArrayList<>();
        for (byte b : offered) {
            int t = b & 0xFF;
            none |= t == SECURITY_NONE;
            vnc |= t == SECURITY_VNC;
            names.add(securityName(t));
        }
        if (none) {
            return SECURITY_NONE;
        }
        if (vnc) {
            return SECURITY_VNC;
        }
        throw new RfbException("the server offers no security type we support: " + String.join(", ", names));
    }

    private void answerChallenge() throws IOException {
        char[] password = options.password();
        if (password == null) {
            throw new RfbException("the server asks for a VNC password and none was given");
        }
        byte[] challenge = new byte[VncAuthentication.CHALLENGE_LENGTH];
        in.readFully(challenge);
        out.write(VncAuthentication.response(password, challenge));
        out.flush();
    }

    private void readSecurityResult(int type) throws IOException {
        int result = in.readInt();
        if (result == 0) {
            return;
        }
        String what = type == SECURITY_VNC ? "the console refused the password" : "the server refused the connection";
        if (minor == 8) {
            throw new RfbException(what + ": " + readReason());
        }
        throw new RfbException(what);
    }

    private Result serverInit(String version, String security) throws IOException {
        int width = in.readUnsignedShort();
        int height = in.readUnsignedShort();
        in.readFully(new byte[16]); // the server's own pixel format; we replace it with SetPixelFormat
        String name = readString("desktop name");
        Framebuffer fb = new Framebuffer(width, height);
        return new Result(new ServerInfo(version, security, name, width, height), fb);
    }

    private String readReason() throws IOException {
        return readString("reason");
    }

    private String readString(String what) throws IOException {
        long length = in.readInt() & 0xFFFFFFFFL;
        if (length > MAX_STRING) {
            throw new RfbException("the server sent a " + what + " of " + length + " bytes, more than the "
                    + MAX_STRING + " we accept");
        }
        byte[] bytes = new byte[(int) length];
        in.readFully(bytes);
        return decodeText(bytes);
    }

    /** UTF-8 when it is valid UTF-8 (TigerVNC, QEMU), else Latin-1 (older servers). */
    static String decodeText(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String describe(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String securityName(int type) {
        return switch (type) {
            case 1 -> "None";
            case 2 -> "VNC authentication";
            case 5 -> "RA2";
            case 6 -> "RA2ne";
            case 16 -> "Tight";
            case 18 -> "TLS";
            case 19 -> "VeNCrypt";
            case 22 -> "xvp";
            case 30 -> "Apple Remote Desktop";
            default -> "type " + type;
        };
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}
