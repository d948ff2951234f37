package org.xapicenter.xapi.wire;

/**
 * A value xapi sends as a typed {@code <i4>} rather than as an untyped int64 string; the one known
 * case is {@code valid_ref_counts} in an {@code event.from} reply. Writers only: parsers return every
 * integer as a {@code Long}. Over JSON-RPC it is a plain number.
 */
public record Int32(int value) {
}
