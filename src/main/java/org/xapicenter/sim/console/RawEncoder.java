package org.xapicenter.sim.console;

import java.io.DataOutputStream;
import java.io.IOException;

/** Raw (0): every pixel, row by row; what every viewer understands. */
final class RawEncoder implements RectEncoder {
    @Override
    public int code() {
        return 0;
    }

    @Override
    public void encode(int[] argb, int stride, int x, int y, int w, int h, PixelFormat format, DataOutputStream out)
            throws IOException {
        byte[] row = new byte[w * format.bytesPerPixel()];
        for (int j = 0; j < h; j++) {
            int at = 0;
            int from = (y + j) * stride + x;
            for (int i = 0; i < w; i++) {
                at = format.put(row, at, format.pack(argb[from + i]));
            }
            out.write(row, 0, at);
        }
    }
}
