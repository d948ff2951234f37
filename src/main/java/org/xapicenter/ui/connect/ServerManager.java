package org.xapicenter.ui.connect;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.settings.PasswordVault;
import org.xapicenter.settings.SavedServer;
import org.xapicenter.settings.SealedSecret;
import org.xapicenter.settings.Settings;
import org.xapicenter.settings.SettingsStore;
import org.xapicenter.settings.WrongMainPasswordException;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.trust.PinningTrust;

/**
 * The servers the user keeps: saved ones shown in the tree whether connected or not, connected at
 * start-up when asked, added, edited, removed, connected and disconnected one by one or all at once;
 * their passwords remembered only encrypted (a main password unlocks them); the server's password asked
 * once when it is refused; the same pool refused a second time; and, once connected, the pool's member
 * addresses and certificates remembered for failover. FX thread, except where it says otherwise: the
 * settings file, the vault's key derivation and every call run on the background executor.
 */
public final class ServerManager {
    private static final Logger LOG = LoggerFactory.getLogger(ServerManager.class);

    private final Connections connections;
    private final SettingsStore store;
    private final PinningTrust trust;
    private final Executor background;
    private final Supplier<Window> owner;
    private final Function<ServerLogin, PoolLink> linkFactory;
    /** Which saved server each shown connection is; transient ones (the demo) are absent. */
    private final Map<ConnectionModel, String> savedIds = new HashMap<>();
    /** Connections whose refused password was already asked about: asked once, never in a loop. */
    private final java.util.Set<ConnectionModel> askedAfterRefusal = new java.util.HashSet<>();
    private PasswordVault vault;
    private boolean vaultSkipped;

    public ServerManager(Connections connections, SettingsStore store, PinningTrust trust, Executor background,
            Supplier<Window> owner) {
        this(connections, store, trust, background, owner, PoolConnectionLink::open);
    }

    /** @param linkFactory makes the real link of a login whose settings already carry the trust */
    public ServerManager(Connections connections, SettingsStore store, PinningTrust trust, Executor background,
            Supplier<Window> owner, Function<ServerLogin, PoolLink> linkFactory) {
        this.connections = connections;
        this.store = store;
        this.trust = trust;
        this.background = background;
        this.owner = owner;
        this.linkFactory = linkFactory;
        connections.addStateListener(this::stateChanged);
    }

    public SettingsStore store() {
        return store;
    }

    public PinningTrust trust() {
        return trust;
    }

    /** The saved server behind a shown connection, if it is one. */
    public Optional<SavedServer> savedServer(ConnectionModel model) {
        String id = savedIds.get(model);
        return id == null ? Optional.empty() : store.current().server(id);
    }

    /** Shows every saved server and connects those marked for start-up. Call once, after the window shows. */
    public void showSavedServers() {
        store.loadProblem().ifPresent(problem -> alert(Alert.AlertType.WARNING, "Settings", problem));
        List<ConnectionModel> startNow = new ArrayList<>();
        for (SavedServer s : store.current().servers()) {
            ConnectionModel m = connections.add(new SavedServerLink(s.displayName()));
            savedIds.put(m, s.id());
            if (s.connectAtStartup()) {
                startNow.add(m);
            }
        }
        startNow.forEach(this::connect);
    }

    /** A connection nobody saves (the demo pool, servers given on the command line). */
    public ConnectionModel connectTransient(ServerLogin login) {
        return connections.connect(withTrust(login));
    }

    // ---- actions -----------------------------------------------------------------------------

    /** Add Server: saves the server (its password only if asked, encrypted) and connects. */
    public Optional<ConnectionModel> addServer() {
        Optional<ServerDialog.Entry> entry = new ServerDialog(owner.get()).showAndWait();
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        ServerDialog.Entry e = entry.get();
        SealedSecret sealed = e.rememberPassword() && e.password().length > 0 ? seal(e.password()) : null;
        SavedServer saved = new SavedServer(UUID.randomUUID().toString(), e.name(), e.address(), e.user(), e.protocol(),
                e.connectAtStartup(), List.of(), sealed);
        save(s -> {
            List<SavedServer> all = new ArrayList<>(s.servers());
            all.add(saved);
            return s.withServers(all);
        });
        ConnectionModel placeholder = connections.add(new SavedServerLink(saved.displayName()));
        savedIds.put(placeholder, saved.id());
        ServerLogin login = new ServerLogin(ConnectionSettings.of(e.server(), e.protocol()), e.user(), e.password(),
                saved.displayName());
        return Optional.of(start(placeholder, saved.id(), login));
    }

