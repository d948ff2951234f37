package org.xapicenter.cache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Host;

/**
 * One connection to a pool: login, the event.from loop that keeps {@link #cache()} current, and
 * reconnect.
 *
 * <p>The loop runs on its own daemon thread. It fills the cache with {@code event.from(["*"], "", t)}
 * (every object arrives as an {@code add}), then loops on the returned token, applying each reply as
 * one batch. When the link breaks it logs in again and rebuilds the cache from token {@code ""} in a
 * single reset batch, so nothing stale survives a reconnect. A refused login stops the loop in
 * {@link ConnectionState#FAILED}: retrying a wrong password would only lock the account.
 *
 * <p>Like XenCenter it remembers the address of every host of the pool ({@code host.address}, read
 * from the cache). When the server it talks to cannot be reached, for example because the coordinator
 * died, each reconnect attempt tries the remembered members in turn; a member answers
 * {@code HOST_IS_SLAVE [coordinator address]}, which is followed to whichever host coordinates now.
 */
public final class PoolConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolConnection.class);
    private static final List<String> ALL_CLASSES = List.of("*");
    private static final int MAX_COORDINATOR_REDIRECTS = 3;
    /**
     * How long a remembered member may take to accept a TCP connection before it is skipped for this
     * round: a dead host behind a silent firewall would otherwise hold the reconnect for the whole
     * connect timeout, once per member.
     */
    private static final int MEMBER_PROBE_MILLIS = 3_000;

    /**
     * How the event loop waits and retries, and how often the heartbeat checks the link; the defaults
     * match what XenCenter does (a beat every 15 s, the link declared dead after two missed beats).
     */
    public record Tuning(double eventTimeoutSeconds, Duration firstRetryDelay, Duration maxRetryDelay,
            Duration heartbeatInterval, Duration heartbeatTimeout) {
        public static final Tuning DEFAULT = new Tuning(30, Duration.ofSeconds(1), Duration.ofSeconds(30));

        /** With the default heartbeat. */
        public Tuning(double eventTimeoutSeconds, Duration firstRetryDelay, Duration maxRetryDelay) {
            this(eventTimeoutSeconds, firstRetryDelay, maxRetryDelay, Duration.ofSeconds(15), Duration.ofSeconds(10));
        }
    }

    /** Missed beats in a row that make the link dead. */
    static final int MISSED_BEATS_FOR_DEAD = 2;

    private final ObjectCache cache = new ObjectCache();
    private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
    private final String user;
    private final char[] password;
    private final Tuning tuning;
    private final String serverLabel;

    private volatile ConnectionSettings settings;
    /** Addresses of the pool's hosts, as last seen in the cache or given by {@link #rememberMembers}. */
    private volatile List<String> knownMembers = List.of();
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile Exception lastError;
    private volatile XapiSession session;
    private volatile boolean closed;
    private volatile java.time.Instant nextAttempt;
    private volatile boolean passwordRefused;
    private volatile java.util.OptionalLong clockOffsetMillis = java.util.OptionalLong.empty();
    private Thread loop;
    private Heartbeat heartbeat;

    public PoolConnection(ConnectionSettings settings, String user, char[] password) {
        this(settings, user, password, Tuning.DEFAULT);
    }

    public PoolConnection(ConnectionSettings settings, String user, char[] password, Tuning tuning) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password.clone();
        this.tuning = tuning;
        URI s = settings.server();
        this.serverLabel = s.getPort() > 0 ? s.getHost() + ":" + s.getPort() : s.getHost();
        cache.addListener(this::rememberHosts);
    }

    /** Starts login and the event loop on a background thread; returns at once. */
    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        loop = new Thread(this::run, "xapi-events-" + serverLabel);
        loop.setDaemon(true);
        heartbeat = new Heartbeat(this, tuning.heartbeatInterval(), tuning.heartbeatTimeout());
        loop.start();
        heartbeat.start();
    }

    public ObjectCache cache() {
        return cache;
    }

    /** The session for user actions; throws IllegalStateException when not connected. */
    public XapiSession session() {
        XapiSession s = session;
        if (s == null || state != ConnectionState.CONNECTED) {
            throw new IllegalStateException("not connected to " + serverLabel);
        }
        return s;
    }

    public ConnectionState state() {
        return state;
    }

    /** The error behind FAILED/RECONNECTING (an XapiException or IOException), else null. */
    public Exception lastError() {
        return lastError;
    }

    /**
     * When the next reconnect attempt starts, while {@link ConnectionState#RECONNECTING} and waiting
     * (for "reconnecting in N s"); empty otherwise.
     */
    public java.util.Optional<java.time.Instant> nextAttempt() {
        java.time.Instant at = nextAttempt;
        return state == ConnectionState.RECONNECTING ? java.util.Optional.ofNullable(at) : java.util.Optional.empty();
    }

    /**
     * The coordinator's clock minus ours, in milliseconds, as the heartbeat
     * ({@code host.get_servertime}) last measured it; empty before the first beat.
     */
    public java.util.OptionalLong serverClockOffsetMillis() {
        return clockOffsetMillis;
    }

    /**
     * Whether the connection stopped because the server refused the user name or password
     * ({@code SESSION_AUTHENTICATION_FAILED}), at first login or at a re-login later: the window then
     * asks for the password once, and never retries on its own.
     */
    public boolean passwordRefused() {
        return passwordRefused;
    }

    /** The pool's uuid once the cache is filled (to refuse the same pool added twice), else empty. */
    public java.util.Optional<String> poolUuid() {
        if (state != ConnectionState.CONNECTED) {
            return java.util.Optional.empty();
        }
        return cache.all(org.xapicenter.xapi.record.Pool.class).stream().map(org.xapicenter.xapi.record.Pool::uuid)
                .filter(u -> u != null && !u.isBlank()).findFirst();
    }

    // ---- heartbeat (called on its own thread) ------------------------------------------------

    /** The session the heartbeat may use: only while connected. */
    XapiSession liveSession() {
        XapiSession s = session;
        return s != null && state == ConnectionState.CONNECTED ? s : null;
    }

    /** The coordinator's host ref as the cache knows it, or null. */
    String coordinatorRef() {
        for (org.xapicenter.xapi.record.Pool p : cache.all(org.xapicenter.xapi.record.Pool.class)) {
            String master = p.refField("master");
            if (master != null && !master.isBlank() && !"OpaqueRef:NULL".equals(master)) {
                return master;
            }
        }
        return null;
    }

    void clockMeasured(long offsetMillis) {
        clockOffsetMillis = java.util.OptionalLong.of(offsetMillis);
    }

    /** Two beats missed: the link is dead even if no socket says so; end the event loop's wait now. */
    void linkDead(XapiSession s, Exception why) {
        if (closed || session != s) {
            return;
        }
        LOG.info("Connection to {} missed {} heartbeats ({}); reconnecting", serverLabel, MISSED_BEATS_FOR_DEAD,
                why.toString());
        s.abortCalls();
    }

    /** Called on the connection's thread whenever the state changes. */
    public void addStateListener(Consumer<ConnectionState> listener) {
        stateListeners.add(listener);
    }

    /** What the user typed as the server, for titles: {@code host[:port]}. */
    public String serverLabel() {
        return serverLabel;
    }

    /** The server this connection talks to now (the coordinator, after a redirect). */
    public URI currentServer() {
        return settings.server();
    }

    /**
     * The addresses of the pool's hosts this connection would try if its server became unreachable,
     * in the order it tries them (after the current server). Worth saving with the server, as XenCenter
     * does, so that a restart can still reach the pool when the saved host is down.
     */
    public List<String> knownMembers() {
        return knownMembers;
    }

    /** Adds addresses to try on reconnect (e.g. members saved from an earlier session). */
    public void rememberMembers(Collection<String> addresses) {
        Set<String> all = new TreeSet<>(knownMembers);
        for (String a : addresses) {
            if (a != null && !a.isBlank()) {
                all.add(a.trim());
            }
        }
        knownMembers = List.copyOf(all);
    }

    /** After each batch touching hosts: the addresses of every host now in the pool. */
    private void rememberHosts(CacheBatch batch) {
        if (!batch.reset() && batch.changes().stream().noneMatch(c -> "host".equals(c.xapiClass()))) {
            return;
        }
        Set<String> addresses = new TreeSet<>();
        for (Host h : cache.all(Host.class)) {
            String a = h.address();
            if (a != null && !a.isBlank()) {
                addresses.add(a);
            }
        }
        // An emptied cache (closed, or a pool without hosts yet) must not make us forget the pool.
        if (!addresses.isEmpty()) {
            knownMembers = List.copyOf(addresses);
        }
    }

    /**
     * Stops the loop, logs out and empties the cache. Once this returns, the loop can neither apply
     * another batch nor announce another state: both happen under the same lock and check for close.
     */
    @Override
    public void close() {
        Thread t;
        XapiSession s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = loop;
            s = session;
            session = null;
            cache.clear();
            setState(ConnectionState.DISCONNECTED, null);
        }
        if (t != null) {
            t.interrupt();
        }
        Heartbeat h;
        synchronized (this) {
            h = heartbeat;
        }
        if (h != null) {
            h.stop();
        }
        if (s != null) {
            s.close();
        }
        Arrays.fill(password, '\0');
    }

    // ---- the loop ----------------------------------------------------------------------------

    private void run() {
        Duration delay = tuning.firstRetryDelay();
        boolean everConnected = false;
        while (!closed) {
            try {
                setState(everConnected ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING, lastError);
                adopt(login());
                String token = fill();
                everConnected = true;
                delay = tuning.firstRetryDelay();
                setState(ConnectionState.CONNECTED, null);
                follow(token);
            } catch (XapiException e) {
                if (closed) {
                    return;
                }
                if (isFatal(e, everConnected)) {
                    LOG.warn("Connection to {} refused: {}", serverLabel, e.code());
                    passwordRefused = "SESSION_AUTHENTICATION_FAILED".equals(e.code());
                    dropSession();
                    setState(ConnectionState.FAILED, e);
                    return;
                }
                LOG.info("Connection to {} lost ({}); reconnecting", serverLabel, e.code());
                lastError = e;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (org.xapicenter.xapi.trust.CertificateRejectedException.in(e).isPresent()) {
                    // Retrying would only meet the same refusal: the user decides, then reconnects.
                    LOG.warn("Connection to {} stopped: its certificate is not trusted", serverLabel);
                    dropSession();
                    setState(ConnectionState.FAILED, e);
                    return;
                }
                LOG.info("Connection to {} lost ({}); reconnecting", serverLabel, e.toString());
                lastError = e;
            }
            dropSession();
            nextAttempt = java.time.Instant.now().plus(delay);
            // Told at once, with when the next attempt comes: the tree shows "reconnecting in N s".
            setState(ConnectionState.RECONNECTING, lastError);
            fireStateChanged();
            if (!sleep(delay)) {
                return;
            }
            nextAttempt = null;
            delay = delay.multipliedBy(2).compareTo(tuning.maxRetryDelay()) > 0 ? tuning.maxRetryDelay() : delay.multipliedBy(2);
        }
    }

    /**
     * Logs in at the current server or, when that fails, at each remembered member in turn, following
     * HOST_IS_SLAVE to the coordinator. The server that accepted becomes the current one.
     */
    private XapiSession login() throws XapiException, IOException {
        Exception failure = null;
        List<URI> candidates = candidates();
        for (URI candidate : candidates) {
            try {
                if (candidate != candidates.get(0) && !answers(candidate)) {
                    throw new IOException(candidate.getHost() + " does not answer");
                }
                return loginFollowingCoordinator(candidate);
            } catch (XapiException e) {
                if (isFatal(e)) {
                    throw e;
                }
                failure = failure == null ? e : failure;
            } catch (IOException e) {
                // What the user is told is why their server failed, not why the last member did.
                failure = failure == null ? e : failure;
            }
            if (closed) {
                break;
            }
        }
        if (failure instanceof XapiException x) {
            throw x;
        }
        throw failure instanceof IOException io ? io : new IOException("no server to try");
    }

    /** The current server first, then each remembered pool member at the same scheme and port. */
    private List<URI> candidates() {
        URI current = settings.server();
        Set<URI> out = new LinkedHashSet<>();
        out.add(current);
        for (String address : knownMembers) {
            out.add(coordinatorUri(current, address));
        }
        return new ArrayList<>(out);
    }

    /** Whether anything accepts TCP connections at the server's address and port, within a short time. */
    private static boolean answers(URI server) {
        int port = server.getPort() > 0 ? server.getPort() : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(server.getHost(), port), MEMBER_PROBE_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private XapiSession loginFollowingCoordinator(URI server) throws XapiException, IOException {
        URI target = server;
        for (int redirect = 0; ; redirect++) {
            try {
                XapiSession s = XapiSession.login(settings.withServer(target), user, password);
                if (!target.equals(settings.server())) {
                    LOG.info("Pool of {} now reached at {}", serverLabel, target.getHost());
                }
                settings = settings.withServer(target);
                return s;
            } catch (XapiException e) {
                if (!"HOST_IS_SLAVE".equals(e.code()) || redirect >= MAX_COORDINATOR_REDIRECTS || e.param(0).isBlank()) {
                    throw e;
                }
                target = coordinatorUri(target, e.param(0));
                LOG.info("{} is a pool member; following the coordinator at {}", server.getHost(), e.param(0));
            }
        }
    }

    /** The coordinator named by HOST_IS_SLAVE (an address), reached with the same scheme and port. */
    static URI coordinatorUri(URI current, String address) {
        try {
            // The URI constructor brackets a bare IPv6 address itself.
            return new URI(current.getScheme(), null, address, current.getPort(), current.getPath(), null, null);
        } catch (URISyntaxException e) {
            return current;
        }
    }

    /** Makes a fresh session the connection's, unless the connection was closed while logging in. */
    private void adopt(XapiSession fresh) {
        synchronized (this) {
            if (!closed) {
                session = fresh;
                return;
            }
        }
        fresh.close();
        throw new IllegalStateException("closed while logging in");
    }

    /** One event.from from the empty token: every object as an add, applied as a reset batch. */
    private String fill() throws XapiException, IOException {
        EventDecoder.Reply reply = nextEvents("");
        applyUnlessClosed(reply, true);
        return reply.token();
    }

    private void follow(String token) throws XapiException, IOException {
        while (!closed) {
            EventDecoder.Reply reply = nextEvents(token);
            if (!reply.changes().isEmpty()) {
                applyUnlessClosed(reply, false);
            }
            token = reply.token();
        }
    }

    /** A reply that arrives after close() must not refill the cache close() just emptied. */
    private synchronized void applyUnlessClosed(EventDecoder.Reply reply, boolean reset) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        cache.apply(reply.changes(), reset);
    }

    private EventDecoder.Reply nextEvents(String token) throws XapiException, IOException {
        double timeout = token.isEmpty() ? 0 : tuning.eventTimeoutSeconds();
        // The socket must outwait the server's own blocking time, or every quiet period looks like a broken link.
        long wait = (long) (tuning.eventTimeoutSeconds() * 1000) + settings.replyTimeout().toMillis();
        int replyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, wait);
        Object reply = session.callWithTimeout(replyTimeoutMillis, "event.from", ALL_CLASSES, token, timeout);
        try {
            return EventDecoder.decode(reply);
        } catch (IllegalArgumentException e) {
            throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of(e.getMessage()));
        }
    }

    private static boolean isFatal(XapiException e) {
        return isFatal(e, true);
    }

    /**
     * Failures retrying cannot mend. A server that does not speak XAPI at all is one only before the
     * first connect: afterwards it is more likely a proxy's page while the host reboots.
     */
    private static boolean isFatal(XapiException e, boolean everConnected) {
        return switch (e.code()) {
            // HOST_IS_SLAVE is not among them: during a change of coordinator hosts briefly disagree.
            case "SESSION_AUTHENTICATION_FAILED", "SESSION_AUTHORIZATION_FAILED", "RBAC_PERMISSION_DENIED" -> true;
            case "XAPICENTER_NOT_XAPI" -> !everConnected;
            default -> false;
        };
    }

    private void dropSession() {
        XapiSession s;
        synchronized (this) {
            s = session;
            session = null;
        }
        if (s != null) {
            s.close();
        }
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Tells the listeners again without a change of state (the next attempt's time changed). */
    private synchronized void fireStateChanged() {
        if (closed) {
            return;
        }
        for (Consumer<ConnectionState> l : stateListeners) {
            try {
                l.accept(state);
            } catch (RuntimeException e) {
                LOG.warn("Connection state listener failed", e);
            }
        }
    }

    /** Under the connection's lock, so a state announced by the loop can never follow DISCONNECTED. */
    private synchronized void setState(ConnectionState newState, Exception error) {
        if (closed && newState != ConnectionState.DISCONNECTED) {
            return;
        }
        lastError = error;
        if (state == newState) {
            return;
        }
        state = newState;
        for (Consumer<ConnectionState> l : stateListeners) {
            try {
                l.accept(newState);
            } catch (RuntimeException e) {
                LOG.warn("Connection state listener failed", e);
            }
        }
    }
}
