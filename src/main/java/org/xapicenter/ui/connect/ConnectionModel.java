package org.xapicenter.ui.connect;

import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.ui.live.FxCacheBridge;

/** One connection as the window shows it: its state and friendly error, observable on the FX thread. */
public final class ConnectionModel {
    private final PoolLink link;
    private final FxCacheBridge bridge;
    private final ReadOnlyObjectWrapper<ConnectionState> state;
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper("");

    public ConnectionModel(PoolLink link, FxCacheBridge bridge, Executor fx) {
        this.link = link;
        this.bridge = bridge;
        this.state = new ReadOnlyObjectWrapper<>(ConnectionState.DISCONNECTED);
        // One Runnable for every change, so a shared pulse runs it once however often the state flips.
        Runnable refresh = this::refreshState;
        link.addStateListener(s -> fx.execute(refresh));
        refreshState(); // the link may have moved on before we listened
    }

    private static ConnectionState safeState(PoolLink link) {
        try {
            return link.state();
        } catch (RuntimeException e) {
            return ConnectionState.DISCONNECTED;
        }
    }

    /** Re-reads state and error from the link. FX thread. */
    public void refreshState() {
        ConnectionState s = safeState(link);
        Exception error = null;
        try {
            error = link.lastError();
        } catch (RuntimeException e) {
            // a link that cannot say why it failed still has a state worth showing
        }
        errorText.set(error == null || s == ConnectionState.CONNECTED ? "" : FriendlyErrors.get().describe(error));
        state.set(s);
    }

    public PoolLink link() {
        return link;
    }

    public FxCacheBridge bridge() {
        return bridge;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ConnectionState state() {
        return state.get();
    }

    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }
}
