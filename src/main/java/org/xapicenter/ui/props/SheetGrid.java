package org.xapicenter.ui.props;

import java.util.List;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.material2.Material2AL;
import org.xapicenter.ui.general.GeneralSheet;
import org.xapicenter.ui.theme.Icons;

/** Label/value rows as a two-column form; a row marked copyable gets a copy button (UUIDs, MACs). */
public final class SheetGrid extends GridPane {
    public SheetGrid() {
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(140);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        getColumnConstraints().addAll(labels, values);
        setHgap(16);
        setVgap(8);
        getStyleClass().add("general-grid");
    }

    public void show(List<GeneralSheet.Row> rows) {
        getChildren().clear();
        int i = 0;
        for (GeneralSheet.Row r : rows) {
            if (r.label().isEmpty()) {
                // a section heading spanning both columns
                Label heading = new Label(r.value());
                heading.getStyleClass().addAll("title-4", "prop-heading");
                add(heading, 0, i++, 2, 1);
                continue;
            }
            Label l = new Label(r.label());
            l.getStyleClass().add("prop-label");
            l.setMinWidth(Label.USE_PREF_SIZE);
            Label v = new Label(r.value());
            v.getStyleClass().add("prop-value");
            v.setWrapText(true);
            v.setId("prop-" + r.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
            GridPane.setValignment(l, VPos.TOP);
            if (r.copyable() && !r.value().isEmpty()) {
                Button copy = new Button(null, Icons.icon(Material2AL.CONTENT_COPY));
                copy.getStyleClass().addAll("button-icon", "flat", "small");
                copy.setId(v.getId() + "-copy");
                copy.setTooltip(new Tooltip("Copy " + r.label()));
                copy.setOnAction(e -> {
                    ClipboardContent c = new ClipboardContent();
                    c.putString(r.value());
                    Clipboard.getSystemClipboard().setContent(c);
                });
                HBox box = new HBox(6, v, copy);
                box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                addRow(i++, l, box);
            } else {
                addRow(i++, l, v);
            }
        }
    }
}
