package org.xapicenter.ui.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.props.EditDialog;
import org.xapicenter.ui.theme.Forms;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vm;

/**
 * A new virtual disk: in an SR (from its Storage tab) or for a VM (created, attached, and plugged when
 * the VM runs). A failure after the disk was created destroys it again: no orphan disk is left.
 */
public final class AddDiskDialog extends EditDialog {
    static final String NAME = "Name";
    static final String SIZE = "Size";
    static final String SR = "Storage";
    private static final long GIB = 1024L * 1024 * 1024;

    private final ObjectCache cache;
    private final Vm vm;
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final TextField size = new TextField("10");
    private final ComboBox<Sr> sr = new ComboBox<>();

    /** @param vm the VM to attach the disk to, or null for a disk on its own in {@code defaultSr} */
    public AddDiskDialog(Window owner, ActionRunner runner, ConnectionModel connection, Vm vm, Sr defaultSr) {
        super(owner, "Add Disk", vm == null ? "New disk in \"" + defaultSr.nameLabel() + "\"" : "New disk for \"" + vm.nameLabel() + "\"",
                "Add", runner, connection);
        this.cache = connection.link().cache();
        this.vm = vm;
        getDialogPane().setId("add-disk");
        name.setId("disk-name");
        description.setId("disk-description");
        size.setId("disk-size");
        sr.setId("disk-sr");
        long disks = vm == null ? 0 : org.xapicenter.ui.props.Refs.all(cache, vm.vbds(), org.xapicenter.xapi.record.Vbd.class)
                .stream().filter(b -> !"CD".equalsIgnoreCase(b.type())).count();
        name.setText(vm == null ? "New disk" : vm.nameLabel() + " disk " + (disks + 1)); // CD drives are not counted
        List<Sr> usable = cache.all(Sr.class).stream().filter(AddDiskDialog::holdsDisks)
                .sorted(java.util.Comparator.comparing(Sr::nameLabel)).toList();
        sr.getItems().setAll(usable);
        sr.setConverter(shownAs(s -> s.nameLabel() + " (" + Units.bytes(free(s)) + " free)"));
        Sr initial = defaultSr != null ? defaultSr : cache.all(Pool.class).stream().findFirst()
                .flatMap(p -> cache.get(p.defaultSr(), Sr.class)).orElse(usable.isEmpty() ? null : usable.get(0));
        sr.getItems().stream().filter(s -> initial != null && s.ref().equals(initial.ref())).findFirst().ifPresent(sr::setValue);
        GridPane form = Forms.labelledGrid();
        field(form, "Name:", name, NAME);
        field(form, "Description:", description, "Description");
        field(form, "Size (GiB):", size, SIZE);
        field(form, "Storage:", sr, SR);
        name.setPrefColumnCount(28);
        setForm(form);
        setOnShown(e -> name.requestFocus());
    }

    static boolean holdsDisks(Sr s) {
        return !"iso".equals(s.contentType()) && !"udev".equals(s.type()) && !"iso".equals(s.type());
    }

    static long free(Sr s) {
        return Math.max(0, s.physicalSize() - s.physicalUtilisation());
    }

    private long bytes() {
        try {
            double gib = Double.parseDouble(size.getText().strip());
            return gib <= 0 || gib > 2 * 1024 * 1024 ? -1 : Math.round(gib * GIB);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (name.getText().isBlank()) {
            p.put(NAME, "A disk needs a name.");
        }
        long b = bytes();
        if (b < 0) {
            p.put(SIZE, "Type a size in GiB above zero, e.g. 20 or 0.5.");
        }
        if (sr.getValue() == null) {
            p.put(SR, "Choose where the disk is kept.");
        } else if (b > 0 && sr.getValue().physicalSize() > 0 && !sr.getValue().shared() && b > free(sr.getValue())
                && !"lvm".equals(sr.getValue().type())) {
            p.put(SIZE, "\"" + sr.getValue().nameLabel() + "\" has only " + Units.bytes(free(sr.getValue())) + " free.");
        }
        return p;
    }

    @Override
    protected Change change() {
        String vdiName = name.getText().strip();
        Map<String, Object> vdi = new HashMap<>();
        vdi.put("name_label", vdiName);
        vdi.put("name_description", description.getText().strip());
        vdi.put("SR", sr.getValue().ref());
        vdi.put("virtual_size", bytes());
        vdi.put("type", "user");
        vdi.put("sharable", false);
        vdi.put("read_only", false);
        vdi.put("other_config", new HashMap<String, String>());
        vdi.put("xenstore_data", new HashMap<String, String>());
        vdi.put("sm_config", new HashMap<String, String>());
        vdi.put("tags", new ArrayList<String>());
        Change c = Change.titled(vm == null ? "Creating the disk \"" + vdiName + "\""
                : "Adding the disk \"" + vdiName + "\" to \"" + vm.nameLabel() + "\"");
        c.step("Creating the disk", "VDI.create", (link, earlier) -> link.call("VDI.create", vdi),
                (link, ref) -> link.call("VDI.destroy", ref));
        if (vm != null) {
            DiskSteps.attach(c, vm, VmRows.live(vm));
        }
        return c;
    }
}
