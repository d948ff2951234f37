package org.xapicenter.xapi.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xapicenter.xapi.ConnectionSettings;
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
            LoginOptions.USAGE_LINES);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CallCommand() {
    }

    /** Parsed command line. */
    record Options(LoginOptions login, String method, List<Object> args) {
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
            password = o.login().readPassword();
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
            ConnectionSettings settings = o.login().settings();
            Object result;
            try (XapiSession session = XapiSession.login(settings, o.login().user(), password)) {
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
        LoginOptions.Parser login = new LoginOptions.Parser();
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            int next = login.consume(args, i);
            if (next == i) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i = next;
        }
        LoginOptions options = login.build();
        if (i >= args.length) {
            throw new IllegalArgumentException("no METHOD given");
        }
        String method = args[i++];
        List<Object> values = new ArrayList<>();
        while (i < args.length) {
            values.add(argument(args[i++]));
        }
        return new Options(options, method, values);
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

    private static String toJsonArray(List<String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            return params.toString();
        }
    }

    private static String oneLine(IOException e) {
        if (org.xapicenter.xapi.trust.CertificateRejectedException.in(e).isPresent()) {
            return org.xapicenter.xapi.ErrorTexts.get().describe(e);
        }
        String msg = e.getMessage();
        String text = (msg == null || msg.isBlank()) ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + msg;
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
