package org.xapicenter.settings;

import java.nio.file.Path;

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
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }
}
