package org.xapicenter.ui.errors;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Turns XAPI error codes and their parameters into sentences for people, from the
 * {@code org.xapicenter.messages} bundle (one key per error code, {@code {0}}, {@code {1}}... for
 * the parameters). Codes without an entry fall back to the code and its parameters joined.
 */
public final class FriendlyErrors {
    static final String BUNDLE = "org.xapicenter.messages";
    private static final String FALLBACK = "error.fallback";
    private static final FriendlyErrors DEFAULT = new FriendlyErrors(ResourceBundle.getBundle(BUNDLE));

    private final ResourceBundle bundle;

    public FriendlyErrors(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static FriendlyErrors get() {
        return DEFAULT;
    }

    public static FriendlyErrors forLocale(Locale locale) {
        return new FriendlyErrors(ResourceBundle.getBundle(BUNDLE, locale));
    }

    /** The sentence for {@code code} with its parameters; refs stay as they are. */
    public String format(String code, List<String> params) {
        return format(code, params, UnaryOperator.identity());
    }

    /**
     * The sentence for {@code code}; each parameter that is an object ref is first shown through
     * {@code names} (so a VM ref reads as the VM's name).
     */
    public String format(String code, List<String> params, UnaryOperator<String> names) {
        Object[] args = params.stream().map(p -> nameOf(p, names)).toArray();
        String pattern = lookup(code);
        if (pattern == null) {
            if (params.isEmpty()) {
                return new MessageFormat(lookup(FALLBACK + "_bare"), Locale.ROOT).format(new Object[] {code});
            }
            String joined = String.join(", ", params.stream().map(p -> nameOf(p, names)).toList());
            return new MessageFormat(lookup(FALLBACK), Locale.ROOT).format(new Object[] {code, joined});
        }
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** A failure as {@code error_info} carries it: {@code [code, params...]}. */
    public String formatErrorInfo(List<String> errorInfo, UnaryOperator<String> names) {
        if (errorInfo == null || errorInfo.isEmpty()) {
            return lookup("error.unknown");
        }
        return format(errorInfo.get(0), errorInfo.subList(1, errorInfo.size()), names);
    }

    /** Any exception a call can raise, as a sentence; never a stack trace. */
    public String describe(Throwable error) {
        return describe(error, UnaryOperator.identity());
    }

    public String describe(Throwable error, UnaryOperator<String> names) {
        if (error instanceof org.xapicenter.xapi.console.ConsoleException c) {
            // Its sentence is already written for people (and names the host or the status).
            return c.getMessage();
        }
        if (error instanceof XapiException x) {
            return format(x.code(), x.params(), names);
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof XapiException)) {
            if (root.getCause() instanceof XapiException x) {
                return format(x.code(), x.params(), names);
            }
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String key = root instanceof UnknownHostException ? "error.unknown_host"
                : root instanceof ConnectException ? "error.connection_refused"
                : root instanceof SocketTimeoutException ? "error.timeout"
                : untrustedCertificate(error) ? "error.tls_untrusted"
                : root instanceof SSLException || hasCause(error, SSLException.class) ? "error.tls"
                : error instanceof IOException || root instanceof IOException ? "error.io"
                : "error.internal";
        return new MessageFormat(lookup(key), Locale.ROOT).format(new Object[] {detail});
    }

    /** A certificate no trust store vouches for: what every host's self-signed certificate gets. */
    private static boolean untrustedCertificate(Throwable error) {
        // PKIX says so with a CertPathBuilderException (no chain to a trusted root) or a
        // CertPathValidatorException (a chain that does not validate).
        return hasCause(error, java.security.cert.CertPathValidatorException.class)
                || hasCause(error, java.security.cert.CertPathBuilderException.class);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String nameOf(String param, UnaryOperator<String> names) {
        if (param != null && param.startsWith("OpaqueRef:") && !XapiRecord.isNullRef(param)) {
            String n = names.apply(param);
            return n == null || n.isBlank() ? param : n;
        }
        return param;
    }

    private String lookup(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
