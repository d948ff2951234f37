package org.xapicenter.ui.vm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.props.EditDialog;
import org.xapicenter.ui.theme.Forms;
import org.xapicenter.xapi.record.Vm;

/**
 * VM Properties: name, description, tags, folder and custom fields (under XenCenter's keys), vCPUs,
 * memory, boot order and automatic start. XAPI's power-state rules are left to XAPI (a static memory
 * change on a running VM comes back as its refusal, in words); the value rules are checked here first.
 */
public final class VmPropertiesDialog extends EditDialog {
    /** HVM boot orders as letters (c disk, d DVD, n network) and in words. */
    private static final Map<String, String> BOOT_ORDERS = new LinkedHashMap<>();

    static {
        BOOT_ORDERS.put("cdn", "Hard disk, DVD drive, Network");
        BOOT_ORDERS.put("dcn", "DVD drive, Hard disk, Network");
        BOOT_ORDERS.put("ncd", "Network, Hard disk, DVD drive");
        BOOT_ORDERS.put("cd", "Hard disk, DVD drive");
        BOOT_ORDERS.put("dc", "DVD drive, Hard disk");
        BOOT_ORDERS.put("c", "Hard disk only");
    }

    private final ObjectCache cache;
    private final String vmRef;
    private final VmSettings opened;
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final TextField tags = new TextField();
    private final TextField folder = new TextField();
    private final Map<String, TextField> custom = new LinkedHashMap<>();
    private final GridPane customGrid = Forms.labelledGrid();
    private final Spinner<Integer> vcpusMax = new Spinner<>(1, 256, 1);
    private final Spinner<Integer> vcpusAtStartup = new Spinner<>(1, 256, 1);
    private final TextField staticMax = new TextField();
    private final TextField dynamicMin = new TextField();
    private final TextField dynamicMax = new TextField();
    private final ComboBox<String> boot = new ComboBox<>();
    private final CheckBox autoStart = new CheckBox("Start this VM automatically when its server starts");
    private final TabPane tabs = new TabPane();

    public VmPropertiesDialog(Window owner, ActionRunner runner, ConnectionModel connection, Vm vm) {
        super(owner, "Properties of " + vm.nameLabel(), "Properties of \"" + vm.nameLabel() + "\"", "Save", runner, connection);
        this.cache = connection.link().cache();
        this.vmRef = vm.ref();
        this.opened = VmSettings.of(cache, vm);
        getDialogPane().setId("vm-properties");

        GridPane general = Forms.labelledGrid();
        name.setId("vm-name");
        description.setId("vm-description");
        tags.setId("vm-tags");
        tags.setPromptText("production, web");
        folder.setId("vm-folder");
        folder.setPromptText("/Production/Web");
        field(general, "Name:", name, VmSettings.NAME);
        field(general, "Description:", description, VmSettings.DESCRIPTION);
        field(general, "Tags:", tags, VmSettings.TAGS);
        field(general, "Folder:", folder, VmSettings.FOLDER);

        customGrid.setId("vm-custom-fields");
        opened.customFields().forEach((f, v) -> addCustomField(f, v));
        TextField newField = new TextField();
        newField.setId("vm-new-custom-field");
        newField.setPromptText("New field name");
        Button addField = new Button("Add Field");
        addField.setId("vm-add-custom-field");
        addField.setOnAction(e -> {
            String f = newField.getText().strip();
            if (!f.isEmpty() && !custom.containsKey(f)) {
                addCustomField(f, "");
                newField.clear();
            }
        });
        HBox adder = new HBox(8, newField, addField);
        adder.setPadding(new javafx.geometry.Insets(0, 20, 8, 20));
        Label customNote = new Label("Custom fields are shared with XenCenter and every client of this pool.");
        customNote.getStyleClass().add("text-muted");
        customNote.setWrapText(true);
        customNote.setMinHeight(Label.USE_PREF_SIZE);
        customNote.setPadding(new javafx.geometry.Insets(12, 20, 0, 20));
        javafx.scene.layout.VBox customBox = new javafx.scene.layout.VBox(customNote, customGrid, adder);

        GridPane cpuMemory = Forms.labelledGrid();
        vcpusMax.setId("vm-vcpus-max");
        vcpusAtStartup.setId("vm-vcpus-startup");
        vcpusMax.setEditable(true);
        vcpusAtStartup.setEditable(true);
        staticMax.setId("vm-memory-static-max");
        dynamicMin.setId("vm-memory-dynamic-min");
        dynamicMax.setId("vm-memory-dynamic-max");
        field(cpuMemory, "Maximum vCPUs:", vcpusMax, VmSettings.VCPUS + " max");
        field(cpuMemory, "vCPUs at startup:", vcpusAtStartup, VmSettings.VCPUS);
        field(cpuMemory, "Static maximum (MiB):", staticMax, "Static maximum");
        field(cpuMemory, "Dynamic minimum (MiB):", dynamicMin, "Dynamic minimum");
        field(cpuMemory, "Dynamic maximum (MiB):", dynamicMax, VmSettings.MEMORY);
        Label rules = new Label(RUNNING_NOTE);
        rules.getStyleClass().add("text-muted");
        rules.setWrapText(true);
        rules.setMinHeight(Label.USE_PREF_SIZE); // a wrapped label in a grid is otherwise cut to one line
        rules.setMaxWidth(500);
        rules.setPadding(new javafx.geometry.Insets(0, 20, 12, 20));
        javafx.scene.layout.VBox cpuMemoryBox = new javafx.scene.layout.VBox(cpuMemory, rules);

        GridPane bootGrid = Forms.labelledGrid();
        boot.setId("vm-boot-order");
        boot.setItems(FXCollections.observableArrayList(BOOT_ORDERS.values()));
        autoStart.setId("vm-auto-start");
        field(bootGrid, "Boot order:", boot, VmSettings.BOOT);
        bootGrid.add(autoStart, 1, bootGrid.getRowCount());
        if (opened.bootOrder() == null) {
            boot.setDisable(true);
            boot.setPromptText("Set by the guest (paravirtualized VM)");
        }

        tabs.getTabs().addAll(tab("General", general), tab("Custom Fields", customBox), tab("CPU and Memory", cpuMemoryBox),
                tab("Boot Options", bootGrid));
        tabs.setId("vm-properties-tabs");
        tabs.setPrefSize(580, 430);
        setForm(tabs);
        fill(opened);
        setOnShown(e -> name.requestFocus());
    }

