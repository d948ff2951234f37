package org.xapicenter.rfb;

import java.nio.ByteBuffer;
import java.util.List;

/** The client-to-server messages of RFC 6143 §7.5 (and QEMU's extended key event), as bytes. */
final class ClientMessages {
    static final int SET_PIXEL_FORMAT = 0;
    static final int SET_ENCODINGS = 2;
    static final int FRAMEBUFFER_UPDATE_REQUEST = 3;
    static final int KEY_EVENT = 4;
    static final int POINTER_EVENT = 5;
    static final int CLIENT_CUT_TEXT = 6;
    static final int QEMU = 255;
    static final int QEMU_EXTENDED_KEY = 0;

    private ClientMessages() {
    }

    /** The one pixel format every decoder assumes: 32 bpp, depth 24, little-endian, true colour, R16 G8 B0. */
    static byte[] setPixelFormat() {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) SET_PIXEL_FORMAT).put(new byte[3]);
        b.put((byte) 32).put((byte) 24).put((byte) 0).put((byte) 1);
        b.putShort((short) 255).putShort((short) 255).putShort((short) 255);
        b.put((byte) 16).put((byte) 8).put((byte) 0).put(new byte[3]);
        return b.array();
    }

    static byte[] setEncodings(List<Integer> codes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * codes.size());
        b.put((byte) SET_ENCODINGS).put((byte) 0).putShort((short) codes.size());
        for (int code : codes) {
            b.putInt(code);
        }
        return b.array();
    }

    static byte[] updateRequest(boolean incremental, int x, int y, int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(10);
        b.put((byte) FRAMEBUFFER_UPDATE_REQUEST).put((byte) (incremental ? 1 : 0));
        b.putShort((short) x).putShort((short) y).putShort((short) w).putShort((short) h);
        return b.array();
    }

    static byte[] keyEvent(int keysym, boolean down) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) KEY_EVENT).put((byte) (down ? 1 : 0)).putShort((short) 0).putInt(keysym);
        return b.array();
    }

    static byte[] qemuKeyEvent(int keysym, int qnum, boolean down) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.put((byte) QEMU).put((byte) QEMU_EXTENDED_KEY).putShort((short) (down ? 1 : 0));
        b.putInt(keysym).putInt(qnum);
        return b.array();
    }

    static byte[] pointerEvent(int x, int y, int buttonMask) {
        ByteBuffer b = ByteBuffer.allocate(6);
        b.put((byte) POINTER_EVENT).put((byte) buttonMask).putShort((short) x).putShort((short) y);
        return b.array();
    }

    /** ClientCutText: RFB text is Latin-1, so anything beyond it becomes '?'. */
    static byte[] clientCutText(String text) {
        int[] codePoints = text.codePoints().toArray();
        ByteBuffer b = ByteBuffer.allocate(8 + codePoints.length);
        b.put((byte) CLIENT_CUT_TEXT).put(new byte[3]).putInt(codePoints.length);
        for (int c : codePoints) {
            b.put((byte) (c <= 0xFF ? c : '?'));
        }
        return b.array();
    }
}
