package org.xapicenter.ui.props;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * A dialog that writes back through the API. Save checks the fields first and shows each problem next
 * to its field (nothing is sent); then it looks for fields another client changed since the dialog
 * opened and reports them (a second Save overwrites them deliberately); then it applies the change in
 * the background, with its line in the Events panel, and closes only once the server said yes. A
 * refusal is shown in words at the top of the dialog, which stays open with what the user typed.
 */
public abstract class EditDialog extends Dialog<Boolean> {
    private static final String APP_CSS = EditDialog.class.getResource("/org/xapicenter/ui/app.css").toExternalForm();
    private final ActionRunner runner;
    private final ConnectionModel connection;
    private final Label banner = new Label();
    private final Map<String, Label> problemLabels = new HashMap<>();
    private final VBox body = new VBox(10);
    private final ButtonType save;
    private List<String> conflictsShown = List.of();
    private boolean busy;

    protected EditDialog(Window owner, String title, String header, String saveText, ActionRunner runner,
            ConnectionModel connection) {
        this.runner = runner;
        this.connection = connection;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(title);
        setHeaderText(header);
        setResizable(true);
        // the window's stylesheet: the banner and problem lines are styled there, in both themes
        getDialogPane().getStylesheets().add(APP_CSS);
        banner.setId("edit-banner");
        banner.getStyleClass().add("edit-banner");
        banner.setWrapText(true);
        banner.setMinHeight(Label.USE_PREF_SIZE); // a wrapped label in a grid is otherwise cut to one line
        banner.setMaxWidth(560);
        show(banner, false);
        body.getChildren().add(banner);
        getDialogPane().setContent(body);
        save = new ButtonType(saveText, ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        Button saveButton = (Button) getDialogPane().lookupButton(save);
        saveButton.setId("edit-save");
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog closes itself once the server has said yes
            trySave();
        });
        getDialogPane().lookupButton(ButtonType.CANCEL).addEventFilter(ActionEvent.ACTION, e -> {
            if (busy) {
                e.consume(); // the calls are on their way; their outcome shows in the Events panel
            }
        });
        setResultConverter(b -> b == save);
    }

    /** The form (or tabs) under the banner. */
    protected final void setForm(Node form) {
        body.getChildren().setAll(banner, form);
    }

    /** Adds a labelled field to {@code grid} with its problem line under it; {@code key} names it in {@link #problems()}. */
    protected final void field(GridPane grid, String label, Node field, String key) {
        int row = grid.getRowCount();
        Label l = new Label(label);
        l.setMinWidth(Label.USE_PREF_SIZE);
        // level with the field, not with the middle of field + problem line
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setPadding(new javafx.geometry.Insets(5, 0, 0, 0));
        grid.add(l, 0, row);
        Label problem = new Label();
        problem.getStyleClass().addAll("danger", "field-problem");
        problem.setId("problem-" + key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        problem.setWrapText(true);
        problem.setMinHeight(Label.USE_PREF_SIZE); // a wrapped label in a grid is otherwise cut to one line
        problem.setMaxWidth(380);
        show(problem, false);
        VBox box = new VBox(4, field, problem);
        grid.add(box, 1, row);
        problemLabels.put(key, problem);
    }

    /** Problems by field key; none means the values can be sent. */
    protected abstract Map<String, String> problems();

    /** Fields the user changed that another client changed too since the dialog opened. */
    protected List<String> conflicts() {
        return List.of();
    }

    /** The calls to make; empty when nothing changed (Save then just closes). */
    protected abstract Change change();

    /** Told on the FX thread after the server accepted every call. */
    protected void saved(List<Object> results) {
    }

    private void trySave() {
        if (busy) {
            return;
        }
        Map<String, String> problems = problems();
        problemLabels.forEach((key, label) -> {
            String p = problems.get(key);
            label.setText(p == null ? "" : p);
            show(label, p != null);
        });
        if (!problems.isEmpty()) {
            message(null); // also fits the window to the problem lines
            return;
        }
        List<String> conflicts = conflicts();
        if (!conflicts.isEmpty() && !conflicts.equals(conflictsShown)) {
            conflictsShown = conflicts;
            message("Changed by someone else while this dialog was open: " + String.join(", ", conflicts)
                    + ". Nothing was saved. Save again to replace their values with yours, or Cancel to keep theirs.");
            return;
        }
        Change change = change();
        if (change.isEmpty()) {
            close(true);
            return;
        }
        busy = true;
        message(null);
        getDialogPane().lookupButton(save).setDisable(true);
        getDialogPane().setCursor(javafx.scene.Cursor.WAIT);
        runner.apply(connection, change).whenComplete((results, error) -> {
            busy = false;
            getDialogPane().setCursor(null);
            getDialogPane().lookupButton(save).setDisable(false);
            if (error == null) {
                saved(results);
                close(true);
            } else {
                message(FriendlyErrors.get().describe(unwrap(error), names()));
            }
        });
    }

    private UnaryOperator<String> names() {
        return ref -> {
            XapiRecord r = connection.link().cache().get(ref);
            return r == null ? null : r.nameLabel();
        };
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void close(boolean ok) {
        setResult(ok);
        close();
    }

    private void message(String text) {
        banner.setText(text == null ? "" : text);
        show(banner, text != null);
        // after the next layout, when the new lines have their height
        javafx.application.Platform.runLater(() -> {
            if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
    }

    /** What the banner says now (tests). */
    public String bannerText() {
        return banner.getText();
    }

    public Optional<Boolean> open() {
        return showAndWait();
    }

    /** How a choice box shows its items: {@code text} of each (null shows as nothing). */
    public static <T> javafx.util.StringConverter<T> shownAs(java.util.function.Function<T, String> text) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : text.apply(item);
            }

            @Override
            public T fromString(String s) {
                return null; // the boxes are not editable
            }
        };
    }

    /** A whole number typed in {@code field}, or -1 when it is not one. */
    public static long number(javafx.scene.control.TextInputControl field) {
        try {
            return Long.parseLong(field.getText().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The MTU rule: 68 is IPv4's minimum, 9216 the largest jumbo frame XAPI accepts. Null when fine. */
    public static String mtuProblem(long mtu) {
        return mtu < 68 || mtu > 9216 ? "The MTU is a number from 68 to 9216 (1500 is usual, 9000 for jumbo frames)." : null;
    }

    private static void show(Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }
}
