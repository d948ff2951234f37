package org.xapicenter.ui.vm;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.props.EditDialog;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.ui.theme.Forms;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vdi;
import org.xapicenter.xapi.record.Vm;

/** Attaches an existing disk that no VM uses (a detached data disk) to a VM. */
public final class AttachDiskDialog extends EditDialog {
    private final Vm vm;
    private final ComboBox<Vdi> disk = new ComboBox<>();

    public AttachDiskDialog(Window owner, ActionRunner runner, ConnectionModel connection, Vm vm) {
        super(owner, "Attach Disk", "Attach an existing disk to \"" + vm.nameLabel() + "\"", "Attach", runner, connection);
        this.vm = vm;
        ObjectCache cache = connection.link().cache();
        getDialogPane().setId("attach-disk");
        disk.setId("attach-disk-choice");
        disk.getItems().setAll(cache.all(Vdi.class).stream()
                .filter(v -> v.vbds().isEmpty() && !v.bool("is_a_snapshot") && !v.readOnly())
                .filter(v -> cache.get(v.sr(), Sr.class).map(AddDiskDialog::holdsDisks).orElse(false))
                .sorted(java.util.Comparator.comparing(Vdi::nameLabel)).toList());
        disk.setConverter(shownAs(v -> v.nameLabel() + " (" + Units.bytes(v.virtualSize()) + ", " + Refs.name(cache, v.sr()) + ")"));
        disk.setPromptText(disk.getItems().isEmpty() ? "No unattached disks in this pool" : "Choose a disk");
        GridPane form = Forms.labelledGrid();
        field(form, "Disk:", disk, "Disk");
        setForm(form);
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (disk.getValue() == null) {
            p.put("Disk", "Choose the disk to attach.");
        }
        return p;
    }

    @Override
    protected Change change() {
        Change c = Change.titled("Attaching \"" + disk.getValue().nameLabel() + "\" to \"" + vm.nameLabel() + "\"");
        DiskSteps.attach(c, vm, VmRows.live(vm), disk.getValue().ref());
        return c;
    }
}
