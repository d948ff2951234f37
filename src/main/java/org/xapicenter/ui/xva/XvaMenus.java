package org.xapicenter.ui.xva;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.tasks.EventsModel;
import org.xapicenter.ui.theme.Icons;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.ui.tree.NavigationTreeModel;
import org.xapicenter.ui.tree.NavigationView;
import org.xapicenter.xapi.record.Vm;

/**
 * The XVA menu items (Export…, Import…, Inspect XVA…) and what they open. Export is offered for what
 * the VM's {@code allowed_operations} allow (halted or suspended VMs); for any other VM its text says why.
 */
public final class XvaMenus {
    static final String EXPORT = "Export…";
    static final String EXPORT_REFUSED = "Export… (shut down or suspend the VM first)";
    static final String EXPORT_BUSY = "Export… (wait for the VM's current operation)";

    private final Connections connections;
    private final NavigationTreeModel treeModel;
    private final NavigationView navigation;
    private final Executor background;
    private final Supplier<Window> owner;
    private final XvaJobs jobs = new XvaJobs();
    private final XvaTransfers transfers;
    private final List<MenuItem> exportItems = new java.util.ArrayList<>();
    /** Where the last file was chosen: the next wizard starts there. */
    private Path lastFolder = Path.of(System.getProperty("user.home", "."));

    public XvaMenus(Connections connections, NavigationTreeModel treeModel, NavigationView navigation, EventsModel events,
                    ActionRunner runner, Executor background, Supplier<Window> owner) {
        this.connections = connections;
        this.treeModel = treeModel;
        this.navigation = navigation;
        this.background = background;
        this.owner = owner;
        this.transfers = new XvaTransfers(events, runner, connections.fx(), jobs);
        ObservableValue<NavNode> selection = navigation.selectionProperty();
        selection.addListener((o, was, now) -> refresh());
        connections.addBatchListener((c, batch) -> refresh());
        connections.addStateListener(c -> refresh());
    }

    public XvaTransfers transfers() {
        return transfers;
    }

    /** The transfers, conversions and checks under way. */
    public XvaJobs jobs() {
        return jobs;
    }

    /**
     * Stops every transfer, conversion and check, and waits up to {@code wait} for their cleanup (part
     * files deleted, tasks cancelled): the application is closing. Returns true if all ended in time.
     */
    public boolean stopAll(java.time.Duration wait) {
        return jobs.stopAll(wait);
    }

    /** A new Export… item (menu bar and context menu each get one). */
    public MenuItem exportItem(String id) {
        MenuItem item = new MenuItem(EXPORT, Icons.icon(Material2MZ.SAVE_ALT));
        item.setId(id);
        item.setOnAction(e -> openExport());
        exportItems.add(item);
        refresh();
        return item;
    }

    public MenuItem importItem(String id) {
        MenuItem item = new MenuItem("Import…", Icons.icon(Material2AL.GET_APP));
        item.setId(id);
        item.setOnAction(e -> openImport(null));
        return item;
    }

