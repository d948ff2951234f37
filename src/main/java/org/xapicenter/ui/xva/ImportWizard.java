package org.xapicenter.ui.xva;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.general.Units;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.transfer.ImportOptions;
import org.xapicenter.xva.XvaDisk;

/**
 * Import VM: a file, read at once (off the FX thread) so that its VM, vCPUs, memory and disks show
 * before anything is uploaded; then the pool and SR to import into, and whether to start the VM.
 */
public final class ImportWizard extends Dialog<ImportWizard.Request> {
    /** What the user asked for. */
    public record Request(ConnectionModel connection, Path file, ImportOptions options, XvaPreview preview) {
    }

    /** SR types that never hold VM disks. */
    private static final Set<String> NOT_FOR_DISKS = Set.of("iso", "udev", "tmpfs");

    private final Executor background;
    private final Executor fx;
    private final XvaJobs jobs;
    /** Set to stop the legacy conversion under way, if any (closing the wizard does). */
    private final java.util.concurrent.atomic.AtomicBoolean stopConversion = new java.util.concurrent.atomic.AtomicBoolean();
    private final TextField file = new TextField();
    private final Label status = new Label();
    private final ProgressIndicator reading = new ProgressIndicator();
    private final GridPane about = new GridPane();
    private final Label vmName = value("import-vm-name");
    private final Label description = value("import-vm-description");
    private final Label vcpus = value("import-vm-vcpus");
    private final Label memory = value("import-vm-memory");
    private final Label format = value("import-format");
    private final TableView<XvaDisk> disks = new TableView<>();
    private final ChoiceBox<ConnectionModel> pool = new ChoiceBox<>();
    private final ChoiceBox<Sr> sr = new ChoiceBox<>();
    private final Label srHint = new Label();
    private final CheckBox start = new CheckBox("Start the VM after import");
    private final ButtonType importButton = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
    private final Button convert = new Button("Convert to .xva…");
    private final ObjectProperty<XvaPreview> preview = new SimpleObjectProperty<>();
    private int generation;

