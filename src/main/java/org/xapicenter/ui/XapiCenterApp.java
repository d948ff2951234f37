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

    @Override
    public void stop() {
        if (window != null) {
            window.closeConsole();
        }
        if (connections != null) {
            connections.closeAll(LOGOUT_WAIT);
        }
        if (background != null) {
            background.shutdown();
        }
    }
}
