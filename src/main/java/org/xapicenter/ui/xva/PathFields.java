package org.xapicenter.ui.xva;

import javafx.scene.control.TextField;

/** File fields of the XVA dialogs. */
final class PathFields {
    private PathFields() {
    }

    /**
     * Keeps the end of a path in view whenever the program (not the user typing) sets it: in a long path
     * the file name is what the administrator checks, and a field scrolled to its start hides it.
     */
    static void keepFileNameInView(TextField field) {
        field.textProperty().addListener((o, was, now) -> {
            if (!field.isFocused()) {
                field.end();
            }
        });
    }
}