    /** Edit Server: changes take effect at the next connect. */
    public void edit(ConnectionModel model) {
        Optional<SavedServer> current = savedServer(model);
        if (current.isEmpty()) {
            return;
        }
        SavedServer old = current.get();
        Optional<ServerDialog.Entry> entry = new ServerDialog(owner.get(), old).showAndWait();
        if (entry.isEmpty()) {
            return;
        }
        ServerDialog.Entry e = entry.get();
        SealedSecret sealed = !e.rememberPassword() ? null
                : e.password().length > 0 ? seal(e.password()) : old.password();
        Arrays.fill(e.password(), '\0');
        SavedServer changed = new SavedServer(old.id(), e.name(), e.address(), e.user(), e.protocol(), e.connectAtStartup(),
                old.members(), sealed);
        save(s -> s.withServers(s.servers().stream().map(x -> x.id().equals(old.id()) ? changed : x).toList()));
        if (model.state() == ConnectionState.DISCONNECTED || model.state() == ConnectionState.FAILED) {
            ConnectionModel fresh = connections.replace(model, new SavedServerLink(changed.displayName()));
            savedIds.remove(model);
            savedIds.put(fresh, changed.id());
        }
    }

    /** Remove: disconnects and forgets the server (its pinned certificates stay: they are the host's). */
    public void remove(ConnectionModel model) {
        String id = savedIds.remove(model);
        connections.remove(model);
        if (id != null) {
            save(s -> s.withServers(s.servers().stream().filter(x -> !x.id().equals(id)).toList()));
        }
    }

    /** Connect a saved server shown as disconnected (or failed): asks what it needs, then connects. */
    public void connect(ConnectionModel model) {
        Optional<SavedServer> saved = savedServer(model);
        if (saved.isEmpty()) {
            return;
        }
        SavedServer s = saved.get();
        Optional<URI> uri = ServerAddress.parse(s.address());
        if (uri.isEmpty()) {
            alert(Alert.AlertType.ERROR, "Connect", "The saved address \"" + s.address() + "\" is not an address.");
            return;
        }
        char[] password = savedPassword(s);
        if (password == null) {
            password = new PasswordDialog(owner.get(), s.displayName(), s.user(), null).showAndWait().orElse(null);
            if (password == null) {
                return;
            }
        }
        ServerLogin login = new ServerLogin(ConnectionSettings.of(uri.get(), s.protocol()), s.user(), password, s.displayName());
        start(model, s.id(), login);
    }

    /** Disconnect: a saved server stays in the tree as disconnected; a transient one leaves it. */
    public void disconnect(ConnectionModel model) {
        String id = savedIds.remove(model);
        askedAfterRefusal.remove(model);
        if (id == null) {
            connections.remove(model);
            return;
        }
        String name = store.current().server(id).map(SavedServer::displayName).orElse(model.link().label());
        ConnectionModel dormant = connections.replace(model, new SavedServerLink(name));
        savedIds.put(dormant, id);
    }

    public void connectAll() {
        for (ConnectionModel m : List.copyOf(connections.all())) {
            if (savedIds.containsKey(m) && (m.state() == ConnectionState.DISCONNECTED || m.state() == ConnectionState.FAILED)) {
                connect(m);
            }
        }
    }

    public void disconnectAll() {
        for (ConnectionModel m : List.copyOf(connections.all())) {
            if (m.state() != ConnectionState.DISCONNECTED || !savedIds.containsKey(m)) {
                disconnect(m);
            }
        }
    }

    /** Forgets the key of the open vault (the window is closing). */
    public void close() {
        if (vault != null) {
            vault.close();
            vault = null;
        }
    }

    // ---- inside ------------------------------------------------------------------------------

