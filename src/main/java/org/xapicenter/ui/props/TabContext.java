package org.xapicenter.ui.props;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;
import org.xapicenter.ui.actions.ActionRunner;

/** What the properties tabs need of the window: the action runner and an owner for their dialogs. */
public record TabContext(ActionRunner runner, Supplier<Window> owner) {
    /** Asks before something that cannot be undone; Cancel is the default button. */
    public boolean confirm(String title, String text, String yes) {
        ButtonType ok = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ok, ButtonType.CANCEL);
        a.initOwner(owner.get());
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().setId("confirm-dialog");
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return a.showAndWait().filter(b -> b == ok).isPresent();
    }

    /** Asks for a name (a snapshot's, a new VM's); blank answers count as Cancel. */
    public Optional<String> askName(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.initOwner(owner.get());
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(prompt);
        d.getDialogPane().setId("name-prompt");
        d.getEditor().setId("name-prompt-field");
        d.getEditor().setPrefColumnCount(30);
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }
}
