package org.xapicenter.ui;

import java.util.Objects;
import org.xapicenter.xapi.ConnectionSettings;

/**
 * A server to connect to, with the credentials to log in.
 *
 * @param password handed to the connection as is; the UI keeps no copy of it
 * @param name what the tree calls the server before its pool is known (blank: its address)
 */
public record ServerLogin(ConnectionSettings settings, String user, char[] password, String name) {
    public ServerLogin {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        name = name == null ? "" : name;
    }

    public ServerLogin(ConnectionSettings settings, String user, char[] password) {
        this(settings, user, password, "");
    }

    @Override
    public String toString() {
        // Never let the password reach a log line through a record's generated toString.
        return "ServerLogin[" + settings.serverAddress() + ", user=" + user + "]";
    }
}
