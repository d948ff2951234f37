package org.xapicenter.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;

/** Light or dark: AtlantaFX's Primer themes plus our own small stylesheet on top. */
public final class Theme {
    private static final String APP_CSS = Theme.class.getResource("/org/xapicenter/ui/app.css").toExternalForm();

    private final BooleanProperty dark = new SimpleBooleanProperty(false);

    public Theme(boolean darkAtStart) {
        dark.addListener((o, was, now) -> applyUserAgent(now));
        dark.set(darkAtStart);
        applyUserAgent(darkAtStart);
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Adds our stylesheet to a scene (the theme itself is application-wide). */
    public void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }

    private static void applyUserAgent(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
