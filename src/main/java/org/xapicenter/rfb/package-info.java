/**
 * The RFB (VNC) protocol client, ours because the maintained Java libraries lack ZRLE, Tight,
 * pipelined update requests and QEMU extended key events: handshake and security
 * ({@link org.xapicenter.rfb.RfbClient}), the pixel store the decoders write and the UI drains
 * ({@link org.xapicenter.rfb.Framebuffer}), and the rectangle decoders ({@code rfb.decode}).
 * No JavaFX here.
 */
package org.xapicenter.rfb;
