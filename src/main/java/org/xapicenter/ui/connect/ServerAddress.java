package org.xapicenter.ui.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Turns what a user types as a server ({@code host}, {@code host:port}, a URL) into a base URL. */
public final class ServerAddress {
    private ServerAddress() {
    }

    /** The base URL, https unless the user wrote http://; empty when the text is not an address. */
    public static Optional<URI> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            t = "https://" + t;
        }
        try {
            URI uri = new URI(t);
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost(),
                    uri.getPort(), null, null, null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
