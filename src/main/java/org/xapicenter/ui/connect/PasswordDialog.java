package org.xapicenter.ui.connect;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks one server's password: at connect when none is remembered, or once after the server refused it. */
public final class PasswordDialog extends Dialog<char[]> {
    private final PasswordField password = new PasswordField();

    public PasswordDialog(Window owner, String server, String user, String problem) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Log In to " + server);
        setHeaderText("Password for " + user + " on " + server);
        password.setId("server-password");
        VBox box = new VBox(10, password);
        box.setPadding(new Insets(16, 20, 8, 20));
        if (problem != null && !problem.isBlank()) {
            Label error = new Label(problem);
            error.setId("server-password-problem");
            error.getStyleClass().add("danger");
            error.setWrapText(true);
            error.setMaxWidth(420);
            box.getChildren().add(0, error);
        }
        getDialogPane().setContent(box);
        ButtonType ok = new ButtonType("Log In", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        setResultConverter(b -> {
            char[] typed = b == ok ? password.getText().toCharArray() : null;
            password.clear();
            return typed;
        });
        setOnShown(e -> password.requestFocus());
    }
}
