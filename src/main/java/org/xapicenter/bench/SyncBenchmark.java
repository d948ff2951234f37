package org.xapicenter.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.xapicenter.cache.CacheChange;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.cache.PoolConnection;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Measures our client ({@link PoolConnection} and its cache) against one server: login to a full
 * cache, the cache's heap, the changes it applies per second while the server churns, and the lag
 * from a change made through a second session to the cache seeing it.
 */
public final class SyncBenchmark {
    private static final String LAG_PREFIX = "bench-lag-";
    private static final Pattern LAG_NAME = Pattern.compile(Pattern.quote(LAG_PREFIX) + "(-?\\d{1,9})");

    private final ConnectionSettings settings;
    private final String user;
    private final char[] password;
    private final Duration churnWindow;
    private final int lagSamples;
    private final PrintStream out;

    public SyncBenchmark(ConnectionSettings settings, String user, char[] password, Duration churnWindow, int lagSamples,
                         PrintStream out) {
        this.settings = settings;
        this.user = user;
        this.password = password.clone();
        this.churnWindow = churnWindow;
        this.lagSamples = lagSamples;
        this.out = out;
    }

    public SyncReport run() throws XapiException, IOException, InterruptedException {
        long baseline = HeapProbe.settled();
        CountDownLatch connected = new CountDownLatch(1);
        AtomicLong changesApplied = new AtomicLong();
        Map<Integer, Long> seenAt = new ConcurrentHashMap<>();
        PoolConnection connection = new PoolConnection(settings, user, password);
        connection.addStateListener(s -> {
            if (s == ConnectionState.CONNECTED || s == ConnectionState.FAILED) {
                connected.countDown();
            }
        });
        connection.cache().addListener(batch -> {
            long now = System.nanoTime();
            if (batch.reset()) {
                return;
            }
            changesApplied.addAndGet(batch.changes().size());
            for (CacheChange c : batch.changes()) {
                if (c.after() != null && c.xapiClass().equals("vm")) {
                    // The churn may rename the VM again within the same batch ("bench-lag-3 (r17)"):
                    // the sample number still leads the name, so the sample is not lost.
                    Matcher m = LAG_NAME.matcher(c.after().nameLabel());
                    if (m.lookingAt()) {
                        seenAt.putIfAbsent(Integer.parseInt(m.group(1)), now);
                    }
                }
            }
        });
        try (connection) {
            long t0 = System.nanoTime();
            long loginToCacheMs;
            long peak;
            try (HeapProbe probe = HeapProbe.start()) {
                connection.start();
                if (!connected.await(10, TimeUnit.MINUTES) || connection.state() != ConnectionState.CONNECTED) {
                    Exception e = connection.lastError();
                    if (e instanceof XapiException x) {
                        throw x;
                    }
                    throw new IOException("could not fill the cache: " + (e == null ? connection.state() : e.toString()), e);
                }
                loginToCacheMs = (System.nanoTime() - t0) / 1_000_000;
                peak = probe.peakBytes();
            }
            List<XapiRecord> vmRecords = connection.cache().all("vm");
            List<XapiRecord> ordinary = vmRecords.stream().filter(SyncBenchmark::ordinary).toList();
            int objects = connection.cache().size();
            out.printf("login to a full cache: %d ms (%d objects, %d VMs)%n", loginToCacheMs, objects, ordinary.size());
            long retained = HeapProbe.settled() - baseline;
            double peakMb = (peak - baseline) / 1048576.0;
            double retainedMb = retained / 1048576.0;
            out.printf("cache heap: peak %.1f MiB above the level before login, %.1f MiB retained after GC%n", peakMb, retainedMb);

            if (ordinary.isEmpty()) {
                throw new IOException("the pool has no VM to rename");
            }
            XapiRecord vm = ordinary.get(0);
            try (XapiSession second = XapiSession.login(settings, user, password)) {
                String original = vm.nameLabel();
                try {
                    // The fill took a while and the server kept changing: wait until the cache has caught
                    // up with a change made now, so that the window below counts steady state, not backlog.
                    if (timeRename(second, vm, -1, seenAt) < 0) {
                        throw new IOException("the cache did not catch up with the server within 60 s");
                    }
                    long before = changesApplied.get();
                    long w0 = System.nanoTime();
                    Thread.sleep(churnWindow.toMillis());
                    double seconds = (System.nanoTime() - w0) / 1e9;
                    double perSecond = (changesApplied.get() - before) / seconds;
                    out.printf("under the server's churn: %d object changes applied in %.1f s = %.1f/s%n",
                            changesApplied.get() - before, seconds, perSecond);

                    List<Long> lags = new ArrayList<>();
                    for (int i = 0; i < lagSamples; i++) {
                        long lag = timeRename(second, vm, i, seenAt);
                        if (lag >= 0) {
                            lags.add(lag);
                        }
                        // Spread the samples so that each meets the event loop in a different phase.
                        Thread.sleep(20 + (i * 37) % 80);
                    }
                    SyncReport report = new SyncReport(ordinary.size(), objects, loginToCacheMs, peakMb, retainedMb,
                            perSecond, lags);
                    out.printf("server change to cache (%d renames through a second session): p50 %d ms, p99 %d ms%n",
                            lags.size(), report.lagPercentile(50), report.lagPercentile(99));
                    return report;
                } finally {
                    second.call("VM.set_name_label", vm.ref(), original);
                }
            }
        }
    }

    /** Renames {@code vm} to the sample's name through {@code second}; ms until the cache shows it, -1 if never. */
    private static long timeRename(XapiSession second, XapiRecord vm, int sample, Map<Integer, Long> seenAt)
            throws XapiException, IOException, InterruptedException {
        long sent = System.nanoTime();
        second.call("VM.set_name_label", vm.ref(), LAG_PREFIX + sample);
        long deadline = sent + TimeUnit.SECONDS.toNanos(60);
        while (!seenAt.containsKey(sample) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Long seen = seenAt.get(sample);
        return seen == null ? -1 : (seen - sent) / 1_000_000;
    }

    private static boolean ordinary(XapiRecord vm) {
        return !vm.bool("is_a_template") && !vm.bool("is_a_snapshot") && !vm.bool("is_control_domain");
    }
}
