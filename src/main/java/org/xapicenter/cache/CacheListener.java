package org.xapicenter.cache;

/** Told once per applied batch, on the cache's own thread: hand work elsewhere, never block. */
@FunctionalInterface
public interface CacheListener {
    void onBatch(CacheBatch batch);
}
