package org.xapicenter.rfb;

import java.time.Duration;

/**
 * How to talk to one server.
 *
 * @param password for VNC authentication, or {@code null} when none is expected (XAPI consoles use
 *     none: the session on the CONNECT is the authentication)
 * @param shared leave other viewers connected (RFC 6143 ClientInit)
 * @param forcedEncoding ask for this encoding only (plus CopyRect and Raw, which every server may use),
 *     for diagnosis; {@code null} asks for the best set
 * @param jpegQuality 0..9 to let Tight use lossy JPEG, or -1 for lossless only
 * @param compressLevel 0..9 for zlib-based encodings, or -1 for the server's default
 * @param handshakeTimeout how long the server may take to answer each handshake step
 */
public record RfbOptions(char[] password, boolean shared, Encoding forcedEncoding, int jpegQuality,
                         int compressLevel, Duration handshakeTimeout) {

    public static RfbOptions defaults() {
        return new RfbOptions(null, true, null, -1, -1, Duration.ofSeconds(20));
    }

    public RfbOptions withPassword(char[] pw) {
        return new RfbOptions(pw, shared, forcedEncoding, jpegQuality, compressLevel, handshakeTimeout);
    }

    public RfbOptions withForcedEncoding(Encoding e) {
        return new RfbOptions(password, shared, e, jpegQuality, compressLevel, handshakeTimeout);
    }

    public RfbOptions withJpegQuality(int q) {
        return new RfbOptions(password, shared, forcedEncoding, q, compressLevel, handshakeTimeout);
    }
}
