package org.xapicenter.ui.connect;

import java.net.URI;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/** Add Server: address, user, password and the RPC encoding; returns what to connect to. */
public final class AddServerDialog extends Dialog<ServerLogin> {
    private final TextField address = new TextField();
    private final TextField user = new TextField("root");
    private final PasswordField password = new PasswordField();
    private final RadioButton xmlRpc = new RadioButton("XML-RPC");
    private final RadioButton jsonRpc = new RadioButton("JSON-RPC");
    private final ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    public AddServerDialog(Window owner) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Add Server");
        setHeaderText("Connect to a pool coordinator or a standalone server");
        address.setId("add-server-address");
        address.setPromptText("host name, IP address or https://host:port");
        address.setPrefColumnCount(26);
        user.setId("add-server-user");
        password.setId("add-server-password");
        ToggleGroup protocol = new ToggleGroup();
        xmlRpc.setToggleGroup(protocol);
        jsonRpc.setToggleGroup(protocol);
        // XenCenter talks JSON-RPC to current hosts; XML-RPC stays one click away for old ones.
        jsonRpc.setSelected(true);

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        form.setPadding(new Insets(16, 20, 8, 20));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        form.addRow(0, new Label("Server:"), address);
        form.addRow(1, new Label("User name:"), user);
        form.addRow(2, new Label("Password:"), password);
        form.addRow(3, new Label("Protocol:"), new HBox(16, jsonRpc, xmlRpc));
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        getDialogPane().lookupButton(connect).disableProperty().bind(
                address.textProperty().map(t -> ServerAddress.parse(t).isEmpty())
                        .orElse(true));
        setResultConverter(b -> b == connect ? login().orElse(null) : null);
        setOnShown(e -> address.requestFocus());
    }

    private Optional<ServerLogin> login() {
        Optional<URI> uri = ServerAddress.parse(address.getText());
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        Protocol p = jsonRpc.isSelected() ? Protocol.JSON_RPC : Protocol.XML_RPC;
        char[] secret = password.getText().toCharArray();
        password.clear();
        return Optional.of(new ServerLogin(ConnectionSettings.of(uri.get(), p), user.getText().strip(), secret));
    }
}
