package org.xapicenter.ui;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;

/**
 * Starts the GUI from a plain {@code main}. A shaded jar whose main class extends
 * {@link Application} fails with "JavaFX runtime components are missing", so Main stays a plain
 * class and hands its options over through this holder.
 */
public final class UiLauncher {
    private static final AtomicReference<StartupOptions> OPTIONS = new AtomicReference<>(StartupOptions.empty());

    private UiLauncher() {
    }

    /** Opens the main window and blocks until it is closed. */
    public static void launch(StartupOptions options) {
        OPTIONS.set(Objects.requireNonNull(options, "options"));
        Application.launch(XapiCenterApp.class);
    }

    /** Sets the options without launching (tests that start {@link XapiCenterApp} themselves). */
    static void setOptions(StartupOptions options) {
        OPTIONS.set(Objects.requireNonNull(options, "options"));
    }

    /** The options given to {@link #launch}, or empty ones when the app was started directly. */
    static StartupOptions options() {
        return OPTIONS.get();
    }
}
