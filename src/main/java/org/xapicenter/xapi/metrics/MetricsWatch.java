package org.xapicenter.xapi.metrics;

/** Keeps an object's data coming while a graph shows it; closing the last watch of a host stops its fetcher. */
public interface MetricsWatch extends AutoCloseable {
    @Override
    void close();
}
