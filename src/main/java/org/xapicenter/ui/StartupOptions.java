package org.xapicenter.ui;

import java.util.List;

/**
 * What the window does when it opens.
 *
 * @param servers servers to connect to at once (the demo pool with {@code --demo})
 * @param darkTheme start with the dark theme
 */
public record StartupOptions(List<ServerLogin> servers, boolean darkTheme) {
    public StartupOptions {
        servers = List.copyOf(servers);
    }

    public static StartupOptions empty() {
        return new StartupOptions(List.of(), false);
    }
}
