package org.xapicenter.ui.connect;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for the main password that encrypts remembered server passwords: to choose one (typed twice)
 * or to unlock them (Skip connects those servers by asking their own passwords instead).
 */
public final class MainPasswordDialog extends Dialog<char[]> {
    public enum Mode { CHOOSE, UNLOCK }

    private final PasswordField first = new PasswordField();
    private final PasswordField second = new PasswordField();

    public MainPasswordDialog(Window owner, Mode mode, String problem) {
        if (owner != null) {
            initOwner(owner);
        }
        boolean choose = mode == Mode.CHOOSE;
        setTitle(choose ? "Choose a Main Password" : "Unlock Saved Passwords");
        setHeaderText(choose ? "A main password encrypts the server passwords XapiCenter remembers."
                : "Enter your main password to use the server passwords XapiCenter remembers.");
        first.setId("main-password");
        second.setId("main-password-again");
        first.setPromptText("main password");
        second.setPromptText("the same again");
        VBox box = new VBox(10);
        box.setPadding(new Insets(16, 20, 8, 20));
        box.getChildren().add(first);
        if (choose) {
            box.getChildren().add(second);
            Label note = new Label("It is never saved: if you forget it, the remembered passwords are lost "
                    + "(the servers stay, and ask for their passwords).");
            note.setWrapText(true);
            note.setMaxWidth(420);
            note.getStyleClass().add("text-muted");
            box.getChildren().add(note);
        }
        if (problem != null && !problem.isBlank()) {
            Label error = new Label(problem);
            error.setId("main-password-problem");
            error.getStyleClass().add("danger");
            error.setWrapText(true);
            box.getChildren().add(error);
        }
        getDialogPane().setContent(box);
        ButtonType ok = new ButtonType(choose ? "Save" : "Unlock", ButtonBar.ButtonData.OK_DONE);
        ButtonType skip = new ButtonType(choose ? "Cancel" : "Skip", ButtonBar.ButtonData.CANCEL_CLOSE);
        getDialogPane().getButtonTypes().addAll(ok, skip);
        getDialogPane().lookupButton(ok).disableProperty().bind(choose
                ? first.textProperty().isEmpty().or(first.textProperty().isNotEqualTo(second.textProperty()))
                : first.textProperty().isEmpty());
        setResultConverter(b -> {
            char[] typed = b == ok ? first.getText().toCharArray() : null;
            first.clear();
            second.clear();
            return typed;
        });
        setOnShown(e -> first.requestFocus());
    }
}
