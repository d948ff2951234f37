package org.xapicenter.rfb.decode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.xapicenter.rfb.Encoding;

/**
 * The rectangle decoders we have, one fresh instance of each per connection (ZRLE and Tight keep zlib
 * streams across rectangles). We advertise to the server only encodings listed here, so a decoder
 * becomes available by adding its line to {@link #AVAILABLE}.
 */
public final class DecoderSet {
    private static final Map<Encoding, Supplier<RectDecoder>> AVAILABLE = new EnumMap<>(Encoding.class);

    static {
        AVAILABLE.put(Encoding.TIGHT, TightDecoder::new);
        AVAILABLE.put(Encoding.ZRLE, ZrleDecoder::new);
        AVAILABLE.put(Encoding.HEXTILE, HextileDecoder::new);
        AVAILABLE.put(Encoding.RRE, RreDecoder::new);
        AVAILABLE.put(Encoding.COPY_RECT, CopyRectDecoder::new);
        AVAILABLE.put(Encoding.RAW, RawDecoder::new);
    }

    private final Map<Encoding, RectDecoder> decoders = new EnumMap<>(Encoding.class);

    /** Decoders for one connection. */
    public DecoderSet() {
        AVAILABLE.forEach((encoding, supplier) -> decoders.put(encoding, supplier.get()));
    }

    /** Whether we can decode this encoding. */
    public static boolean isAvailable(Encoding encoding) {
        return AVAILABLE.containsKey(encoding);
    }

    /**
     * What to ask the server for, best first: every encoding we decode, or with {@code forced} only
     * that one plus CopyRect and Raw (which a server may always fall back to).
     */
    public static List<Encoding> preferred(Encoding forced) {
        List<Encoding> list = new ArrayList<>();
        for (Encoding e : Encoding.values()) {
            boolean wanted = forced == null || e == forced || e == Encoding.COPY_RECT || e == Encoding.RAW;
            if (wanted && isAvailable(e)) {
                list.add(e);
            }
        }
        return list;
    }

    /** This connection's decoder for the encoding, if we have one. */
    public Optional<RectDecoder> decoder(Encoding encoding) {
        return Optional.ofNullable(decoders.get(encoding));
    }

    /** Frees every decoder's native resources; call once, when the session has ended. */
    public void release() {
        decoders.values().forEach(RectDecoder::release);
    }
}
