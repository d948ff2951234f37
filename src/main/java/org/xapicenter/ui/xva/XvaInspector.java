package org.xapicenter.ui.xva;

import java.io.BufferedInputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.live.FxPulse;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.DiskSummary;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.XvaSummary;

/**
 * Inspect XVA: opens a file offline (no server needed), shows its VM and disks at once, then checks
 * every block's checksum in the background with a progress bar and a result per disk. Closing the
 * window stops the check.
 */
public final class XvaInspector {
    /** One disk's line, filled in as the check reaches it (FX thread). */
    public static final class DiskRow {
        final XvaDisk disk;
        final StringProperty blocks = new SimpleStringProperty("");
        final StringProperty checksums = new SimpleStringProperty("");
        final StringProperty result = new SimpleStringProperty("Not checked yet");
        String style = "xva-hint";

        DiskRow(XvaDisk disk) {
            this.disk = disk;
        }

        public String result() {
            return result.get();
        }

        public String name() {
            return disk.name().isBlank() ? disk.id() : disk.name();
        }
    }

    private final Path file;
    private final Executor background;
    private final Executor fx;
    private final XvaJobs jobs;
    private final FxPulse pulse;
    private final Stage stage = new Stage();
    private final Label title = new Label();
    private final Label vmName = ImportWizard.value("inspect-vm-name");
    private final Label description = ImportWizard.value("inspect-vm-description");
    private final Label vcpus = ImportWizard.value("inspect-vm-vcpus");
    private final Label memory = ImportWizard.value("inspect-vm-memory");
    private final Label format = ImportWizard.value("inspect-format");
    private final TableView<DiskRow> disks = new TableView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button verify = new Button("Verify checksums");
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicLong read = new AtomicLong();
    private final Runnable showProgress = this::showProgress;
    private XvaPreview preview;
    private int run;
    private boolean checking;

