package org.xapicenter.ui.network;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.props.EditDialog;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.ui.theme.Forms;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Pif;
import org.xapicenter.xapi.record.Pool;

/**
 * New Network: an internal network (VMs on one server talk to each other only) or an external VLAN
 * network on a NIC of every server (pool.create_VLAN_from_PIF). A VLAN that fails to be created takes
 * its new network with it.
 */
public final class NewNetworkDialog extends EditDialog {
    static final String NAME = "Name";
    static final String VLAN = "VLAN";
    static final String NIC = "NIC";
    static final String MTU = "MTU";

    private final ObjectCache cache;
    private final RadioButton external = new RadioButton("External (VLAN)");
    private final RadioButton internal = new RadioButton("Internal (single server)");
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final ComboBox<Pif> nic = new ComboBox<>();
    private final TextField vlan = new TextField();
    private final TextField mtu = new TextField("1500");

    public NewNetworkDialog(Window owner, ActionRunner runner, ConnectionModel connection) {
        super(owner, "New Network", "New network in this pool", "Create", runner, connection);
        this.cache = connection.link().cache();
        getDialogPane().setId("new-network");
        ToggleGroup kind = new ToggleGroup();
        external.setToggleGroup(kind);
        internal.setToggleGroup(kind);
        external.setId("network-external");
        internal.setId("network-internal");
        external.setSelected(true);
        name.setId("network-name");
        description.setId("network-description");
        nic.setId("network-nic");
        vlan.setId("network-vlan");
        mtu.setId("network-new-mtu");
        // The coordinator's physical NICs: the VLAN is made on the NIC of that name on every server.
        String coordinator = cache.all(Pool.class).stream().findFirst().map(Pool::master).orElse(null);
        List<Pif> nics = cache.get(coordinator, Host.class).map(h -> Refs.all(cache, h.pifs(), Pif.class)).orElse(List.of())
                .stream().filter(p -> p.bool("physical") && p.int64("VLAN") < 0)
                .sorted(java.util.Comparator.comparing(Pif::device)).toList();
        nic.getItems().setAll(nics);
        nic.setConverter(shownAs(p -> p.device() + " (" + Refs.name(cache, p.network()) + ")"));
        if (!nics.isEmpty()) {
            nic.setValue(nics.get(0));
        }
        nic.disableProperty().bind(internal.selectedProperty());
        vlan.disableProperty().bind(internal.selectedProperty());
        GridPane form = Forms.labelledGrid();
        form.add(new javafx.scene.control.Label("Type:"), 0, 0);
        form.add(new HBox(16, external, internal), 1, 0);
        field(form, "Name:", name, NAME);
        field(form, "Description:", description, "Description");
        field(form, "NIC:", nic, NIC);
        field(form, "VLAN tag:", vlan, VLAN);
        field(form, "MTU (bytes):", mtu, MTU);
        name.setPrefColumnCount(28);
        vlan.setPromptText("1 to 4094");
        setForm(form);
        setOnShown(e -> name.requestFocus());
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (name.getText().isBlank()) {
            p.put(NAME, "A network needs a name.");
        }
        if (mtuProblem(number(mtu)) != null) {
            p.put(MTU, mtuProblem(number(mtu)));
        }
        if (external.isSelected()) {
            if (nic.getValue() == null) {
                p.put(NIC, "Choose the NIC that carries the VLAN.");
            }
            long tag = number(vlan);
            if (tag < 1 || tag > 4094) {
                p.put(VLAN, "A VLAN tag is a number from 1 to 4094.");
            } else if (nic.getValue() != null && tagInUse(nic.getValue().device(), tag)) {
                p.put(VLAN, "VLAN " + tag + " is already in use on " + nic.getValue().device() + ".");
            }
        }
        return p;
    }

    private boolean tagInUse(String device, long tag) {
        return cache.all(Pif.class).stream().anyMatch(p -> p.int64("VLAN") == tag && device.equals(p.device()));
    }

    @Override
    protected Change change() {
        String n = name.getText().strip();
        Map<String, Object> record = new HashMap<>();
        record.put("name_label", n);
        record.put("name_description", description.getText().strip());
        record.put("MTU", number(mtu));
        record.put("other_config", new HashMap<String, String>());
        record.put("tags", List.of());
        Change c = Change.titled("Creating the network \"" + n + "\"");
        c.step("Creating the network", "network.create", (link, earlier) -> link.call("network.create", record),
                (link, ref) -> link.call("network.destroy", ref));
        if (external.isSelected()) {
            String pif = nic.getValue().ref();
            long tag = number(vlan);
            c.step("Creating VLAN " + tag + " on every server", "pool.create_VLAN_from_PIF",
                    (link, earlier) -> link.call("pool.create_VLAN_from_PIF", pif, earlier.get(0), tag), null);
        }
        return c;
    }
}
