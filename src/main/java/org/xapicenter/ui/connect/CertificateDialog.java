package org.xapicenter.ui.connect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.xapicenter.xapi.trust.CertificateFacts;
import org.xapicenter.xapi.trust.TrustQuestion;

/**
 * Shows a server certificate to judge: on first use "Trust this certificate?", when it changed a
 * warning with the old and new fingerprints whose default keeps the server blocked.
 */
public final class CertificateDialog extends Dialog<Boolean> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withZone(ZoneId.systemDefault());

    public CertificateDialog(Window owner, TrustQuestion q) {
        if (owner != null) {
            initOwner(owner);
        }
        CertificateFacts c = q.presented();
        boolean changed = q.changed();
        setTitle(changed ? "Certificate Changed" : "New Server Certificate");
        setHeaderText(changed ? "The certificate of " + q.hostKey() + " has changed"
                : "Trust the certificate of " + q.hostKey() + "?");
        getDialogPane().setId(changed ? "certificate-changed" : "certificate-new");

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, values);
        int row = 0;
        grid.addRow(row++, new Label("Server:"), new Label(q.host() + ", port " + q.port()));
        grid.addRow(row++, new Label("Subject:"), wrap(c.subject()));
        grid.addRow(row++, new Label("Issued by:"), wrap(c.issuer()));
        grid.addRow(row++, new Label("Valid from:"), new Label(WHEN.format(c.notBefore())));
        Label until = new Label(WHEN.format(c.notAfter()) + (c.notAfter().isBefore(Instant.now()) ? "  (expired)" : ""));
        if (c.notAfter().isBefore(Instant.now())) {
            until.getStyleClass().add("danger");
        }
        grid.addRow(row++, new Label("Valid until:"), until);
        grid.addRow(row++, new Label(changed ? "New SHA-256:" : "SHA-256:"), fingerprint(c.fingerprintText(), "certificate-sha256"));
        if (changed) {
            grid.addRow(row++, new Label("Trusted SHA-256:"),
                    fingerprint(CertificateFacts.fingerprintText(q.previous().sha256()), "certificate-old-sha256"));
        }
        Label advice = new Label(changed
                ? "This is expected after the host's certificate was renewed or the host reinstalled. It is also what "
                        + "someone intercepting the connection would show. Until you trust the new certificate, nothing is "
                        + "sent to this server. Compare the fingerprint with the one the host reports (on its console: "
                        + "openssl x509 -noout -fingerprint -sha256 -in /etc/xensource/xapi-ssl.pem) before you trust it."
                : "The server presented a certificate no authority this computer trusts vouches for: hosts use a "
                        + "self-signed certificate unless one was installed. Compare the fingerprint with the one the host reports "
                        + "(on its console: openssl x509 -noout -fingerprint -sha256 -in /etc/xensource/xapi-ssl.pem) before "
                        + "you trust it. XapiCenter remembers your answer for this server.");
        advice.setWrapText(true);
        advice.setMaxWidth(580);
        if (changed) {
            advice.getStyleClass().add("warning");
        }
        VBox box = new VBox(14, advice, grid);
        box.setPadding(new Insets(16, 20, 8, 20));
        box.setPrefWidth(620);
        getDialogPane().setContent(box);
        ButtonType trust = new ButtonType(changed ? "Trust the New Certificate" : "Trust and Connect", ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(changed ? "Keep Blocked" : "Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        getDialogPane().getButtonTypes().addAll(trust, no);
        // The safe answer is the default: Enter does not trust a changed certificate by accident.
        ((javafx.scene.control.Button) getDialogPane().lookupButton(trust)).setDefaultButton(!changed);
        ((javafx.scene.control.Button) getDialogPane().lookupButton(no)).setDefaultButton(changed);
        getDialogPane().lookupButton(trust).setId("certificate-trust");
        getDialogPane().lookupButton(no).setId("certificate-refuse");
        setResultConverter(b -> b == trust);
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    /** The 32 bytes in two rows of 16, monospace, so all of it shows and reads pair by pair. */
    private static Label fingerprint(String text, String id) {
        int half = text.length() / 2 + 1; // after the 16th pair's colon
        Label f = new Label(text.length() > 60 ? text.substring(0, half) + "\n" + text.substring(half) : text);
        f.setId(id);
        f.setStyle("-fx-font-family: monospace;");
        f.setMinWidth(Label.USE_PREF_SIZE);
        return f;
    }
}
