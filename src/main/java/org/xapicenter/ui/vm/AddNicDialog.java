package org.xapicenter.ui.vm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.props.EditDialog;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.ui.theme.Forms;
import org.xapicenter.xapi.record.Network;
import org.xapicenter.xapi.record.Vif;
import org.xapicenter.xapi.record.Vm;

/** A new virtual NIC on a network, with a MAC address of the user's or one the server generates. */
public final class AddNicDialog extends EditDialog {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private final Vm vm;
    private final ObjectCache cache;
    private final ComboBox<Network> network = new ComboBox<>();
    private final TextField mac = new TextField();

    public AddNicDialog(Window owner, ActionRunner runner, ConnectionModel connection, Vm vm) {
        super(owner, "Add Network Interface", "New network interface for \"" + vm.nameLabel() + "\"", "Add", runner, connection);
        this.vm = vm;
        this.cache = connection.link().cache();
        getDialogPane().setId("add-nic");
        network.setId("nic-network");
        mac.setId("nic-mac");
        mac.setPromptText("Leave empty for a generated address");
        network.getItems().setAll(cache.all(Network.class).stream()
                .filter(n -> !n.otherConfig().containsKey("is_host_internal_management_network"))
                .sorted(java.util.Comparator.comparing(Network::nameLabel)).toList());
        network.setConverter(shownAs(Network::nameLabel));
        if (!network.getItems().isEmpty()) {
            network.setValue(network.getItems().get(0));
        }
        GridPane form = Forms.labelledGrid();
        field(form, "Network:", network, "Network");
        field(form, "MAC address:", mac, "MAC");
        mac.setPrefColumnCount(24);
        setForm(form);
    }

    @Override
    protected Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (network.getValue() == null) {
            p.put("Network", "Choose a network.");
        }
        String m = mac.getText().strip();
        if (!m.isEmpty() && !MAC.matcher(m).matches()) {
            p.put("MAC", "A MAC address is six pairs of hex digits, e.g. 02:16:3e:12:34:56.");
        } else if (!m.isEmpty() && (Integer.parseInt(m.substring(0, 2), 16) & 1) == 1) {
            p.put("MAC", "That is a multicast address; a NIC needs a unicast one (even first byte).");
        }
        return p;
    }

    /** The lowest device number the VM does not use yet, as XenCenter picks it. */
    private String nextDevice() {
        java.util.Set<String> used = new java.util.HashSet<>();
        Refs.all(cache, vm.vifs(), Vif.class).forEach(v -> used.add(v.device()));
        int d = 0;
        while (used.contains(Integer.toString(d))) {
            d++;
        }
        return Integer.toString(d);
    }

    @Override
    protected Change change() {
        Map<String, Object> vif = new HashMap<>();
        vif.put("device", nextDevice());
        vif.put("network", network.getValue().ref());
        vif.put("VM", vm.ref());
        vif.put("MAC", mac.getText().strip().toLowerCase(java.util.Locale.ROOT));
        vif.put("MTU", network.getValue().mtu() > 0 ? network.getValue().mtu() : 1500L);
        vif.put("other_config", new HashMap<String, String>());
        vif.put("qos_algorithm_type", "");
        vif.put("qos_algorithm_params", new HashMap<String, String>());
        Change c = Change.titled("Adding a network interface on \"" + network.getValue().nameLabel() + "\" to \"" + vm.nameLabel() + "\"");
        c.step("Creating the interface", "VIF.create", (link, earlier) -> link.call("VIF.create", vif), (link, ref) -> link.call("VIF.destroy", ref));
        if (VmRows.live(vm)) {
            c.step("Plugging it in", "VIF.plug", (link, earlier) -> link.call("VIF.plug", earlier.get(0)), null);
        }
        return c;
    }
}