    public ImportWizard(Window owner, List<ConnectionModel> connections, ConnectionModel selected, Executor background,
                        Executor fx, XvaJobs jobs) {
        this.background = background;
        this.fx = fx;
        this.jobs = jobs;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Import VM");
        setHeaderText("Import a VM from an XVA file");
        XvaStyles.apply(getDialogPane());
        getDialogPane().setId("xva-import-wizard");

        file.setId("import-file");
        file.setPromptText("an .xva, .xva.gz or .xva.zst file");
        file.setPrefColumnCount(34);
        file.textProperty().addListener((o, was, now) -> load(now));
        Button browse = new Button("Browse…");
        browse.setId("import-browse");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        browse.setOnAction(e -> browse());
        HBox fileRow = new HBox(8, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);

        status.setId("import-status");
        status.setWrapText(true);
        status.getStyleClass().add("xva-hint");
        reading.setPrefSize(16, 16);
        reading.setVisible(false);
        reading.managedProperty().bind(reading.visibleProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(status, Priority.ALWAYS);
        convert.setId("import-convert");
        convert.setMinWidth(Button.USE_PREF_SIZE);
        convert.setOnAction(e -> convert());
        convert.visibleProperty().bind(Bindings.createBooleanBinding(() -> preview.get() != null && preview.get().legacy(), preview));
        convert.managedProperty().bind(convert.visibleProperty());
        HBox statusRow = new HBox(8, reading, status, convert);
        statusRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        form(about);
        about.setId("import-about");
        about.addRow(0, key("VM name:"), vmName);
        about.addRow(1, key("Description:"), description);
        about.addRow(2, key("vCPUs:"), vcpus);
        about.addRow(3, key("Memory:"), memory);
        about.addRow(4, key("File:"), format);
        about.setPadding(new Insets(0));
        disks.setId("import-disks");
        disks.getStyleClass().add("xva-disks");
        disks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<XvaDisk, String> diskName = new TableColumn<>("Disk");
        diskName.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().name().isBlank() ? c.getValue().id() : c.getValue().name()));
        diskName.setPrefWidth(330);
        TableColumn<XvaDisk, String> device = new TableColumn<>("Device");
        device.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().userdevice()));
        device.setPrefWidth(70);
        TableColumn<XvaDisk, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new SimpleObjectProperty<>(Units.bytes(c.getValue().virtualSize())));
        disks.getColumns().addAll(List.of(diskName, device, size));
        disks.setPlaceholder(new Label("Choose a file to see its disks"));
        // Always there (with dashes until a file is read), so the dialog keeps its size and layout.
        VBox aboutBox = new VBox(8, about, disks);

        pool.setId("import-pool");
        pool.getItems().setAll(connections);
        pool.setConverter(new StringConverter<>() {
            @Override
            public String toString(ConnectionModel c) {
                return c == null ? "" : poolName(c);
            }

            @Override
            public ConnectionModel fromString(String s) {
                return null;
            }
        });
        pool.setMaxWidth(Double.MAX_VALUE);
        sr.setId("import-sr");
        sr.setMaxWidth(Double.MAX_VALUE);
        sr.setConverter(new StringConverter<>() {
            @Override
            public String toString(Sr s) {
                return s == null ? "" : s.nameLabel() + "  (" + s.type() + ", " + Units.bytes(free(s)) + " free)";
            }

            @Override
            public Sr fromString(String s) {
                return null;
            }
        });
        srHint.setId("import-sr-hint");
        srHint.setWrapText(true);
        srHint.getStyleClass().add("xva-hint");
        pool.valueProperty().addListener((o, was, now) -> fillSrs(now));
        sr.valueProperty().addListener((o, was, now) -> judgeSpace());
        preview.addListener((o, was, now) -> judgeSpace());
        start.setId("import-start");

        GridPane target = new GridPane();
        form(target);
        target.addRow(0, key("Pool:"), pool);
        target.addRow(1, key("Storage:"), sr);
        target.add(srHint, 1, 2);
        target.add(start, 1, 3);

        GridPane top = new GridPane();
        form(top);
        top.addRow(0, key("File:"), fileRow);
        top.add(statusRow, 1, 1);

        Label aboutTitle = section("In this file");
        VBox content = new VBox(10, top, aboutTitle, aboutBox, section("Import into"), target);
        content.setPadding(new Insets(16, 20, 8, 20));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(importButton, ButtonType.CANCEL);
        getDialogPane().setPrefWidth(680);

        Button ok = (Button) getDialogPane().lookupButton(importButton);
        ok.setId("import-finish");
        ok.disableProperty().bind(Bindings.createBooleanBinding(
                () -> preview.get() == null || preview.get().legacy() || pool.getValue() == null || sr.getValue() == null,
                preview, pool.valueProperty(), sr.valueProperty()));
        setResultConverter(b -> b == importButton && preview.get() != null
                ? new Request(pool.getValue(), preview.get().file(),
                        new ImportOptions(sr.getValue().ref(), false, start.isSelected()), preview.get())
                : null);

        pool.setValue(selected != null && connections.contains(selected) ? selected
                : connections.isEmpty() ? null : connections.get(0));
        if (connections.size() < 2) {
            pool.setDisable(true);
        }
        if (connections.isEmpty()) {
            srHint.setText("Connect to a pool first: there is nowhere to import to.");
        }
        status.setText("Choose the XVA file to import.");
        clear();
        setOnShown(e -> file.requestFocus());
        // Closing the wizard (Cancel, Import, the window's close box) stops a conversion it started.
        setOnHidden(e -> stopConversion.set(true));
    }

    /** The connections an import can go to: those connected now. */
    public static List<ConnectionModel> targets(List<ConnectionModel> all) {
        return all.stream().filter(c -> c.state() == ConnectionState.CONNECTED).toList();
    }

    /** The file the wizard reads (tests and callers that already know it). */
    public void setFile(Path path) {
        PathFields.set(file, shown(path));
    }

    /** A path as the file field shows it: absolute and normalized, never {@code ../somewhere}. */
    static String shown(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /** The metadata read from the chosen file, or null while none is (FX thread). */
    public XvaPreview preview() {
        return preview.get();
    }

    private void load(String text) {
        int mine = ++generation;
        preview.set(null);
        clear();
        Path path;
        try {
            path = text.isBlank() ? null : Path.of(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !Files.exists(path)) {
            reading.setVisible(false);
            show(text.isBlank() ? "Choose the XVA file to import." : "No such file.", "xva-hint");
            return;
        }
        reading.setVisible(true);
        show("Reading the file's metadata…", "xva-hint");
        Path chosen = path;
        background.execute(() -> {
            XvaPreview read;
            try {
                read = XvaPreview.read(chosen);
            } catch (Exception e) {
                String why = XvaErrors.describe(e);
                fx.execute(() -> {
                    if (mine == generation) {
                        reading.setVisible(false);
                        show("This file cannot be imported: " + why, "xva-error");
                        disks.setPlaceholder(new Label("No disks to show"));
                    }
                });
                return;
            } catch (Error e) {
                // Out of memory or alike while reading hostile metadata: say so, never hang the wizard.
                fx.execute(() -> {
                    if (mine == generation) {
                        reading.setVisible(false);
                        show("This file cannot be read.", "xva-error");
                    }
                });
                throw e;
            }
            XvaPreview done = read;
            fx.execute(() -> {
                if (mine == generation) {
                    reading.setVisible(false);
                    shown(done);
                }
            });
        });
    }

    private void clear() {
        for (Label l : List.of(vmName, description, vcpus, memory, format)) {
            l.setText("—");
        }
        disks.getItems().clear();
        disks.setPlaceholder(new Label("Choose a file to see its disks"));
    }

    private void shown(XvaPreview p) {
        vmName.setText(p.vmName().isBlank() ? "(no name)" : p.vmName());
        description.setText(p.description().isBlank() ? "—" : p.description());
        vcpus.setText(p.vcpus() < 0 ? "—" : Long.toString(p.vcpus()));
        memory.setText(p.memoryBytes() < 0 ? "—" : Units.bytes(p.memoryBytes()));
        format.setText(p.legacy() ? "legacy XVA folder (before 2008)"
                : Units.bytes(p.fileBytes()) + ", " + switch (p.compression()) {
                    case NONE -> "not compressed";
                    case GZIP -> "gzip-compressed";
                    case ZSTD -> "zstd-compressed";
                });
        disks.getItems().setAll(p.disks());
        preview.set(p);
        if (p.legacy()) {
            show("This is a legacy XVA folder (before 2008), which current servers cannot import. Convert it to "
                    + "a modern .xva file first (here, or with the command line's \"xva convert\").", "xva-warning");
        } else {
            show(p.disks().size() + (p.disks().size() == 1 ? " disk, " : " disks, ") + Units.bytes(p.diskBytes())
                    + " in all. Nothing is uploaded until you click Import.", "xva-ok");
        }
    }

    private void show(String text, String style) {
        status.setText(text);
        status.getStyleClass().removeAll("xva-hint", "xva-error", "xva-ok", "xva-warning");
        status.getStyleClass().add(style);
    }

    private void fillSrs(ConnectionModel c) {
        if (c == null) {
            sr.getItems().clear();
            return;
        }
        var cache = c.link().cache();
        List<Sr> usable = cache.all(Sr.class).stream()
                .filter(s -> !"iso".equals(s.contentType()) && !NOT_FOR_DISKS.contains(s.type()))
                .sorted(Comparator.comparing((Sr s) -> s.nameLabel().toLowerCase(Locale.ROOT)))
                .toList();
        sr.setItems(FXCollections.observableArrayList(usable));
        String defaultSr = cache.all(Pool.class).stream().map(Pool::defaultSr).findFirst().orElse(null);
        sr.setValue(usable.stream().filter(s -> s.ref().equals(defaultSr)).findFirst()
                .orElse(usable.isEmpty() ? null : usable.get(0)));
        sr.setDisable(usable.isEmpty());
        judgeSpace();
    }

    private void judgeSpace() {
        srHint.getStyleClass().removeAll("xva-hint", "xva-error", "xva-warning");
        if (pool.getValue() != null && sr.getItems().isEmpty()) {
            srHint.setText("This pool has no storage repository that can hold VM disks.");
            srHint.getStyleClass().add("xva-error");
        } else if (sr.getValue() != null && preview.get() != null && preview.get().diskBytes() > free(sr.getValue())) {
            srHint.setText("The disks need " + Units.bytes(preview.get().diskBytes()) + ", more than this storage has free.");
            srHint.getStyleClass().add("xva-warning");
        } else {
            srHint.setText(sr.getValue() == null ? "" : "The pool's default storage is preselected.");
            srHint.getStyleClass().add("xva-hint");
        }
    }

    /** Rewrites the legacy folder as a modern XVA next to it (or where the user says), then reads that. */
    private void convert() {
        XvaPreview legacy = preview.get();
        if (legacy == null || !legacy.legacy()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Convert to");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("XVA file (*.xva)", "*.xva"));
        Path folder = legacy.file().toAbsolutePath();
        if (folder.getParent() != null) {
            chooser.setInitialDirectory(folder.getParent().toFile());
        }
        chooser.setInitialFileName(folder.getFileName() + ".xva");
        File chosen = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            convertTo(Path.of(ExportWizard.withSuffix(chosen.getPath(), org.xapicenter.xva.Compression.NONE)));
        }
    }

    /**
     * Converts the legacy folder shown into {@code target} on a thread of its own (it reads and writes
     * the whole disk: minutes, not for the shared background thread), then reads that file. Closing the
     * wizard or the application stops it, and the converter then deletes its part file.
     */
    void convertTo(Path target) {
        XvaPreview legacy = preview.get();
        if (legacy == null || !legacy.legacy()) {
            return;
        }
        Path folder = legacy.file().toAbsolutePath();
        int mine = ++generation;
        reading.setVisible(true);
        convert.setDisable(true);
        show("Converting to " + target.getFileName() + "…", "xva-hint");
        jobs.start("xapicenter-xva-convert", () -> {
            String failure = null;
            try {
                org.xapicenter.xva.legacy.LegacyConverter.convert(folder, target, org.xapicenter.xva.Compression.NONE,
                        done -> {
                            if (stopConversion.get()) {
                                throw new ConversionStopped();
                            }
                        });
            } catch (ConversionStopped stopped) {
                return; // the wizard is closed: nobody is left to tell
            } catch (Exception e) {
                failure = XvaErrors.describe(e);
            }
            String why = failure;
            fx.execute(() -> {
                convert.setDisable(false);
                if (mine != generation) {
                    return;
                }
                reading.setVisible(false);
                if (why != null) {
                    show("The conversion failed: " + why, "xva-error");
                } else {
                    PathFields.set(file, shown(target));
                }
            });
        }, () -> stopConversion.set(true));
    }

    /** Thrown from the converter's progress callback to stop it; it deletes its part file on the way out. */
    private static final class ConversionStopped extends RuntimeException {
        ConversionStopped() {
            super("conversion stopped", null, false, false);
        }
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import from");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("XVA files (*.xva, *.xva.gz, *.xva.zst)", "*.xva", "*.xva.gz", "*.xva.zst"),
                new FileChooser.ExtensionFilter("Legacy XVA folder (ova.xml)", "ova.xml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            PathFields.set(file, shown(chosen.toPath()));
        }
    }

    private static String poolName(ConnectionModel c) {
        String name = c.link().cache().all(Pool.class).stream().map(Pool::nameLabel).filter(n -> !n.isBlank())
                .findFirst().orElse("");
        return name.isBlank() ? c.link().label() : name + " (" + c.link().label() + ")";
    }

    private static long free(Sr s) {
        return Math.max(0, s.physicalSize() - s.physicalUtilisation());
    }

    static void form(GridPane grid) {
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
    }

    static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("prop-label");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("xva-value");
        l.setWrapText(true);
        return l;
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("xva-section");
        return l;
    }
}
