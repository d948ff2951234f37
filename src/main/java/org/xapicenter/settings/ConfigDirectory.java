package org.xapicenter.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's standard folder for XapiCenter's settings: {@code $XDG_CONFIG_HOME/xapicenter} (else
 * {@code ~/.config/xapicenter}) on Linux and other Unix, {@code %APPDATA%\XapiCenter} on Windows,
 * {@code ~/Library/Application Support/XapiCenter} on macOS. The system property
 * {@value #OVERRIDE_PROPERTY} overrides it (tests, portable installs).
 */
public final class ConfigDirectory {
    public static final String OVERRIDE_PROPERTY = "xapicenter.config.dir";

    private ConfigDirectory() {
    }

    /** This machine's folder; not created here. */
    public static Path forThisPlatform() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return forPlatform(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", ".")),
                System.getenv());
    }

    /** The folder for an operating system named {@code osName}, a home folder and an environment. */
    static Path forPlatform(String osName, Path home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("XapiCenter");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("XapiCenter");
        }
        // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("xapicenter");
    }
}
