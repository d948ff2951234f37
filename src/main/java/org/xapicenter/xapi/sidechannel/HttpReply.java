package org.xapicenter.xapi.sidechannel;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed reply header: status, reason phrase (printable, at most 100 characters) and header fields
 * by lower-case name (the last one wins).
 */
public record HttpReply(int status, String phrase, Map<String, String> headers) {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: (.*))?");

    /** @throws SideChannelException the first line is not an HTTP status line */
    public static HttpReply parse(String header, Endpoint from) throws SideChannelException {
        String[] lines = header.split("\r?\n");
        Matcher m = STATUS_LINE.matcher(lines.length == 0 ? "" : lines[0]);
        if (!m.matches()) {
            throw new SideChannelException(SideChannelException.Kind.MALFORMED, from.host(),
                    "answered with something that is not HTTP",
                    "The host " + from.host() + " answered with something that is not HTTP.", null);
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String phrase = m.group(2) == null ? "" : SideChannel.printable(m.group(2).trim());
        return new HttpReply(Integer.parseInt(m.group(1)), phrase, Map.copyOf(fields));
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
