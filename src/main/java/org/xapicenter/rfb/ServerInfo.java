package org.xapicenter.rfb;

/**
 * What the handshake told us.
 *
 * @param protocolVersion the version both sides agreed on: {@code 3.3}, {@code 3.7} or {@code 3.8}
 * @param security {@code None} or {@code VNC}
 * @param desktopName the server's name for its screen
 */
public record ServerInfo(String protocolVersion, String security, String desktopName, int width, int height) {
}