    public MenuItem inspectItem(String id) {
        MenuItem item = new MenuItem("Inspect XVA…", Icons.icon(Material2AL.FIND_IN_PAGE));
        item.setId(id);
        item.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Inspect XVA");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("XVA files (*.xva, *.xva.gz, *.xva.zst)", "*.xva", "*.xva.gz", "*.xva.zst"),
                    new FileChooser.ExtensionFilter("Legacy XVA folder (ova.xml)", "ova.xml"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            if (Files.isDirectory(lastFolder)) {
                chooser.setInitialDirectory(lastFolder.toFile());
            }
            File chosen = chooser.showOpenDialog(owner.get());
            if (chosen != null) {
                remember(chosen.toPath());
                inspect(chosen.toPath());
            }
        });
        return item;
    }

    /** Opens the inspector on {@code file} (FX thread). */
    public XvaInspector inspect(Path file) {
        return XvaInspector.show(owner.get(), file, background, connections.fx(), jobs);
    }

    /** The selected VM, when it may be exported now. */
    private NavNode exportable() {
        NavNode n = navigation.selectionProperty().get();
        if (n == null || n.kind() != NavKind.VM || n.connection().state() != ConnectionState.CONNECTED) {
            return null;
        }
        boolean allowed = n.connection().link().cache().get(n.ref(), Vm.class)
                .map(vm -> vm.allowedOperations().contains("export")).orElse(false);
        return allowed ? n : null;
    }

    private void refresh() {
        NavNode n = navigation.selectionProperty().get();
        boolean vm = n != null && n.kind() == NavKind.VM;
        boolean ok = exportable() != null;
        String text = EXPORT;
        if (!ok && vm && n.connection().state() == ConnectionState.CONNECTED) {
            // Halted or suspended but not allowed: something else runs on it (an export, a start...).
            boolean busy = n.connection().link().cache().get(n.ref(), Vm.class)
                    .map(v -> !v.currentOperations().isEmpty()).orElse(false);
            text = busy ? EXPORT_BUSY : EXPORT_REFUSED;
        }
        for (MenuItem item : exportItems) {
            item.setDisable(!ok);
            item.setText(text);
        }
    }

    /** Opens the Export wizard on the selected VM (FX thread). */
    public ExportWizard openExportWizard() {
        NavNode n = exportable();
        if (n == null) {
            return null;
        }
        List<ExportWizard.Choice> vms = n.connection().link().cache().all(Vm.class).stream()
                .filter(Vm::isGuest)
                .filter(vm -> vm.allowedOperations().contains("export"))
                .sorted(Comparator.comparing((Vm vm) -> vm.nameLabel().toLowerCase(Locale.ROOT)))
                .map(vm -> new ExportWizard.Choice(vm.ref(), vm.nameLabel()))
                .toList();
        ExportWizard.Choice selected = vms.stream().filter(c -> c.ref().equals(n.ref())).findFirst()
                .orElse(new ExportWizard.Choice(n.ref(), n.name()));
        if (!vms.contains(selected)) {
            vms = new java.util.ArrayList<>(vms);
            vms.add(0, selected);
        }
        ExportWizard wizard = new ExportWizard(owner.get(), vms, selected, lastFolder);
        ConnectionModel connection = n.connection();
        wizard.resultProperty().addListener((o, was, request) -> {
            if (request != null) {
                remember(request.file());
                transfers.export(connection, request.vm().ref(), request.vm().name(), request.file(), request.options());
            }
        });
        return wizard;
    }

    private void openExport() {
        ExportWizard w = openExportWizard();
        if (w != null) {
            w.show();
        }
    }

    /** Opens the Import wizard; {@code file} prefilled when not null (FX thread). */
    public ImportWizard openImportWizard(Path file) {
        NavNode n = navigation.selectionProperty().get();
        List<ConnectionModel> targets = ImportWizard.targets(connections.all());
        ImportWizard wizard = new ImportWizard(owner.get(), targets, n == null ? null : n.connection(), background,
                connections.fx(), jobs);
        if (file != null) {
            wizard.setFile(file);
        }
        wizard.resultProperty().addListener((o, was, request) -> {
            if (request != null) {
                remember(request.file());
                transfers.importFile(request.connection(), request.file(), request.options(),
                        vms -> select(request.connection(), vms));
            }
        });
        return wizard;
    }

    private void openImport(Path file) {
        openImportWizard(file).show();
    }

    /** Selects the new VM once the tree shows it (its event may come a moment after the task's end). */
    private void select(ConnectionModel connection, List<String> vms) {
        if (vms.isEmpty()) {
            return;
        }
        String ref = vms.get(0);
        int[] tries = {0};
        PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(200));
        wait.setOnFinished(e -> {
            TreeItem<NavNode> item = treeModel.find(connection, ref);
            if (item != null) {
                navigation.select(item);
            } else if (++tries[0] < 50) {
                wait.playFromStart();
            }
        });
        wait.play();
    }

    private void remember(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.isDirectory(parent)) {
            lastFolder = parent;
        }
    }
}
