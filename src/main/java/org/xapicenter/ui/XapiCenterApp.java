package org.xapicenter.ui;

import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.connect.PoolConnectionLink;
import org.xapicenter.ui.live.Background;
import org.xapicenter.ui.theme.Theme;

/** The JavaFX application: one main window, connected to the servers given at start. */
public final class XapiCenterApp extends Application {
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

    @Override
    public void start(Stage stage) {
        StartupOptions options = UiLauncher.options();
        background = Background.newExecutor();
        connections = new Connections(PoolConnectionLink::open, background);
        Theme theme = new Theme(options.darkTheme());
        window = new MainWindow(connections, theme, background);
        Scene scene = new Scene(window, 1280, 800);
        theme.style(scene);
        stage.setTitle("XapiCenter");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        options.servers().forEach(connections::connect);
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
        if (background != null) {
            background.shutdown();
        }
    }
}
