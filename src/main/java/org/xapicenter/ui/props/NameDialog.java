package org.xapicenter.ui.props;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.theme.Forms;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Name and description of an SR, a network or a server (and a network's MTU): the properties those
 * objects share, written with their class's setters.
 */
public final class NameDialog extends EditDialog {
    public static final String NAME = "Name";
    public static final String MTU = "MTU";

    private final ConnectionModel connection;
    private final String xapiClass;
    private final String ref;
    private final String openedName;
    private final String openedDescription;
    private final long openedMtu;
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final TextField mtu = new TextField();
    private final boolean withMtu;

    /** @param xapiClass the class the setters belong to: "SR", "network" or "host" */
    public NameDialog(Window owner, ActionRunner runner, ConnectionModel connection, XapiRecord object, String xapiClass,
            String kind) {
        super(owner, "Properties of " + object.nameLabel(), kind + " \"" + object.nameLabel() + "\"", "Save", runner, connection);
        this.connection = connection;
        this.xapiClass = xapiClass;
        this.ref = object.ref();
        this.openedName = object.nameLabel();
        this.openedDescription = object.nameDescription();
        this.withMtu = "network".equals(xapiClass);
        this.openedMtu = withMtu ? object.int64("MTU") : 0;
        getDialogPane().setId("name-dialog");
        name.setId("object-name");
        description.setId("object-description");
        mtu.setId("network-mtu");
        name.setText(openedName);
        description.setText(openedDescription);
        GridPane form = Forms.labelledGrid();
        field(form, "Name:", name, NAME);
        field(form, "Description:", description, "Description");
        if (withMtu) {
            mtu.setText(Long.toString(openedMtu));
            field(form, "MTU (bytes):", mtu, MTU);
        }
        name.setPrefColumnCount(28);
        setForm(form);
        setOnShown(e -> name.requestFocus());
    }

    private long typedMtu() {
        try {
            return Long.parseLong(mtu.getText().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (name.getText().isBlank()) {
            p.put(NAME, "A name is needed.");
        }
        if (withMtu && (typedMtu() < 68 || typedMtu() > 9216)) {
            // 68 is IPv4's minimum; 9216 the largest jumbo frame XAPI's network.set_MTU accepts
            p.put(MTU, "The MTU is a number from 68 to 9216 (1500 is usual, 9000 for jumbo frames).");
        }
        return p;
    }

    @Override
    protected List<String> conflicts() {
        XapiRecord now = connection.link().cache().get(ref);
        List<String> out = new ArrayList<>();
        if (now == null) {
            return out;
        }
        conflict(out, NAME, openedName, now.nameLabel(), name.getText().strip());
        conflict(out, "Description", openedDescription, now.nameDescription(), description.getText().strip());
        if (withMtu) {
            conflict(out, MTU, openedMtu, now.int64("MTU"), typedMtu());
        }
        return out;
    }

    private static void conflict(List<String> out, String field, Object opened, Object now, Object mine) {
        if (!Objects.equals(opened, mine) && !Objects.equals(opened, now) && !Objects.equals(now, mine)) {
            out.add(field);
        }
    }

    @Override
    protected Change change() {
        Change c = Change.titled("Changing the properties of \"" + openedName + "\"");
        String n = name.getText().strip();
        String d = description.getText().strip();
        if (!n.equals(openedName)) {
            c.call("Renaming", xapiClass + ".set_name_label", ref, n);
        }
        if (!d.equals(openedDescription)) {
            c.call("Setting the description", xapiClass + ".set_name_description", ref, d);
        }
        if (withMtu && typedMtu() != openedMtu) {
            c.call("Setting the MTU", "network.set_MTU", ref, typedMtu());
        }
        return c;
    }
}
