package org.xapicenter.xapi.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/**
 * The login options every command that talks to a server shares: {@code --server URL --user U
 * --password-file F [--json-rpc] [--trust-cert PEM]}. The password itself never appears on a command
 * line, in a String or in a message.
 *
 * @param trustCert PEM (or DER) file whose certificates alone are trusted for https, or null for the
 *     JDK's trusted authorities
 */
public record LoginOptions(URI server, String user, Path passwordFile, Protocol protocol, Path trustCert) {

    /** The lines a command's usage text gives these options. */
    public static final String USAGE_LINES = String.join(System.lineSeparator(),
            "  --password-file  file whose first line is the password",
            "  --json-rpc       use JSON-RPC instead of XML-RPC",
            "  --trust-cert     for https: trust exactly the certificate(s) in this PEM file",
            "                   (default: the JDK's trusted authorities)");

    /** Collects login options from a command line that also has options of its own. */
    public static final class Parser {
        private URI server;
        private String user;
        private Path passwordFile;
        private Path trustCert;
        private Protocol protocol = Protocol.XML_RPC;
        private boolean seen;
        private boolean serverSide;

        /**
         * Consumes the login option at {@code args[i]} (with its value).
         *
         * @return the index after it, or {@code i} when {@code args[i]} is not a login option
         * @throws IllegalArgumentException a value is missing or malformed
         */
        public int consume(String[] args, int i) {
            String opt = args[i];
            switch (opt) {
                case "--json-rpc" -> protocol = Protocol.JSON_RPC;
                case "--server" -> server = serverUri(value(args, i + 1, opt));
                case "--user" -> user = value(args, i + 1, opt);
                case "--password-file" -> passwordFile = Path.of(value(args, i + 1, opt));
                case "--trust-cert" -> trustCert = Path.of(value(args, i + 1, opt));
                default -> {
                    return i;
                }
            }
            seen = true;
            serverSide |= !opt.equals("--password-file");
            return opt.equals("--json-rpc") ? i + 1 : i + 2;
        }

        /** Whether any login option was given. */
        public boolean any() {
            return seen;
        }

        /** Whether an option other than {@code --password-file} was given (commands that can do without a server). */
        public boolean serverGiven() {
            return serverSide;
        }

        /** The {@code --password-file} given, or null (commands that use it for another password). */
        public Path passwordFile() {
            return passwordFile;
        }

        /** @throws IllegalArgumentException --server, --user or --password-file is missing */
        public LoginOptions build() {
            if (server == null || user == null || passwordFile == null) {
                throw new IllegalArgumentException("--server, --user and --password-file are required");
            }
            return new LoginOptions(server, user, passwordFile, protocol, trustCert);
        }
    }

    /**
     * The connection these options describe: with {@code --trust-cert}, exactly the certificate(s) given;
     * without it, certificates a CA the runtime trusts vouches for (name included) and nothing else, so
     * a host's self-signed certificate is refused with a sentence naming its SHA-256 fingerprint.
     */
    public ConnectionSettings settings() throws IOException {
        ConnectionSettings settings = ConnectionSettings.of(server, protocol);
        if (trustCert != null) {
            return settings.withSslContext(TrustedCertificate.sslContext(trustCert));
        }
        return settings.withSslContext(new org.xapicenter.xapi.trust.PinningTrust(
                new org.xapicenter.xapi.trust.MemoryPinStore(), org.xapicenter.xapi.trust.TrustPrompt.REFUSE).sslContext());
    }

    /** The password file's first line; the caller zeroes it after use. */
    public char[] readPassword() throws IOException {
        return readPassword(passwordFile);
    }

    /** The file's first line, read without ever making it a String (those cannot be zeroed). */
    public static char[] readPassword(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n') {
                end++;
            }
            if (end > 0 && chars.get(end - 1) == '\r') {
                end--;
            }
            char[] line = new char[end];
            chars.get(line, 0, end);
            return line;
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    private static URI serverUri(String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme();
            if (scheme == null || u.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("--server must be http://host[:port] or https://host[:port]");
            }
            if (u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("--server must not contain a user name or password;"
                        + " give them with --user and --password-file");
            }
            return u;
        } catch (URISyntaxException e) {
            // not echoed: whatever the user typed may hold a password
            throw new IllegalArgumentException("--server is not a URL (http://host[:port] or https://host[:port])");
        }
    }
}
