package org.xapicenter.ui;

import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xapicenter.settings.ConfigDirectory;
import org.xapicenter.settings.SettingsStore;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.connect.FxTrustPrompt;
import org.xapicenter.ui.connect.ServerManager;
import org.xapicenter.xapi.trust.PinningTrust;
import org.xapicenter.ui.connect.PoolConnectionLink;
import org.xapicenter.ui.live.Background;
import org.xapicenter.ui.theme.Theme;

/** The JavaFX application: one main window, connected to the servers given at start. */
public final class XapiCenterApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(XapiCenterApp.class);
    /** How long closing the window waits for the connections to log out before the process exits. */
    static final java.time.Duration LOGOUT_WAIT = java.time.Duration.ofSeconds(3);
    /**
     * How long closing the window waits for running transfers to stop: the host needs a round trip to
     * cancel the task, the client deletes its part file; an import's VM is removed by the host itself.
     */
    static final java.time.Duration TRANSFER_WAIT = java.time.Duration.ofSeconds(5);

    private ExecutorService background;
    private Connections connections;
    private MainWindow window;
    private ServerManager servers;

    @Override
    public void start(Stage stage) {
        StartupOptions options = UiLauncher.options();
        background = Background.newExecutor();
        connections = new Connections(PoolConnectionLink::open, background);
        Theme theme = new Theme(options.darkTheme());
        window = new MainWindow(connections, theme, background);
        SettingsStore store = openSettings(options);
        PinningTrust trust = new PinningTrust(store.pins(), new FxTrustPrompt(() -> stage));
        servers = new ServerManager(connections, store, trust, background, () -> stage);
        window.setServerManager(servers);
        Scene scene = new Scene(window, 1280, 800);
        theme.style(scene);
        stage.setTitle("XapiCenter");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        servers.showSavedServers();
        options.servers().forEach(servers::connectTransient);
    }

    /**
     * The settings file in the folder asked for or the platform's; when that folder cannot be used, a
     * temporary one for this run (told to the user), so the window still opens.
     */
    private static SettingsStore openSettings(StartupOptions options) {
        Path dir = options.configDir() != null ? options.configDir() : ConfigDirectory.forThisPlatform();
        try {
            return SettingsStore.open(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Settings folder {} unusable ({}); using a temporary one", dir, e.toString());
            try {
                return SettingsStore.open(Files.createTempDirectory("xapicenter-settings"));
            } catch (IOException again) {
                throw new UncheckedIOException("no folder for settings", again);
            }
        }
    }

    /** The window (tests). */
    MainWindow window() {
        return window;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.closeConsole();
            window.closePerformance();
            // Before the logout: cancelling a transfer's task needs the session.
            window.stopTransfers(TRANSFER_WAIT);
        }
        if (connections != null) {
            connections.closeAll(LOGOUT_WAIT);
        }
        if (servers != null) {
            servers.close();
        }
        if (background != null) {
            background.shutdown();
        }
    }
}
