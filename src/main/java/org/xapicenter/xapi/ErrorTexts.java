package org.xapicenter.xapi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xapi.sidechannel.SideChannelException;

/**
 * The one source of sentences for people about errors, for the window and the command line alike: XAPI
 * error codes (the host's and XapiCenter's own {@code XAPICENTER_*}) and their parameters from the
 * {@code org.xapicenter.messages} bundle (one key per code, {@code {0}}, {@code {1}}... for the
 * parameters), and exceptions. Codes without an entry get a generic sentence naming the code.
 *
 * <p>Parameters that are object refs are shown through a {@code names} function (a VM ref reads as the
 * VM's name); a caller that must never show a ref (the command line) maps unknown refs to a word.
 */
public final class ErrorTexts {
    public static final String BUNDLE = "org.xapicenter.messages";
    private static final String FALLBACK = "error.fallback";
    /** xapi reports a block whose checksum does not match as IMPORT_ERROR_GENERIC with this prefix. */
    static final String INVALID_CHECKSUM_PREFIX = "Invalid_checksum";
    static final String INVALID_CHECKSUM_KEY = "IMPORT_ERROR_GENERIC.invalid_checksum";
    private static final ErrorTexts DEFAULT = new ErrorTexts(ResourceBundle.getBundle(BUNDLE));

    private final ResourceBundle bundle;

    public ErrorTexts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static ErrorTexts get() {
        return DEFAULT;
    }

    public static ErrorTexts forLocale(Locale locale) {
        return new ErrorTexts(ResourceBundle.getBundle(BUNDLE, locale));
    }

    /** Whether {@code code} has a sentence of its own (else it gets the generic one). */
    public boolean knows(String code) {
        return lookup(code) != null;
    }

    /** The sentence for {@code code} with its parameters; refs stay as they are. */
    public String format(String code, List<String> params) {
        return format(code, params, UnaryOperator.identity());
    }

    /**
     * The sentence for {@code code}; each parameter that is an object ref is first shown through
     * {@code names} (so a VM ref reads as the VM's name; a null or blank name keeps the ref).
     */
    public String format(String code, List<String> params, UnaryOperator<String> names) {
        List<String> shown = params.stream().map(p -> nameOf(p, names)).toList();
        String pattern = lookup(patternKey(code, params));
        if (pattern == null) {
            if (shown.isEmpty()) {
                return new MessageFormat(lookup(FALLBACK + "_bare"), Locale.ROOT).format(new Object[] {code});
            }
            return new MessageFormat(lookup(FALLBACK), Locale.ROOT)
                    .format(new Object[] {code, String.join(", ", shown)});
        }
        return new MessageFormat(pattern, Locale.ROOT).format(shown.toArray());
    }

    /** Some codes say different things by their first parameter: a checksum failure is a "generic" import error. */
    private static String patternKey(String code, List<String> params) {
        if ("IMPORT_ERROR_GENERIC".equals(code) && !params.isEmpty() && params.get(0) != null
                && params.get(0).trim().startsWith(INVALID_CHECKSUM_PREFIX)) {
            return INVALID_CHECKSUM_KEY;
        }
        return code;
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
        java.util.Optional<org.xapicenter.xapi.trust.CertificateRejectedException> rejected =
                org.xapicenter.xapi.trust.CertificateRejectedException.in(error);
        if (rejected.isPresent()) {
            return certificateRejected(rejected.get());
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ReplyException) {
                return t.getMessage(); // already a sentence naming the server
            }
            if (t instanceof XapiException) {
                break;
            }
        }
        if (error instanceof org.xapicenter.xapi.console.ConsoleException || error instanceof SideChannelException) {
            // Their sentences are already written for people (and name the host or the status).
            return error.getMessage();
        }
        if (error instanceof XapiException x) {
            return format(x.code(), x.params(), names);
        }
        if (error instanceof NoSuchFileException f) {
            return pattern("error.no_such_file", f.getFile());
        }
        if (error instanceof AccessDeniedException f) {
            return pattern("error.access_denied", f.getFile());
        }
        if (error instanceof FileSystemException f && f.getReason() != null) {
            return pattern("error.file", f.getFile(), f.getReason());
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
        return pattern(key, detail);
    }

    private String certificateRejected(org.xapicenter.xapi.trust.CertificateRejectedException e) {
        org.xapicenter.xapi.trust.TrustQuestion q = e.question();
        return switch (e.reason()) {
            case NOT_TRUSTED -> pattern("error.certificate_not_trusted", q.hostKey(), q.presented().fingerprintText());
            case CHANGED -> pattern("error.certificate_changed", q.hostKey(),
                    org.xapicenter.xapi.trust.CertificateFacts.fingerprintText(q.previous().sha256()),
                    q.presented().fingerprintText());
        };
    }

    private String pattern(String key, Object... args) {
        return new MessageFormat(lookup(key), Locale.ROOT).format(args);
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