    private ConnectionModel start(ConnectionModel placeholder, String id, ServerLogin login) {
        // The user asked for this connection: a certificate refused earlier may be asked about again.
        trust.forgetRefusals();
        PoolLink link;
        try {
            link = linkFactory.apply(withTrust(login));
        } finally {
            // The connection keeps its own copy; the typed or unsealed one should not linger.
            Arrays.fill(login.password(), '\0');
        }
        ConnectionModel m = connections.replace(placeholder, link);
        savedIds.remove(placeholder);
        askedAfterRefusal.remove(placeholder);
        savedIds.put(m, id);
        return m;
    }

    private ServerLogin withTrust(ServerLogin login) {
        ConnectionSettings s = login.settings();
        if ("https".equalsIgnoreCase(s.server().getScheme()) && s.sslContext() == null) {
            s = s.withSslContext(trust.sslContext());
        }
        return new ServerLogin(s, login.user(), login.password(), login.name());
    }

    private void stateChanged(ConnectionModel model) {
        if (!connections.all().contains(model)) {
            return;
        }
        if (model.state() == ConnectionState.CONNECTED) {
            askedAfterRefusal.remove(model);
            if (refuseDuplicate(model)) {
                return;
            }
            rememberPool(model);
        } else if (model.state() == ConnectionState.FAILED && model.link().passwordRefused()
                && savedIds.containsKey(model) && askedAfterRefusal.add(model)) {
            // Asked once per refusal, after this change has been drawn.
            Platform.runLater(() -> askPasswordAgain(model));
        }
    }

    /** The same pool reached twice (two members' addresses, say) is refused with a clear message. */
    private boolean refuseDuplicate(ConnectionModel model) {
        Optional<String> uuid = model.link().poolUuid();
        if (uuid.isEmpty()) {
            return false;
        }
        for (ConnectionModel other : connections.all()) {
            if (other != model && other.state() == ConnectionState.CONNECTED && uuid.equals(other.link().poolUuid())) {
                String pool = poolName(other);
                LOG.info("Pool {} reached twice; the second connection ({}) is closed", pool, model.link().label());
                disconnect(model);
                alert(Alert.AlertType.INFORMATION, "Already Connected",
                        "The pool " + pool + " is already connected as " + other.link().label() + ".");
                return true;
            }
        }
        return false;
    }

    private static String poolName(ConnectionModel m) {
        return m.link().cache().all(org.xapicenter.xapi.record.Pool.class).stream()
                .map(p -> p.nameLabel() == null || p.nameLabel().isBlank() ? "(unnamed pool)" : "\"" + p.nameLabel() + "\"")
                .findFirst().orElse("(unnamed pool)");
    }

    /** Saves the pool's member addresses for failover and pins its hosts' certificates, in the background. */
    private void rememberPool(ConnectionModel model) {
        String id = savedIds.get(model);
        PoolLink link = model.link();
        background.execute(() -> {
            try {
                XapiSession s = link.transferSession();
                if ("https".equalsIgnoreCase(s.settings().server().getScheme())) {
                    trust.learnPoolCertificates(s);
                }
            } catch (IOException | org.xapicenter.xapi.XapiException | RuntimeException e) {
                LOG.info("Could not read the certificates of {}'s hosts: {}", link.label(), e.toString());
            }
            List<String> members = link.knownMembers();
            if (id != null && !members.isEmpty()) {
                saveQuietly(s -> s.withServers(s.servers().stream()
                        .map(x -> x.id().equals(id) && !x.members().equals(members) ? x.withMembers(members) : x).toList()));
            }
        });
    }

    private void askPasswordAgain(ConnectionModel model) {
        if (!connections.all().contains(model) || model.state() != ConnectionState.FAILED) {
            return;
        }
        Optional<SavedServer> saved = savedServer(model);
        if (saved.isEmpty()) {
            return; // a transient connection (the demo): nothing to log in again with
        }
        String name = model.link().label();
        String user = saved.get().user();
        Optional<char[]> typed = new PasswordDialog(owner.get(), name, user,
                FriendlyErrors.get().describe(model.link().lastError())).showAndWait();
        if (typed.isEmpty()) {
            return; // stays FAILED with its sentence
        }
        SavedServer s = saved.get();
        if (s.password() != null && vault != null) {
            SealedSecret resealed = seal(typed.get());
            save(x -> x.withServers(x.servers().stream().map(y -> y.id().equals(s.id()) ? y.withPassword(resealed) : y).toList()));
        }
        ServerAddress.parse(s.address()).ifPresent(uri -> start(model, s.id(),
                new ServerLogin(ConnectionSettings.of(uri, s.protocol()), s.user(), typed.get(), s.displayName())));
    }

