package org.xapicenter.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * What the window does when it opens.
 *
 * @param servers servers to connect to at once and never save (the demo pool with {@code --demo})
 * @param darkTheme start with the dark theme
 * @param configDir where the settings live; null for the platform's configuration folder
 */
public record StartupOptions(List<ServerLogin> servers, boolean darkTheme, Path configDir) {
    public StartupOptions {
        servers = List.copyOf(servers);
    }

    public StartupOptions(List<ServerLogin> servers, boolean darkTheme) {
        this(servers, darkTheme, null);
    }

    public static StartupOptions empty() {
        return new StartupOptions(List.of(), false, null);
    }
}
