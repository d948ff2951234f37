package org.xapicenter.cache;

import org.xapicenter.xapi.record.XapiRecord;

/**
 * One object's change within a batch.
 *
 * @param before the record before the batch, {@code null} for an add
 * @param after the record after the batch, {@code null} for a delete
 */
public record CacheChange(Kind kind, String xapiClass, String ref, XapiRecord before, XapiRecord after) {
    public enum Kind { ADD, MOD, DEL }
}
