package org.xapicenter.cache;

import java.util.List;

/**
 * Every change applied to the cache in one step.
 *
 * @param changes at most one change per object (later events of a batch folded into earlier ones)
 * @param reset {@code true} when the cache was emptied and refilled (first fill, reconnect): a
 *     listener should rebuild from the cache rather than apply {@code changes}
 */
public record CacheBatch(List<CacheChange> changes, boolean reset) {
}
