package org.xapicenter.ui.vm;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.props.EditDialog;
import org.xapicenter.ui.theme.Forms;
import org.xapicenter.xapi.record.Vdi;

/** Grows a virtual disk (XAPI never shrinks one: the guest's file system would be cut). */
public final class ResizeDiskDialog extends EditDialog {
    private static final double GIB = 1024.0 * 1024 * 1024;
    private final Vdi vdi;
    private final TextField size = new TextField();

    public ResizeDiskDialog(Window owner, ActionRunner runner, ConnectionModel connection, Vdi vdi) {
        super(owner, "Resize Disk", "Resize \"" + vdi.nameLabel() + "\" (now " + Units.bytes(vdi.virtualSize()) + ")",
                "Resize", runner, connection);
        this.vdi = vdi;
        getDialogPane().setId("resize-disk");
        size.setId("disk-new-size");
        size.setText(String.format(java.util.Locale.ROOT, "%.0f", Math.ceil(vdi.virtualSize() / GIB) + 1));
        GridPane form = Forms.labelledGrid();
        field(form, "New size (GiB):", size, "Size");
        setForm(form);
        setOnShown(e -> size.requestFocus());
    }

    private long bytes() {
        try {
            return Math.round(Double.parseDouble(size.getText().strip()) * GIB);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (bytes() <= 0) {
            p.put("Size", "Type the new size in GiB, e.g. 40.");
        } else if (bytes() <= vdi.virtualSize()) {
            p.put("Size", "A disk can only grow: type more than " + Units.bytes(vdi.virtualSize()) + ".");
        }
        return p;
    }

    @Override
    protected Change change() {
        return Change.titled("Resizing \"" + vdi.nameLabel() + "\" to " + Units.bytes(bytes()))
                .call("Resizing", "VDI.resize", vdi.ref(), bytes());
    }
}
