package org.xapicenter.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.xapicenter.ui.theme.Icons;

/** A calm, centred message for an empty area, with an optional button. */
public final class EmptyState extends VBox {
    public EmptyState(Ikon icon, String title, String text, Node action) {
        super(12);
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        Label t = new Label(title);
        t.getStyleClass().addAll("title-3", "empty-title");
        Label body = new Label(text);
        body.getStyleClass().add("text-muted");
        body.setWrapText(true);
        body.setMaxWidth(380);
        body.setAlignment(Pos.CENTER);
        body.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        getChildren().addAll(Icons.icon(icon, "empty-icon"), t, body);
        if (action != null) {
            getChildren().add(action);
        }
    }
}
