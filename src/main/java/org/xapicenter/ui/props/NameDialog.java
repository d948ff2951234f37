package org.xapicenter.ui.props;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return number(mtu);
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (name.getText().isBlank()) {
            p.put(NAME, "A name is needed.");
        }
        if (withMtu && mtuProblem(typedMtu()) != null) {
            p.put(MTU, mtuProblem(typedMtu()));
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
        Conflicts.check(out, NAME, openedName, now.nameLabel(), name.getText().strip());
        Conflicts.check(out, "Description", openedDescription, now.nameDescription(), description.getText().strip());
        if (withMtu) {
            Conflicts.check(out, MTU, openedMtu, now.int64("MTU"), typedMtu());
        }
        return out;
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
