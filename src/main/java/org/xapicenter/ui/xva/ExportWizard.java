package org.xapicenter.ui.xva;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.xapicenter.xapi.transfer.ExportOptions;
import org.xapicenter.xva.Compression;

/**
 * Export VM: which VM, which file, which compression, and whether to verify the file once written.
 * Returns what to export; the caller starts it.
 */
public final class ExportWizard extends Dialog<ExportWizard.Request> {
    /** A VM the wizard may offer: its ref and name. */
    public record Choice(String ref, String name) {
    }

    /** What the user asked for. */
    public record Request(Choice vm, Path file, ExportOptions options) {
    }

    private final ChoiceBox<Choice> vm = new ChoiceBox<>();
    private final TextField file = new TextField();
    private final ToggleGroup compression = new ToggleGroup();
    private final CheckBox verify = new CheckBox("Verify export on completion");
    private final Label problem = new Label();
    private final ButtonType exportButton = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);

    /**
     * @param vms the VMs that can be exported now (halted or suspended)
     * @param selected the one to preselect
     * @param folder where the file goes unless the user chooses otherwise
     */
    public ExportWizard(Window owner, List<Choice> vms, Choice selected, Path folder) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Export VM");
        setHeaderText("Export a VM to an XVA file");
        XvaStyles.apply(getDialogPane());
        getDialogPane().setId("xva-export-wizard");

        vm.setId("export-vm");
        vm.getItems().setAll(vms);
        vm.setConverter(new StringConverter<>() {
            @Override
            public String toString(Choice c) {
                return c == null ? "" : c.name();
            }

            @Override
            public Choice fromString(String s) {
                return null;
            }
        });
        vm.setMaxWidth(Double.MAX_VALUE);

        file.setId("export-file");
        file.setPrefColumnCount(34);
        Button browse = new Button("Browse…");
        browse.setId("export-browse");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        browse.setOnAction(e -> browse());
        HBox fileRow = new HBox(8, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);

        HBox compressions = new HBox(16);
        for (Compression c : Compression.values()) {
            RadioButton r = new RadioButton(label(c));
            r.setId("export-compression-" + c.name().toLowerCase(Locale.ROOT));
            r.setUserData(c);
            r.setToggleGroup(compression);
            compressions.getChildren().add(r);
        }
        compression.selectToggle(compression.getToggles().get(0));
        Label compressionHint = new Label("The server compresses the stream: gzip is smaller and slower, zstd is fast and small.");
        compressionHint.getStyleClass().add("xva-hint");
        compressionHint.setWrapText(true);

        verify.setId("export-verify");
        verify.setMinWidth(CheckBox.USE_PREF_SIZE);
        Label verifyHint = new Label("Reads the file back and checks every block's checksum before giving it its name.");
        verifyHint.getStyleClass().add("xva-hint");
        verifyHint.setWrapText(true);
        verify.setSelected(true);
        problem.setId("export-problem");
        problem.getStyleClass().add("xva-error");
        problem.setWrapText(true);
        problem.setManaged(false);
        problem.setVisible(false);

        GridPane form = org.xapicenter.ui.theme.Forms.labelledGrid();
        form.addRow(0, new Label("VM:"), vm);
        form.addRow(1, new Label("File:"), fileRow);
        form.addRow(2, new Label("Compression:"), compressions);
        form.add(compressionHint, 1, 3);
        form.add(verify, 1, 4);
        form.add(verifyHint, 1, 5);
        form.add(problem, 0, 6, 2, 1);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().addAll(exportButton, ButtonType.CANCEL);
        getDialogPane().setPrefWidth(680);

        Button ok = (Button) getDialogPane().lookupButton(exportButton);
        ok.setId("export-finish");
        ok.disableProperty().bind(vm.valueProperty().isNull().or(javafx.beans.binding.Bindings.createBooleanBinding(() -> file.getText().isBlank(), file.textProperty())));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!confirm()) {
                e.consume();
            }
        });

        // The file's name follows the VM and the compression until the user types a name of their own.
        vm.valueProperty().addListener((o, was, now) -> {
            if (now != null && (file.getText().isBlank() || was != null && nameOf(file.getText()).equals(fileName(was.name(), compression())))) {
                PathFields.set(file, folderOf(file.getText(), folder).resolve(fileName(now.name(), compression())).toString());
            }
        });
        compression.selectedToggleProperty().addListener((o, was, now) -> {
            if (!file.getText().isBlank()) {
                PathFields.set(file, withSuffix(file.getText(), compression()));
            }
        });
        vm.setValue(selected != null ? selected : vms.isEmpty() ? null : vms.get(0));
        if (vm.getValue() != null && file.getText().isBlank()) {
            PathFields.set(file, folder.resolve(fileName(vm.getValue().name(), compression())).toString());
        }
        setResultConverter(b -> b == exportButton ? request() : null);
        setOnShown(e -> file.requestFocus());
    }

    private Compression compression() {
        return compression.getSelectedToggle() == null ? Compression.NONE
                : (Compression) compression.getSelectedToggle().getUserData();
    }

    private Request request() {
        return new Request(vm.getValue(), Path.of(file.getText().strip()).toAbsolutePath(),
                new ExportOptions(compression(), verify.isSelected()));
    }

    /** Checks the target before the dialog closes: a folder that exists, and no file overwritten unasked. */
    private boolean confirm() {
        Path target;
        try {
            target = Path.of(file.getText().strip()).toAbsolutePath();
        } catch (InvalidPathException e) {
            return refuse("That is not a valid file name.");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return refuse("The folder " + parent + " does not exist.");
        }
        if (Files.isDirectory(target)) {
            return refuse(target + " is a folder: add a file name.");
        }
        if (!Files.isWritable(parent)) {
            return refuse("XapiCenter may not write into " + parent + ".");
        }
        if (Files.exists(target)) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    target.getFileName() + " already exists. Replace it once the export completes?",
                    ButtonType.YES, ButtonType.NO);
            ask.initOwner(getDialogPane().getScene().getWindow());
            ask.setHeaderText("Replace the existing file?");
            XvaStyles.apply(ask.getDialogPane());
            return ask.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
        }
        return true;
    }

    private boolean refuse(String why) {
        problem.setText(why);
        problem.setManaged(true);
        problem.setVisible(true);
        return false;
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export to");
        for (Compression c : Compression.values()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(label(c) + " (*" + c.suffix() + ")", "*" + c.suffix()));
        }
        chooser.setSelectedExtensionFilter(chooser.getExtensionFilters().get(compression().ordinal()));
        Path current = file.getText().isBlank() ? null : Path.of(file.getText().strip()).toAbsolutePath();
        if (current != null) {
            if (current.getParent() != null && Files.isDirectory(current.getParent())) {
                chooser.setInitialDirectory(current.getParent().toFile());
            }
            chooser.setInitialFileName(String.valueOf(current.getFileName()));
        }
        File chosen = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            // The chooser's filter tells the compression the user wants.
            FileChooser.ExtensionFilter f = chooser.getSelectedExtensionFilter();
            if (f != null) {
                int i = chooser.getExtensionFilters().indexOf(f);
                if (i >= 0) {
                    compression.selectToggle(compression.getToggles().get(i));
                }
            }
            PathFields.set(file, withSuffix(chosen.getPath(), compression()));
        }
    }

    static String label(Compression c) {
        return switch (c) {
            case NONE -> "None";
            case GZIP -> "gzip";
            case ZSTD -> "zstd";
        };
    }

    /** A file name from a VM name: characters file systems refuse become "_". */
    static String fileName(String vmName, Compression c) {
        String base = vmName.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "vm" + base;
        }
        return base + c.suffix();
    }

    /** {@code path} with its XVA ending replaced by {@code c}'s. */
    static String withSuffix(String path, Compression c) {
        String p = path.strip();
        String lower = p.toLowerCase(Locale.ROOT);
        for (String s : new String[] {".xva.gz", ".xva.zst", ".xva"}) {
            if (lower.endsWith(s)) {
                return p.substring(0, p.length() - s.length()) + c.suffix();
            }
        }
        return p + c.suffix();
    }

    private static String nameOf(String path) {
        try {
            Path p = Path.of(path.strip()).getFileName();
            return p == null ? "" : p.toString();
        } catch (InvalidPathException e) {
            return "";
        }
    }

    private static Path folderOf(String path, Path fallback) {
        try {
            Path p = Path.of(path.strip()).toAbsolutePath().getParent();
            return path.isBlank() || p == null ? fallback : p;
        } catch (InvalidPathException e) {
            return fallback;
        }
    }
}
