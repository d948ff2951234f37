package org.xapicenter.xapi.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Run in a child JVM with a small heap: decodes a generated JSON-RPC reply of {@code args[0]} records
 * of {@link #SAMPLES} numbers each and exits 0, or 3 when the heap ran out. The reply is generated while it
 * is read, so the heap holds only what the decoder keeps.
 */
public final class BigReplyProbe {
    /** Small numbers per record: the value model shares one cached Long, a tree needs a node each. */
    static final int SAMPLES = 200;

    private BigReplyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[0]);
        try {
            Object v = JsonRpcMessages.readReply(new GeneratedReply(records), Long.MAX_VALUE);
            System.out.println(((java.util.Map<?, ?>) v).size());
            System.exit(0);
        } catch (OutOfMemoryError e) {
            System.exit(3);
        }
    }

    /** {@code {"jsonrpc":"2.0","result":{"OpaqueRef:vm-i":{...}, ...},"id":1}}, made on demand. */
    static final class GeneratedReply extends InputStream {
        private final int records;
        private int next;
        private byte[] chunk = "{\"jsonrpc\":\"2.0\",\"result\":{".getBytes(StandardCharsets.US_ASCII);
        private int pos;
        private boolean done;

        GeneratedReply(int records) {
            this.records = records;
        }

        @Override
        public int read() throws IOException {
            while (pos >= chunk.length) {
                if (done) {
                    return -1;
                }
                refill();
            }
            return chunk[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }

        private void refill() {
            StringBuilder sb = new StringBuilder();
            if (next == records) {
                sb.append("},\"id\":1}");
                done = true;
            } else {
                int i = next++;
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("\"OpaqueRef:vm-").append(i).append("\":{\"name_label\":\"vm-").append(i)
                        .append("\",\"samples\":[");
                for (int f = 0; f < SAMPLES; f++) {
                    sb.append(f == 0 ? "" : ",").append(100);
                }
                sb.append("]}");
            }
            chunk = sb.toString().getBytes(StandardCharsets.US_ASCII);
            pos = 0;
        }
    }
}
