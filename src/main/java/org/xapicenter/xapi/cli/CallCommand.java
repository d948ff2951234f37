package org.xapicenter.xapi.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.wire.JsonRpcMessages;

/**
 * {@code call --server URL --user U --password-file F [--json-rpc] [--trust-cert PEM] METHOD [ARG...]}:
 * logs in, calls one API method with the session prepended, prints the result as JSON.
 *
 * <p>Arguments are JSON values; a word that is not valid JSON is taken as a string, so
 * {@code VM.start OpaqueRef:x false false} works unquoted. Exit codes: 0 success, 1 XAPI error (code
 * and parameters on stderr), 2 usage error, 3 I/O error (one line on stderr).
 */
public final class CallCommand {
    public static final int OK = 0;
    public static final int XAPI_ERROR = 1;
    public static final int USAGE = 2;
    public static final int IO_ERROR = 3;

    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: call --server URL --user USER --password-file FILE [--json-rpc] [--trust-cert PEM]",
            "            METHOD [ARG...]",
            "  Logs in, calls METHOD with the session as first argument and prints the result as JSON.",
            "  ARGs are JSON values; a word that is not JSON is a string (VM.start OpaqueRef:x false false).",
            "  --password-file  file whose first line is the password",
            "  --json-rpc       use JSON-RPC instead of XML-RPC",
            "  --trust-cert     for https: trust exactly the certificate(s) in this PEM file",
            "                   (default: the JDK's trusted authorities)");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CallCommand() {
    }

    /** Parsed command line. */
    record Options(URI server, String user, Path passwordFile, Protocol protocol, Path trustCert,
                   String method, List<Object> args) {
    }

    /** Runs the command; never throws and never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("call: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        char[] password;
        try {
            password = readPassword(o.passwordFile());
        } catch (IOException e) {
            err.println("call: " + oneLine(e));
            return IO_ERROR;
        }
        return call(o, password, out, err);
    }

    /** Logs in with {@code password}, calls the method and prints the outcome; zeroes {@code password} on every path. */
    static int call(Options o, char[] password, PrintStream out, PrintStream err) {
        try {
            return callAndPrint(o, password, out, err);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static int callAndPrint(Options o, char[] password, PrintStream out, PrintStream err) {
        try {
            ConnectionSettings settings = ConnectionSettings.of(o.server(), o.protocol());
            if (o.trustCert() != null) {
                SSLContext ctx = TrustedCertificate.sslContext(o.trustCert());
                settings = settings.withSslContext(ctx);
            }
            Object result;
            try (XapiSession session = XapiSession.login(settings, o.user(), password)) {
                Arrays.fill(password, '\0');
                result = session.call(o.method(), o.args().toArray());
            }
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JsonRpcMessages.toJson(result)));
            return OK;
        } catch (XapiException e) {
            err.println(e.code() + " " + toJsonArray(e.params()));
            return XAPI_ERROR;
        } catch (IOException e) {
            err.println("call: " + oneLine(e));
            return IO_ERROR;
        } catch (IllegalArgumentException e) {
            err.println("call: " + e.getMessage());
            return USAGE;
        }
    }

    static Options parse(String[] args) {
        URI server = null;
        String user = null;
        Path passwordFile = null;
        Path trustCert = null;
        Protocol protocol = Protocol.XML_RPC;
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String opt = args[i++];
            switch (opt) {
                case "--json-rpc" -> protocol = Protocol.JSON_RPC;
                case "--server" -> server = serverUri(value(args, i++, opt));
                case "--user" -> user = value(args, i++, opt);
                case "--password-file" -> passwordFile = Path.of(value(args, i++, opt));
                case "--trust-cert" -> trustCert = Path.of(value(args, i++, opt));
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        if (server == null || user == null || passwordFile == null) {
            throw new IllegalArgumentException("--server, --user and --password-file are required");
        }
        if (i >= args.length) {
            throw new IllegalArgumentException("no METHOD given");
        }
        String method = args[i++];
        List<Object> values = new ArrayList<>();
        while (i < args.length) {
            values.add(argument(args[i++]));
        }
        return new Options(server, user, passwordFile, protocol, trustCert, method, values);
    }

    private static String value(String[] args, int i, String opt) {
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

    /** A JSON value, or the word itself as a string when it is not valid JSON. */
    static Object argument(String arg) {
        try {
            JsonNode n = JSON.readTree(arg);
            if (n == null || n.isMissingNode()) {
                return arg;
            }
            return JsonRpcMessages.toValue(n);
        } catch (JsonProcessingException e) {
            return arg;
        }
    }

    /** The file's first line, read without ever making it a String (those cannot be zeroed). */
    private static char[] readPassword(Path file) throws IOException {
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

    private static String toJsonArray(List<String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            return params.toString();
        }
    }

    private static String oneLine(IOException e) {
        String msg = e.getMessage();
        String text = (msg == null || msg.isBlank()) ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + msg;
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