    private static final String RUNNING_NOTE = "While the VM runs, XAPI lets you change the dynamic range and the vCPUs "
            + "at startup (up to the maximum); the static maximum and the maximum vCPUs need it shut down.";

    private static Tab tab(String title, javafx.scene.Node content) {
        // A fixed-size dialog whose tabs scroll: problem lines and many custom fields never push anything out.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        Tab t = new Tab(title, scroll);
        t.setClosable(false);
        return t;
    }

    private void addCustomField(String fieldName, String value) {
        TextField f = new TextField(value);
        f.setId("vm-custom-" + fieldName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        custom.put(fieldName, f);
        field(customGrid, fieldName + ":", f, fieldName);
    }

    /** Opens on a given tab ("CPU and Memory" from the Memory tab's Edit button). */
    public VmPropertiesDialog onTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
        return this;
    }

    private void fill(VmSettings s) {
        name.setText(s.name());
        description.setText(s.description());
        tags.setText(String.join(", ", s.tags()));
        folder.setText(s.folder());
        vcpusMax.getValueFactory().setValue((int) Math.max(1, Math.min(256, s.vcpusMax())));
        vcpusAtStartup.getValueFactory().setValue((int) Math.max(1, Math.min(256, s.vcpusAtStartup())));
        staticMax.setText(Long.toString(s.staticMax() / VmSettings.MIB));
        dynamicMin.setText(Long.toString(s.dynamicMin() / VmSettings.MIB));
        dynamicMax.setText(Long.toString(s.dynamicMax() / VmSettings.MIB));
        if (s.bootOrder() != null) {
            boot.setValue(BOOT_ORDERS.getOrDefault(s.bootOrder(), s.bootOrder()));
        }
        autoStart.setSelected(s.autoPowerOn());
    }

    /** What the form says now; memory fields that are not numbers come back as -1 (a problem). */
    private VmSettings typed() {
        Map<String, String> values = new LinkedHashMap<>();
        custom.forEach((f, t) -> values.put(f, t.getText().strip()));
        String order = opened.bootOrder() == null ? null : BOOT_ORDERS.entrySet().stream()
                .filter(e -> e.getValue().equals(boot.getValue())).map(Map.Entry::getKey).findFirst().orElse(opened.bootOrder());
        return new VmSettings(name.getText().strip(), description.getText().strip(), VmSettings.parseTags(tags.getText()),
                folder.getText().strip(), values, spinner(vcpusMax), spinner(vcpusAtStartup), opened.staticMin(),
                mib(staticMax), mib(dynamicMin), mib(dynamicMax), order, autoStart.isSelected());
    }

    private static long spinner(Spinner<Integer> s) {
        try {
            // an edited but uncommitted value counts as typed
            return Long.parseLong(s.getEditor().getText().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long mib(TextField f) {
        try {
            long v = Long.parseLong(f.getText().strip());
            return v <= 0 || v > 16L * 1024 * 1024 ? -1 : v * VmSettings.MIB;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>(typed().problems());
        if (mib(staticMax) < 0) {
            p.put("Static maximum", "Type a whole number of MiB.");
        }
        if (mib(dynamicMin) < 0) {
            p.put("Dynamic minimum", "Type a whole number of MiB.");
        }
        if (mib(dynamicMax) < 0) {
            p.remove(VmSettings.MEMORY);
            p.put(VmSettings.MEMORY, "Type a whole number of MiB.");
        }
        if (p.containsKey("Static maximum") || p.containsKey("Dynamic minimum")) {
            p.remove(VmSettings.MEMORY);
        }
        return p;
    }

    @Override
    protected List<String> conflicts() {
        return cache.get(vmRef, Vm.class).map(now -> typed().conflicts(opened, VmSettings.of(cache, now))).orElse(List.of());
    }

    @Override
    protected Change change() {
        boolean running = cache.get(vmRef, Vm.class).map(VmRows::live).orElse(false);
        return typed().changes(vmRef, opened, cache, running);
    }
}
