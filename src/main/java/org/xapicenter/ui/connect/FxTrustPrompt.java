package org.xapicenter.ui.connect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Window;
import org.xapicenter.xapi.trust.TrustPrompt;
import org.xapicenter.xapi.trust.TrustQuestion;

/**
 * The window's answer to a certificate question: the {@link CertificateDialog}, shown on the FX thread
 * while the handshake's thread waits. Never asked on the FX thread itself (no handshake runs there);
 * if it were, it refuses rather than freeze the window.
 */
public final class FxTrustPrompt implements TrustPrompt {
    private final Supplier<Window> owner;

    public FxTrustPrompt(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean accept(TrustQuestion question) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            return false;
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(new CertificateDialog(owner.get(), question).showAndWait().orElse(false));
            } catch (RuntimeException e) {
                answer.complete(false);
            }
        });
        try {
            return answer.get();
        } catch (ExecutionException e) {
            return false;
        }
    }
}