    /** The remembered password, unlocking the vault first if needed; null when there is none to use. */
    private char[] savedPassword(SavedServer s) {
        if (s.password() == null || !unlockVault()) {
            return null;
        }
        try {
            return vault.open(s.password());
        } catch (IllegalStateException e) {
            LOG.warn("The remembered password of {} cannot be read: {}", s.displayName(), e.getMessage());
            return null;
        }
    }

    /** Opens the vault with the main password (asked once per run; Skip means ask servers' passwords). */
    private boolean unlockVault() {
        if (vault != null) {
            return true;
        }
        Settings now = store.current();
        if (now.vault() == null || vaultSkipped) {
            return false;
        }
        String problem = null;
        while (true) {
            Optional<char[]> main = new MainPasswordDialog(owner.get(), MainPasswordDialog.Mode.UNLOCK, problem).showAndWait();
            if (main.isEmpty()) {
                vaultSkipped = true;
                return false;
            }
            try {
                char[] typed = main.get();
                vault = offFxThread(() -> PasswordVault.unlock(now.vault(), typed));
                return true;
            } catch (WrongMainPasswordException e) {
                problem = e.getMessage();
            } finally {
                Arrays.fill(main.get(), '\0');
            }
        }
    }

    /** Seals a password, creating the vault (a main password chosen now) the first time; null if declined. */
    private SealedSecret seal(char[] password) {
        if (vault == null) {
            if (store.current().vault() != null) {
                vaultSkipped = false;
                if (!unlockVault()) {
                    return null;
                }
            } else {
                Optional<char[]> main = new MainPasswordDialog(owner.get(), MainPasswordDialog.Mode.CHOOSE, null).showAndWait();
                if (main.isEmpty()) {
                    return null;
                }
                try {
                    char[] typed = main.get();
                    vault = offFxThread(() -> PasswordVault.create(typed));
                } catch (WrongMainPasswordException impossible) {
                    return null;
                } finally {
                    Arrays.fill(main.get(), '\0');
                }
                PasswordVault created = vault;
                save(s -> s.withVault(created.header()));
            }
        }
        return vault.seal(password);
    }

    /** Work that derives a key (half a second): the dialog flow waits for it, the window keeps drawing. */
    private interface KeyWork<T> {
        T run() throws WrongMainPasswordException;
    }

    private <T> T offFxThread(KeyWork<T> work) throws WrongMainPasswordException {
        java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
        background.execute(() -> {
            try {
                done.complete(work.run());
            } catch (WrongMainPasswordException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        if (Platform.isFxApplicationThread()) {
            // A nested event loop, as a modal dialog has: events and repaints go on while we wait.
            Object key = new Object();
            done.whenComplete((v, e) -> Platform.runLater(() -> Platform.exitNestedEventLoop(key, null)));
            Platform.enterNestedEventLoop(key);
        }
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof WrongMainPasswordException w) {
                throw w;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void save(java.util.function.UnaryOperator<Settings> change) {
        background.execute(() -> {
            try {
                store.update(change);
            } catch (IOException e) {
                Platform.runLater(() -> alert(Alert.AlertType.ERROR, "Settings",
                        "The settings could not be saved to " + store.file() + ": " + FriendlyErrors.get().describe(e)));
            }
        });
    }

    private void saveQuietly(java.util.function.UnaryOperator<Settings> change) {
        try {
            store.update(change);
        } catch (IOException e) {
            LOG.warn("Settings not saved: {}", e.toString());
        }
    }

    private void alert(Alert.AlertType type, String title, String text) {
        Alert a = new Alert(type, text, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(null);
        a.getDialogPane().setId("server-message");
        if (owner.get() != null) {
            a.initOwner(owner.get());
        }
        a.show();
    }
}
