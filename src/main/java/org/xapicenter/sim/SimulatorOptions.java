package org.xapicenter.sim;

import java.time.Duration;

import org.xapicenter.sim.scale.ScaleSettings;

/**
 * How to run a simulator. Build with {@link #builder()}; every setting has a demo-friendly default.
 *
 * @param httpPort          plain HTTP port on 127.0.0.1; 0 picks a free port, -1 disables HTTP
 * @param httpsPort         HTTPS port (self-signed certificate); 0 picks a free port, -1 disables HTTPS
 * @param user              the one account that may log in
 * @param password          its password
 * @param operationDuration how long a VM power operation takes (tests: milliseconds; each operation
 *                          scales it, e.g. a reboot takes longer than a pause)
 * @param seed              seed of every UUID, MAC and address: same seed, same pool
 * @param loginFailureDelay how long a failed login waits before answering
 * @param eventCoalesce     how long event.from waits after a first change to gather related ones
 * @param maxRequestBytes   largest RPC request body accepted
 * @param demoPool          whether to fill the store with the demo pool
 * @param poolMembers       whether every host listens on its own loopback address (127.0.0.1 the
 *                          coordinator, 127.0.0.2... the members; Linux only) instead of the pool
 *                          answering on 127.0.0.1 alone
 * @param scale             a generated or loaded pool instead of the demo, churn, saving ({@link ScaleSettings#NONE}: none)
 * @param externalVncHost   when not null, every console is proxied to the VNC server at this host and
 *                          {@code externalVncPort} instead of the built-in text console
 * @param externalVncPort   that server's port (1-65535), ignored without a host
 * @param transferRate      bytes per second each /export and /import stream is held to (0: unlimited),
 *                          so that a test can cancel a transfer while it still runs
 * @param exportStall       how long an export waits for a client that stops reading (without closing)
 *                          before it gives up: the task fails and the connection closes
 */
public record SimulatorOptions(int httpPort, int httpsPort, String user, String password, Duration operationDuration,
                               long seed, Duration loginFailureDelay, Duration eventCoalesce, int maxRequestBytes,
                               boolean demoPool, boolean poolMembers, ScaleSettings scale,
                               String externalVncHost, int externalVncPort, long transferRate,
                               Duration exportStall) {

    public SimulatorOptions {
        if (httpPort < -1 || httpPort > 65535 || httpsPort < -1 || httpsPort > 65535) {
            throw new IllegalArgumentException("ports are 0-65535, or -1 for disabled");
        }
        if (user == null || password == null) {
            throw new IllegalArgumentException("user and password are required");
        }
        if (operationDuration.isNegative() || loginFailureDelay.isNegative() || eventCoalesce.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        if (scale == null) {
            throw new IllegalArgumentException("scale settings are required (ScaleSettings.NONE for none)");
        }
        if (externalVncHost != null && (externalVncHost.isBlank() || externalVncPort < 1 || externalVncPort > 65535)) {
            throw new IllegalArgumentException("an external VNC server needs a host and a port 1-65535");
        }
        if (transferRate < 0) {
            throw new IllegalArgumentException("transferRate cannot be negative (0: unlimited)");
        }
        if (exportStall == null || exportStall.isNegative() || exportStall.isZero()) {
            throw new IllegalArgumentException("exportStall must be positive");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes below 1 KiB cannot hold a login");
        }
    }

    public static final String DEFAULT_USER = "root";
    public static final String DEFAULT_PASSWORD = "password";

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.httpPort = httpPort;
        b.httpsPort = httpsPort;
        b.user = user;
        b.password = password;
        b.operationDuration = operationDuration;
        b.seed = seed;
        b.loginFailureDelay = loginFailureDelay;
        b.eventCoalesce = eventCoalesce;
        b.maxRequestBytes = maxRequestBytes;
        b.demoPool = demoPool;
        b.poolMembers = poolMembers;
        b.scale = scale;
        b.externalVncHost = externalVncHost;
        b.externalVncPort = externalVncPort;
        b.transferRate = transferRate;
        b.exportStall = exportStall;
        return b;
    }

    public static final class Builder {
        private int httpPort = 0;
        private int httpsPort = -1;
        private String user = DEFAULT_USER;
        private String password = DEFAULT_PASSWORD;
        private Duration operationDuration = Duration.ofMillis(2000);
        private long seed = 42;
        private Duration loginFailureDelay = Duration.ofMillis(500);
        private Duration eventCoalesce = Duration.ofMillis(50);
        private int maxRequestBytes = 16 * 1024 * 1024;
        private boolean demoPool = true;
        private boolean poolMembers = false;
        private ScaleSettings scale = ScaleSettings.NONE;
        private String externalVncHost;
        private int externalVncPort;
        private long transferRate = 0;
        private Duration exportStall = Duration.ofMinutes(5);

        private Builder() {
        }

        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder httpsPort(int port) {
            this.httpsPort = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder operationDuration(Duration d) {
            this.operationDuration = d;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder loginFailureDelay(Duration d) {
            this.loginFailureDelay = d;
            return this;
        }

        public Builder eventCoalesce(Duration d) {
            this.eventCoalesce = d;
            return this;
        }

        public Builder maxRequestBytes(int bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        public Builder demoPool(boolean demoPool) {
            this.demoPool = demoPool;
            return this;
        }

        public Builder poolMembers(boolean poolMembers) {
            this.poolMembers = poolMembers;
            return this;
        }

        public Builder scale(ScaleSettings scale) {
            this.scale = scale;
            return this;
        }

        /**
         * Proxies every console to the VNC server at {@code host:port} (a real Xvnc or QEMU) instead of
         * serving the built-in text console; {@code host} null goes back to the built-in one.
         */
        public Builder externalVnc(String host, int port) {
            this.externalVncHost = host;
            this.externalVncPort = port;
            return this;
        }

        /** Holds each /export and /import stream to {@code bytesPerSecond} (0: unlimited, the default). */
        public Builder transferRate(long bytesPerSecond) {
            this.transferRate = bytesPerSecond;
            return this;
        }

        /**
         * How long an export waits for a client that stops reading without closing (default 5 minutes),
         * after which its task fails and the connection closes.
         */
        public Builder exportStall(Duration d) {
            this.exportStall = d;
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(httpPort, httpsPort, user, password, operationDuration, seed,
                    loginFailureDelay, eventCoalesce, maxRequestBytes, demoPool, poolMembers, scale,
                    externalVncHost, externalVncPort, transferRate, exportStall);
        }
    }
}
