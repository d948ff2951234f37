package org.xapicenter.ui.xva;

import javafx.application.Platform;
import javafx.scene.control.TextField;

/** File fields of the XVA dialogs. */
final class PathFields {
    private PathFields() {
    }

    /**
     * Puts a path the program chose into {@code field} with its end in view: in a long path the file name
     * is what the administrator checks, and a field scrolled to its start hides it. A field not yet shown
     * has no skin to scroll, so its first showing scrolls again.
     */
    static void set(TextField field, String path) {
        field.setText(path);
        field.end();
        if (field.getSkin() == null) {
            field.skinProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.control.Skin<?>> o,
                                    javafx.scene.control.Skin<?> was, javafx.scene.control.Skin<?> now) {
                    field.skinProperty().removeListener(this);
                    Platform.runLater(field::end);
                }
            });
        }
    }
}
