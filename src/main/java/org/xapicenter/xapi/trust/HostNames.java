package org.xapicenter.xapi.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a certificate names a host, by its subject alternative names as RFC 6125 asks (the subject's
 * CN is not consulted): DNS names case-insensitively, a leftmost {@code *} matching exactly one label,
 * IP addresses by value.
 */
final class HostNames {
    private static final int DNS = 2;
    private static final int IP = 7;
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\\]?$");

    private HostNames() {
    }

    static boolean names(X509Certificate cert, String host) {
        Collection<List<?>> alternatives;
        try {
            alternatives = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (alternatives == null) {
            return false;
        }
        boolean literal = IP_LITERAL.matcher(host).matches();
        for (List<?> name : alternatives) {
            if (name.size() < 2 || !(name.get(0) instanceof Integer type) || !(name.get(1) instanceof String value)) {
                continue;
            }
            if (literal && type == IP && sameAddress(host, value)) {
                return true;
            }
            if (!literal && type == DNS && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // Both are literals: no name is resolved.
            return InetAddress.getByName(strip(a)).equals(InetAddress.getByName(strip(b)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String strip(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String suffix = p.substring(1); // ".example.com"
        // one label only, and never a wildcard for a bare public suffix like *.com
        return suffix.indexOf('.', 1) > 0 && h.endsWith(suffix) && h.length() > suffix.length()
                && h.substring(0, h.length() - suffix.length()).indexOf('.') < 0;
    }
}