    private XvaInspector(Window owner, Path file, Executor background, Executor fx, XvaJobs jobs) {
        this.file = file;
        this.jobs = jobs;
        this.background = background;
        this.fx = fx;
        this.pulse = new FxPulse(fx, Duration.ofMillis(250));
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Inspect XVA — " + file.getFileName());

        title.setText(String.valueOf(file.toAbsolutePath().normalize()));
        title.setId("inspect-file");
        title.getStyleClass().add("xva-section");
        title.setWrapText(true);

        GridPane about = new GridPane();
        ImportWizard.form(about);
        about.addRow(0, ImportWizard.key("VM name:"), vmName);
        about.addRow(1, ImportWizard.key("Description:"), description);
        about.addRow(2, ImportWizard.key("vCPUs:"), vcpus);
        about.addRow(3, ImportWizard.key("Memory:"), memory);
        about.addRow(4, ImportWizard.key("File:"), format);

        disks.setId("inspect-disks");
        disks.getStyleClass().add("xva-disks");
        disks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        disks.setPlaceholder(new Label("Reading the file…"));
        disks.getColumns().addAll(List.of(
                column("Disk", 225, r -> new SimpleStringProperty(r.name())),
                column("Size", 75, r -> new SimpleStringProperty(Units.bytes(r.disk.virtualSize()))),
                column("Blocks", 65, r -> r.blocks),
                column("Checksums", 110, r -> r.checksums),
                resultColumn()));
        VBox.setVgrow(disks, Priority.ALWAYS);

        progress.setId("inspect-progress");
        progress.getStyleClass().add("xva-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        status.setId("inspect-status");
        status.setWrapText(true);
        status.getStyleClass().add("xva-hint");
        verify.setId("inspect-verify");
        verify.setDisable(true);
        verify.setOnAction(e -> startCheck());
        Button close = new Button("Close");
        close.setId("inspect-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, verify, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox root = new VBox(10, title, ImportWizard.section("Virtual machine"), about, ImportWizard.section("Disks"),
                disks, progress, status, buttons);
        root.setPadding(new Insets(16, 20, 16, 20));
        root.setId("xva-inspector");
        XvaStyles.apply(root);
        root.getStyleClass().add("xva-inspector");
        root.setStyle("-fx-background-color: -color-bg-default;");
        stage.setScene(new Scene(root, 880, 560));
        // Closing the window is how a user stops a long check.
        stage.setOnHidden(e -> cancelled.set(true));
    }

    /** Opens the inspector on {@code file} and starts reading it (FX thread). */
    public static XvaInspector show(Window owner, Path file, Executor background, Executor fx, XvaJobs jobs) {
        XvaInspector inspector = new XvaInspector(owner, file, background, fx, jobs);
        inspector.stage.show();
        inspector.loadMetadata();
        return inspector;
    }

    public Stage stage() {
        return stage;
    }

    /** The disks' lines (FX thread). */
    public List<DiskRow> rows() {
        return List.copyOf(disks.getItems());
    }

    /** The status line under the bar (FX thread). */
    public String status() {
        return status.getText();
    }

    public boolean checking() {
        return checking;
    }

    private void loadMetadata() {
        status("Reading the file's metadata…", "xva-hint");
        progress.setProgress(-1);
        background.execute(() -> {
            try {
                XvaPreview p = XvaPreview.read(file);
                fx.execute(() -> {
                    shown(p);
                    startCheck();
                });
            } catch (Exception e) {
                String why = XvaErrors.describe(e);
                fx.execute(() -> {
                    progress.setProgress(0);
                    disks.setPlaceholder(new Label("No disks to show"));
                    vmName.setText("—");
                    status("This file cannot be read: " + why, "xva-error");
                });
            }
        });
    }

    private void shown(XvaPreview p) {
        preview = p;
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
        disks.setPlaceholder(new Label("This VM has no disks"));
        disks.getItems().setAll(p.disks().stream().map(DiskRow::new).toList());
    }

    private void startCheck() {
        if (preview == null || checking) {
            return;
        }
        if (preview.legacy()) {
            // Legacy chunks carry no checksums; opening the folder already checked that every chunk is there.
            progress.setProgress(1);
            disks.getItems().forEach(r -> set(r, "All chunks present (no checksums in this format)", "xva-hint"));
            status("A legacy XVA folder has no checksums to verify.", "xva-hint");
            return;
        }
        int mine = ++run;
        checking = true;
        verify.setDisable(true);
        read.set(0);
        progress.setProgress(0);
        for (DiskRow r : disks.getItems()) {
            r.blocks.set("");
            r.checksums.set("");
            set(r, "Waiting", "xva-hint");
        }
        status("Verifying checksums…", "xva-hint");
        long size = preview.fileBytes();
        jobs.start("xapicenter-xva-inspect", () -> check(mine, size), () -> cancelled.set(true));
    }

    /** Reads the whole file on its own thread, reporting each disk as the reader finishes it. */
    private void check(int mine, long size) {
        String[] current = new String[1];
        try (XvaReader reader = XvaReader.open(new BufferedInputStream(
                new CancellableInput(Files.newInputStream(file), cancelled, read), 256 * 1024))) {
            XvaSummary summary = reader.readDisks(new DiskSink() {
                @Override
                public void begin(XvaDisk disk) {
                    current[0] = disk.id();
                    fx.execute(() -> row(disk.id(), r -> set(r, "Checking…", "xva-hint")));
                }

                @Override
                public void write(long offset, byte[] data, int length) {
                    pulse.request(showProgress);
                }

                @Override
                public void end(XvaDisk disk, long diskSize) {
                    current[0] = null;
                    fx.execute(() -> row(disk.id(), r -> set(r, "Checked", "xva-hint")));
                }
            }, true);
            fx.execute(() -> finished(mine, summary));
        } catch (InterruptedIOException stopped) {
            // The window closed: nobody is left to tell.
        } catch (Exception e) {
            if (cancelled.get()) {
                return; // closed mid-check: whatever the reading ended with, nobody is left to tell
            }
            String failedDisk = diskOf(e, current[0]);
            String why = XvaErrors.describe(e);
            String brief = e instanceof XvaException x ? brief(x) : why;
            fx.execute(() -> failed(mine, failedDisk, brief, why));
        }
    }

    private void finished(int mine, XvaSummary summary) {
        if (mine != run) {
            return;
        }
        checking = false;
        verify.setDisable(false);
        verify.setText("Verify again");
        progress.setProgress(1);
        for (DiskSummary d : summary.disks()) {
            row(d.id(), r -> {
                r.blocks.set(Integer.toString(d.blocks()));
                r.checksums.set(d.checksumKind() == null ? "none"
                        : d.checksumsVerified() + " " + (d.checksumKind() == org.xapicenter.xva.ChecksumKind.XXHASH ? "XXH64" : "SHA-1"));
                set(r, d.checksumKind() == null ? "OK (no checksums to check)" : "OK", d.checksumKind() == null ? "xva-warning" : "xva-ok");
            });
        }
        long blocks = summary.disks().stream().mapToLong(DiskSummary::blocks).sum();
        status("Checksums OK: " + blocks + (blocks == 1 ? " block" : " blocks") + " in " + summary.disks().size()
                + (summary.disks().size() == 1 ? " disk" : " disks") + " verified.", "xva-ok");
    }

    private void failed(int mine, String diskId, String brief, String why) {
        if (mine != run) {
            return;
        }
        checking = false;
        verify.setDisable(false);
        verify.setText("Verify again");
        for (DiskRow r : disks.getItems()) {
            if (r.disk.id().equals(diskId)) {
                r.blocks.set("—");
                r.checksums.set("—");
                set(r, brief, "xva-error");
            } else if (!"Checked".equals(r.result())) {
                set(r, "Not checked", "xva-hint");
            } else {
                set(r, "OK", "xva-ok");
            }
        }
        status("Verification failed: " + why, "xva-error");
    }

    /** A few words for the disk's line (the status line below has the whole sentence). */
    static String brief(XvaException x) {
        String what = switch (x.problem()) {
            case BAD_CHECKSUM -> "Bad checksum";
            case MISSING_CHECKSUM -> "Missing checksum";
            case TRUNCATED -> "File ends early";
            case BLOCK_OUT_OF_ORDER -> "Block out of order";
            case SIZE_MISMATCH -> "Sizes do not add up";
            case UNEXPECTED_MEMBER, UNEXPECTED_FIRST_MEMBER -> "Unexpected member";
            case TOO_LARGE -> "Member too large";
            default -> "Damaged";
        };
        return x.where() == null || x.where().isBlank() ? what : what + " at " + x.where();
    }

    /** The disk a failure belongs to: the one its member names ({@code Ref:12/00000003}), else the one being read. */
    private static String diskOf(Exception e, String current) {
        if (e instanceof XvaException x && x.where() != null) {
            int slash = x.where().indexOf('/');
            if (slash > 0) {
                return x.where().substring(0, slash);
            }
        }
        return current;
    }

    private void showProgress() {
        if (checking && preview != null && preview.fileBytes() > 0) {
            progress.setProgress(Math.min(1.0, (double) read.get() / preview.fileBytes()));
        }
    }

    private void row(String id, java.util.function.Consumer<DiskRow> change) {
        disks.getItems().stream().filter(r -> r.disk.id().equals(id)).findFirst().ifPresent(change);
        disks.refresh();
    }

    private void set(DiskRow r, String text, String style) {
        r.style = style;
        r.result.set(text);
        disks.refresh();
    }

    private void status(String text, String style) {
        status.setText(text);
        status.getStyleClass().removeAll("xva-hint", "xva-error", "xva-ok", "xva-warning");
        status.getStyleClass().add(style);
    }

    private static TableColumn<DiskRow, String> column(String name, double width,
                                                       java.util.function.Function<DiskRow, javafx.beans.value.ObservableValue<String>> value) {
        TableColumn<DiskRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> value.apply(cell.getValue()));
        c.setPrefWidth(width);
        // No header may be cut short: at least its own text's width.
        c.setMinWidth(Math.max(60, name.length() * 9 + 24));
        return c;
    }

    private static TableColumn<DiskRow, String> resultColumn() {
        TableColumn<DiskRow, String> c = column("Result", 320, r -> r.result);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("xva-hint", "xva-error", "xva-ok", "xva-warning");
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(item);
                // A long error sentence stays readable whole in the tooltip.
                setTooltip(new javafx.scene.control.Tooltip(item));
                DiskRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (row != null) {
                    getStyleClass().add(row.style);
                }
            }
        });
        return c;
    }
}
