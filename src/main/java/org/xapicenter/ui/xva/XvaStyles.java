package org.xapicenter.ui.xva;

import javafx.scene.Parent;

/** The stylesheets of the XVA dialogs: the window's own, plus a few rules of this package. */
final class XvaStyles {
    private static final String APP_CSS = XvaStyles.class.getResource("/org/xapicenter/ui/app.css").toExternalForm();
    private static final String XVA_CSS = XvaStyles.class.getResource("/org/xapicenter/ui/xva/xva.css").toExternalForm();

    private XvaStyles() {
    }

    /** Dialogs get their own scene, which the main window's stylesheet does not reach. */
    static void apply(Parent root) {
        root.getStylesheets().addAll(APP_CSS, XVA_CSS);
        root.getStyleClass().add("xva-dialog");
    }
}
