package org.xapicenter.ui;

import java.util.List;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A plain main (not an Application, like org.xapicenter.Main) that launches the GUI through
 * {@link UiLauncher}, reports the window it sees and closes it. Run in a child JVM by
 * {@link UiLauncherTest}.
 */
public final class LaunchProbe {
    private LaunchProbe() {
    }

    public static void main(String[] args) {
        Thread watcher = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Platform.runLater(() -> {
                        for (Window w : Window.getWindows()) {
                            if (w instanceof Stage s && s.isShowing()) {
                                System.out.println("WINDOW " + s.getTitle() + " " + (int) s.getScene().getWidth()
                                        + "x" + (int) s.getScene().getHeight());
                                Platform.exit();
                            }
                        }
                    });
                } catch (IllegalStateException notYetStarted) {
                    // the toolkit is not up yet: look again shortly
                }
            }
        }, "launch-probe");
        watcher.setDaemon(true);
        watcher.start();
        UiLauncher.launch(new StartupOptions(List.of(), false));
        System.out.println("LAUNCH RETURNED");
    }
}
