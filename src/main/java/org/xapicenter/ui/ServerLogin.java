package org.xapicenter.ui;

import java.util.Objects;
import org.xapicenter.xapi.ConnectionSettings;

/**
 * A server to connect to, with the credentials to log in.
 *
 * @param password handed to the connection as is; the UI keeps no copy of it
 */
public record ServerLogin(ConnectionSettings settings, String user, char[] password) {
    public ServerLogin {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        // Never let the password reach a log line through a record's generated toString.
        return "ServerLogin[" + settings.serverAddress() + ", user=" + user + "]";
    }
}
