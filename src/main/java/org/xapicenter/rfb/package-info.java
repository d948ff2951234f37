/**
 * The RFB (VNC) protocol client, ours because the maintained Java libraries lack ZRLE, Tight,
 * pipelined update requests and QEMU extended key events. No JavaFX here.
 *
 * <ul>
 *   <li>{@link org.xapicenter.rfb.RfbClient}: one session over a connected socket; input methods,
 *       the reader thread and the session's end (reported once through {@link org.xapicenter.rfb.RfbListener}).</li>
 *   <li>{@code Handshake} (version, security, init) with {@link org.xapicenter.rfb.VncAuthentication};
 *       {@code ClientMessages} encodes what we send; {@code ServerMessageReader} reads what the server
 *       sends and hands rectangles to the decoders.</li>
 *   <li>{@link org.xapicenter.rfb.Framebuffer}: the pixels the decoders write and the UI drains, with
 *       damage coalesced; {@code FrameCoverage} tells when a complete frame has arrived.</li>
 *   <li>{@code rfb.decode}: one {@code RectDecoder} per encoding, registered in {@code DecoderSet},
 *       plus the pseudo-encodings that carry data (Cursor, ExtendedDesktopSize).</li>
 * </ul>
 */
package org.xapicenter.rfb;
