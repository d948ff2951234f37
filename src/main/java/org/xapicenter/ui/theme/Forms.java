package org.xapicenter.ui.theme;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The one look of a dialog's form: labels at their natural width on the left, fields taking the rest. */
public final class Forms {
    private Forms() {
    }

    /** An empty two-column form with the dialogs' spacing; add rows with {@code addRow}. */
    public static GridPane labelledGrid() {
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        form.setPadding(new Insets(16, 20, 8, 20));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        return form;
    }
}
