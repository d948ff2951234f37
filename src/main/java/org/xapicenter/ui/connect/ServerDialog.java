package org.xapicenter.ui.connect;

import java.net.URI;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.xapicenter.settings.SavedServer;
import org.xapicenter.xapi.Protocol;

/**
 * Add Server and Edit Server: a friendly name, the address (host, host:port or a URL), the user, the
 * password, whether to remember it (encrypted) and to connect at start-up, and the protocol.
 */
public final class ServerDialog extends Dialog<ServerDialog.Entry> {
    /**
     * What the user entered. {@code password} is empty when editing leaves the saved one as it is.
     */
    public record Entry(String name, String address, URI server, String user, char[] password, boolean rememberPassword,
            boolean connectAtStartup, Protocol protocol) {
        @Override
        public String toString() {
            return "Entry[" + address + ", user=" + user + "]";
        }
    }

    private final TextField name = new TextField();
    private final TextField address = new TextField();
    private final TextField user = new TextField("root");
    private final PasswordField password = new PasswordField();
    private final CheckBox remember = new CheckBox("Remember password (encrypted with your main password)");
    private final CheckBox atStartup = new CheckBox("Connect when XapiCenter starts");
    private final RadioButton xmlRpc = new RadioButton("XML-RPC");
    private final RadioButton jsonRpc = new RadioButton("JSON-RPC");

    /** Add Server. */
    public ServerDialog(Window owner) {
        this(owner, null);
    }

    /** Edit Server when {@code existing} is given (its password is kept unless a new one is typed). */
    public ServerDialog(Window owner, SavedServer existing) {
        if (owner != null) {
            initOwner(owner);
        }
        boolean editing = existing != null;
        setTitle(editing ? "Edit Server" : "Add Server");
        setHeaderText(editing ? "Change how XapiCenter reaches " + existing.displayName()
                : "Connect to a pool coordinator or a standalone server");
        ButtonType ok = new ButtonType(editing ? "Save" : "Connect", ButtonBar.ButtonData.OK_DONE);
        name.setId("add-server-name");
        name.setPromptText("optional, e.g. Production pool");
        address.setId("add-server-address");
        address.setPromptText("host name, IP address or https://host:port");
        address.setPrefColumnCount(28);
        user.setId("add-server-user");
        password.setId("add-server-password");
        remember.setId("add-server-remember");
        atStartup.setId("add-server-startup");
        ToggleGroup protocol = new ToggleGroup();
        xmlRpc.setToggleGroup(protocol);
        jsonRpc.setToggleGroup(protocol);
        // XenCenter talks JSON-RPC to current hosts; XML-RPC stays one click away for old ones.
        jsonRpc.setSelected(true);
        if (editing) {
            name.setText(existing.name());
            address.setText(existing.address());
            user.setText(existing.user());
            password.setPromptText(existing.password() != null ? "unchanged (saved)" : "asked when connecting");
            remember.setSelected(existing.password() != null);
            atStartup.setSelected(existing.connectAtStartup());
            (existing.protocol() == Protocol.XML_RPC ? xmlRpc : jsonRpc).setSelected(true);
        }

        GridPane form = org.xapicenter.ui.theme.Forms.labelledGrid();
        form.addRow(0, new Label("Server:"), address);
        form.addRow(1, new Label("Name:"), name);
        form.addRow(2, new Label("User name:"), user);
        form.addRow(3, new Label("Password:"), password);
        form.add(remember, 1, 4);
        form.add(atStartup, 1, 5);
        form.addRow(6, new Label("Protocol:"), new HBox(16, jsonRpc, xmlRpc));
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        getDialogPane().lookupButton(ok).disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> ServerAddress.parse(address.getText()).isEmpty() || user.getText().isBlank(),
                address.textProperty(), user.textProperty()));
        setResultConverter(b -> b == ok ? entry().orElse(null) : null);
        setOnShown(e -> (editing ? password : address).requestFocus());
    }

    private Optional<Entry> entry() {
        Optional<URI> uri = ServerAddress.parse(address.getText());
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        char[] secret = password.getText().toCharArray();
        password.clear();
        return Optional.of(new Entry(name.getText().strip(), address.getText().strip(), uri.get(), user.getText().strip(),
                secret, remember.isSelected(), atStartup.isSelected(),
                jsonRpc.isSelected() ? Protocol.JSON_RPC : Protocol.XML_RPC));
    }
}
