package org.xapicenter.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.VmAction;
import org.xapicenter.ui.actions.VmActionsModel;
import org.xapicenter.ui.alerts.AlertsModel;
import org.xapicenter.ui.alerts.AlertsView;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.console.ConsoleView;
import org.xapicenter.ui.general.GeneralView;
import org.xapicenter.ui.live.FxCacheBridge;
import org.xapicenter.ui.live.FxPulse;
import org.xapicenter.ui.perf.ChartFxTimeChart;
import org.xapicenter.ui.perf.ConnectionMetrics;
import org.xapicenter.ui.perf.PerformanceModel;
import org.xapicenter.ui.perf.PerformanceView;
import org.xapicenter.ui.tasks.EventsModel;
import org.xapicenter.ui.tasks.EventsView;
import org.xapicenter.ui.theme.Icons;
import org.xapicenter.ui.theme.Theme;
import org.xapicenter.ui.tree.NavigationTreeModel;
import org.xapicenter.ui.tree.NavigationView;
import org.xapicenter.ui.xva.XvaMenus;

/**
 * The main window's content: menu and toolbar on top, the navigation tree left, the selected
 * object's tabs right, Events and Alerts below. It wires the feature views to their models.
 */
public final class MainWindow extends BorderPane {
    private final Connections connections;
    private final Theme theme;
    private final NavigationTreeModel treeModel;
    private final NavigationView navigation;
    private final EventsModel events;
    private final AlertsModel alerts;
    private final VmActionsModel actions;
    private final ActionRunner runner;
    private final TabPane objectTabs = new TabPane();
    private final Tab generalTab;
    private final PropertyTabs propertyTabs;
    private final StackPane detail = new StackPane();
    private final Node noServers;
    private final Node noSelection;
    private final ConsoleView console;
    private final Tab consoleTab;
    private final ConnectionMetrics metrics;
    private final PerformanceModel performanceModel;
    private final PerformanceView performance;
    private final Tab performanceTab;
    private final XvaMenus xva;
    private final CheckMenuItem showTemplates = new CheckMenuItem("Show templates");
    /** Saved servers and their actions; null until the app hands it over (tests may run without). */
    private org.xapicenter.ui.connect.ServerManager servers;
    private final MenuItem connectItem = new MenuItem("Connect", Icons.icon(Material2AL.LINK));
    private final MenuItem editItem = new MenuItem("Edit Server…", Icons.icon(Material2AL.EDIT));
    private final MenuItem removeItem = new MenuItem("Remove Server", Icons.icon(Material2AL.DELETE_OUTLINE));
    private final MenuItem connectAllItem = new MenuItem("Connect All");
    private final MenuItem disconnectAllItem = new MenuItem("Disconnect All");

    public MainWindow(Connections connections, Theme theme, Executor background) {
        this.connections = connections;
        this.theme = theme;
        getStyleClass().add("main-window");
        treeModel = new NavigationTreeModel(connections);
        events = new EventsModel(connections);
        alerts = new AlertsModel(connections);
        runner = new ActionRunner(events, background, connections.fx());

        ContextMenu vmMenu = new ContextMenu();
        vmMenu.setId("vm-context-menu");
        MenuItem disconnect = new MenuItem("Disconnect", Icons.icon(Material2AL.LINK_OFF));
        disconnect.setId("menu-disconnect");
        connectItem.setId("menu-connect");
        editItem.setId("menu-edit-server");
        removeItem.setId("menu-remove-server");
        connectAllItem.setId("menu-connect-all");
        disconnectAllItem.setId("menu-disconnect-all");
        ContextMenu serverMenu = new ContextMenu(connectItem, disconnect, new SeparatorMenuItem(), editItem, removeItem);
        serverMenu.setOnShowing(e -> updateServerItems());
        connectItem.setOnAction(e -> onSelectedConnection(m -> servers.connect(m)));
        editItem.setOnAction(e -> onSelectedConnection(m -> servers.edit(m)));
        removeItem.setOnAction(e -> onSelectedConnection(m -> servers.remove(m)));
        connectAllItem.setOnAction(e -> {
            if (servers != null) {
                servers.connectAll();
            }
        });
        disconnectAllItem.setOnAction(e -> {
            if (servers != null) {
                servers.disconnectAll();
            } else {
                java.util.List.copyOf(connections.all()).forEach(connections::remove);
            }
        });
        navigation = new NavigationView(treeModel, vmMenu, serverMenu);
        xva = new XvaMenus(connections, treeModel, navigation, events, runner, background,
                () -> getScene() == null ? null : getScene().getWindow());
        serverMenu.getItems().addAll(0, java.util.List.of(xva.importItem("menu-server-import"), new SeparatorMenuItem()));
        disconnect.setOnAction(e -> {
            var n = navigation.selectionProperty().get();
            if (n != null && servers != null) {
                servers.disconnect(n.connection());
            } else if (n != null) {
                connections.remove(n.connection());
            }
        });
        // "reconnecting in N s" counts down: the rows are redrawn once a second, only while one waits.
        javafx.animation.Timeline countdown = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(1), e -> {
                    if (connections.all().stream().anyMatch(m -> m.state() == org.xapicenter.cache.ConnectionState.RECONNECTING)) {
                        navigation.refreshRows();
                    }
                }));
        countdown.setCycleCount(javafx.animation.Animation.INDEFINITE);
        countdown.play();
        actions = new VmActionsModel(connections, navigation.selectionProperty());
        for (VmAction a : VmAction.values()) {
            if (a == VmAction.SUSPEND || a == VmAction.FORCE_SHUT_DOWN) {
                vmMenu.getItems().add(new SeparatorMenuItem());
            }
            vmMenu.getItems().add(actionItem(a));
        }
        MenuItem vmProperties = new MenuItem("Properties…", Icons.icon(Material2AL.EDIT));
        vmProperties.setId("menu-vm-properties");
        vmProperties.setOnAction(e -> {
            var n = navigation.selectionProperty().get();
            if (n != null && n.kind() == org.xapicenter.ui.tree.NavKind.VM) {
                org.xapicenter.ui.vm.VmTabs.properties(new org.xapicenter.ui.props.TabContext(runner,
                        () -> getScene() == null ? null : getScene().getWindow()), n, null);
            }
        });
        vmMenu.getItems().addAll(new SeparatorMenuItem(), xva.exportItem("menu-vm-export"), new SeparatorMenuItem(), vmProperties);

        Button addFirst = new Button("Add a server…", Icons.icon(Material2AL.ADD));
        addFirst.getStyleClass().add("accent");
        addFirst.setId("add-first-server");
        addFirst.setOnAction(e -> addServer());
        noServers = new EmptyState(Material2MZ.STORAGE, "No servers yet",
                "Add a pool coordinator or a standalone XCP-ng / XenServer host to see its pool, servers and VMs.",
                addFirst);
        noSelection = new EmptyState(Material2AL.ACCOUNT_TREE, "Nothing selected",
                "Select a pool, server, VM, storage repository or network on the left to see its properties.", null);

        GeneralView generalView = new GeneralView(connections, navigation.selectionProperty());
        generalTab = new Tab("General", generalView);
        generalTab.setId("general-tab");
        generalTab.setClosable(false);
        objectTabs.getTabs().add(generalTab);
        propertyTabs = new PropertyTabs(new org.xapicenter.ui.props.TabContext(runner,
                () -> getScene() == null ? null : getScene().getWindow()));
        generalView.setActions(propertyTabs::generalActions);
        generalView.addExtra(PropertyTabs::showsServers, org.xapicenter.ui.storage.SrTabs.hosts());
        objectTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showSelectedTab());
        objectTabs.setId("object-tabs");
        objectTabs.getStyleClass().add("object-tabs");

        // The console's frames reach the FX thread through a pacer of its own: at most one a frame.
        console = new ConsoleView(navigation.selectionProperty(), background,
                new FxPulse(Platform::runLater, FxCacheBridge.FRAME));
        consoleTab = new Tab("Console", console);
        consoleTab.setId("console-tab");
        consoleTab.setGraphic(Icons.icon(Material2MZ.TV));
        consoleTab.setClosable(false);
        consoleTab.selectedProperty().addListener((o, was, now) -> updateConsole());
        // Graphs fetch only while their tab is on screen; data reaches the FX thread a few times a second.
        metrics = new ConnectionMetrics(connections);
        performanceModel = new PerformanceModel(metrics,
                new FxPulse(Platform::runLater, java.time.Duration.ofMillis(250)), System::currentTimeMillis);
        performance = new PerformanceView(performanceModel, ChartFxTimeChart::new, background);
        performanceTab = new Tab("Performance", performance);
        performanceTab.setId("perf-tab");
        performanceTab.setGraphic(Icons.icon(Material2MZ.SHOW_CHART));
        performanceTab.setClosable(false);
        performanceTab.selectedProperty().addListener((o, was, now) -> updatePerformance());
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((w, a, window) -> {
                    if (window != null) {
                        window.showingProperty().addListener((s, b, showing) -> {
                            updateConsole();
                            updatePerformance();
                        });
                    }
                    updateConsole();
                    updatePerformance();
                });
            }
        });
        connections.addBatchListener((c, batch) -> {
            var n = navigation.selectionProperty().get();
            if (n != null && n.connection() == c) {
                console.refresh();
                performanceModel.refresh();
                showSelectedTab(batch);
            }
        });

        navigation.selectionProperty().addListener((o, was, now) -> updateDetail());
        connections.all().addListener((ListChangeListener<ConnectionModel>) c -> {
            // A first server gets selected, so the right side shows it connecting, then its pool.
            while (c.next()) {
                if (c.wasAdded() && navigation.selectionProperty().get() == null) {
                    ConnectionModel first = c.getAddedSubList().get(0);
                    Platform.runLater(() -> {
                        var item = treeModel.find(first, null);
                        if (navigation.selectionProperty().get() == null && item != null) {
                            navigation.select(item);
                        }
                    });
                }
            }
            updateDetail();
        });
        updateDetail();

        SplitPane top = new SplitPane(navigation, detail);
        top.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(navigation, false);
        navigation.setMinWidth(220);

        TabPane notifications = new TabPane();
        notifications.setId("notifications");
        notifications.getStyleClass().add("notifications");
        Tab eventsTab = new Tab("Events", new EventsView(events, runner));
        eventsTab.setGraphic(Icons.icon(Material2AL.LIST_ALT));
        eventsTab.setClosable(false);
        Tab alertsTab = new Tab("Alerts", new AlertsView(alerts));
        alertsTab.setGraphic(Icons.icon(Material2MZ.NOTIFICATIONS_NONE));
        alertsTab.setClosable(false);
        alertsTab.textProperty().bind(Bindings.size(alerts.alerts()).map(n -> n.intValue() == 0 ? "Alerts" : "Alerts (" + n + ")"));
        notifications.getTabs().addAll(eventsTab, alertsTab);
        notifications.setMinHeight(120);

        SplitPane main = new SplitPane(top, notifications);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.66);
        SplitPane.setResizableWithParent(notifications, false);

        setTop(new VBox(menuBar(), toolBar()));
        setCenter(main);
    }

    private void updateDetail() {
        Node wanted = connections.all().isEmpty() ? noServers
                : navigation.selectionProperty().get() == null ? noSelection : objectTabs;
        if (detail.getChildren().size() != 1 || detail.getChildren().get(0) != wanted) {
            detail.getChildren().setAll(wanted);
        }
        // General, the object's own tabs, then (VMs and servers) Console and Performance.
        var n = navigation.selectionProperty().get();
        boolean wantsConsole = n != null && (n.kind() == org.xapicenter.ui.tree.NavKind.VM
                || n.kind() == org.xapicenter.ui.tree.NavKind.HOST);
        java.util.List<Tab> tabs = new java.util.ArrayList<>();
        tabs.add(generalTab);
        for (org.xapicenter.ui.props.ObjectTab t : propertyTabs.all()) {
            if (t.appliesTo(n)) {
                tabs.add(t.tab());
            }
        }
        if (wantsConsole) {
            tabs.add(consoleTab);
            tabs.add(performanceTab);
        }
        if (!tabs.equals(objectTabs.getTabs())) {
            // Moving between objects of one kind keeps the tab the user looks at (as XenCenter does).
            Tab selected = objectTabs.getSelectionModel().getSelectedItem();
            String title = selected == null ? null : selected.getText();
            objectTabs.getTabs().setAll(tabs);
            tabs.stream().filter(t -> t.getText().equals(title)).findFirst()
                    .ifPresentOrElse(t -> objectTabs.getSelectionModel().select(t),
                            () -> objectTabs.getSelectionModel().select(generalTab));
        }
        showSelectedTab();
        updateConsole();
        performanceModel.setSelection(n);
        updatePerformance();
    }

    /** The properties tab on screen shows the selection again (only that one: the others catch up when chosen). */
    private void showSelectedTab() {
        showSelectedTab(null);
    }

    /** @param batch the changes that call for it, or null for a new selection or tab */
    private void showSelectedTab(org.xapicenter.cache.CacheBatch batch) {
        if (propertyTabs == null) {
            return;
        }
        Tab selected = objectTabs.getSelectionModel().getSelectedItem();
        var n = navigation.selectionProperty().get();
        for (org.xapicenter.ui.props.ObjectTab t : propertyTabs.all()) {
            if (t.tab() == selected && t.appliesTo(n)) {
                if (batch == null) {
                    t.show(n);
                } else {
                    t.show(n, batch);
                }
            }
        }
    }

    /** Selects the tab with this title, if the selection has one. */
    public void showTab(String title) {
        objectTabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> objectTabs.getSelectionModel().select(t));
    }

    /** The properties tabs (tests read what they show). */
    public java.util.List<org.xapicenter.ui.props.ObjectTab> propertyTabs() {
        return propertyTabs.all();
    }

    /** The console session runs only while its tab is on screen. */
    private void updateConsole() {
        boolean showing = getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
        console.setActive(showing && consoleTab.isSelected() && objectTabs.getTabs().contains(consoleTab)
                && detail.getChildren().contains(objectTabs));
    }

    /** The graphs fetch only while their tab is on screen. */
    private void updatePerformance() {
        if (performanceModel == null) {
            return; // the scene arrived before the constructor got this far
        }
        boolean showing = getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
        performanceModel.setActive(showing && performanceTab.isSelected() && objectTabs.getTabs().contains(performanceTab)
                && detail.getChildren().contains(objectTabs));
    }

    /** Stops every graph's fetchers and their threads (the window is closing). */
    public void closePerformance() {
        performanceModel.close();
        metrics.close();
    }

    /** Shows the Performance tab of the selected VM or server. */
    public void showPerformance() {
        if (objectTabs.getTabs().contains(performanceTab)) {
            objectTabs.getSelectionModel().select(performanceTab);
        }
    }

    public PerformanceView performance() {
        return performance;
    }

    /** Every connection's metrics (tests ask whether watches remain open). */
    public ConnectionMetrics metrics() {
        return metrics;
    }

    /** Ends the console session (the window is closing). */
    public void closeConsole() {
        console.close();
    }

    /**
     * Stops the XVA transfers, conversions and checks under way and waits up to {@code wait} for their
     * cleanup (part files deleted, tasks cancelled): call before logging out, the cancel needs the session.
     */
    public boolean stopTransfers(java.time.Duration wait) {
        return xva.stopAll(wait);
    }

    /** Shows the Console tab of the selected VM or server. */
    public void showConsole() {
        if (objectTabs.getTabs().contains(consoleTab)) {
            objectTabs.getSelectionModel().select(consoleTab);
        }
    }

    public ConsoleView console() {
        return console;
    }

    /** Hands over the saved servers: Add Server saves, the server menu connects, edits and removes. */
    public void setServerManager(org.xapicenter.ui.connect.ServerManager manager) {
        this.servers = manager;
        updateServerItems();
    }

    public org.xapicenter.ui.connect.ServerManager serverManager() {
        return servers;
    }

    private void onSelectedConnection(java.util.function.Consumer<ConnectionModel> action) {
        var n = navigation.selectionProperty().get();
        if (n != null && n.connection() != null && servers != null) {
            action.accept(n.connection());
        }
    }

    /** Connect only for a saved server that is not connected; edit and remove only for saved servers. */
    private void updateServerItems() {
        var n = navigation.selectionProperty().get();
        ConnectionModel m = n == null ? null : n.connection();
        boolean saved = m != null && servers != null && servers.savedServer(m).isPresent();
        boolean down = m != null && (m.state() == org.xapicenter.cache.ConnectionState.DISCONNECTED
                || m.state() == org.xapicenter.cache.ConnectionState.FAILED);
        connectItem.setDisable(!saved || !down);
        editItem.setDisable(!saved);
        removeItem.setDisable(!saved);
        connectAllItem.setDisable(servers == null);
    }

    /** Opens Add Server and connects to what the user entered. */
    public void addServer() {
        if (servers != null) {
            servers.addServer().ifPresent(m -> Platform.runLater(() -> {
                var item = treeModel.find(m, null);
                if (item != null) {
                    navigation.select(item);
                }
            }));
            return;
        }
        new org.xapicenter.ui.connect.ServerDialog(getScene() == null ? null : getScene().getWindow())
                .showAndWait()
                .ifPresent(entry -> {
                    ConnectionModel m = connections.connect(new ServerLogin(
                            org.xapicenter.xapi.ConnectionSettings.of(entry.server(), entry.protocol()), entry.user(),
                            entry.password(), entry.name()));
                    Platform.runLater(() -> {
                        var item = treeModel.find(m, null);
                        if (item != null) {
                            navigation.select(item);
                        }
                    });
                });
    }

    private MenuBar menuBar() {
        MenuItem add = new MenuItem("Add Server…", Icons.icon(Material2AL.ADD));
        add.setAccelerator(KeyCombination.keyCombination("Shortcut+N"));
        add.setOnAction(e -> addServer());
        MenuItem find = new MenuItem("Filter the tree");
        find.setAccelerator(KeyCombination.keyCombination("Shortcut+F"));
        find.setOnAction(e -> navigation.focusFilter());
        MenuItem exit = new MenuItem("Exit");
        exit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File", null, add, connectAllItem, disconnectAllItem, new SeparatorMenuItem(), find,
                new SeparatorMenuItem(), xva.importItem("menu-import"),
                xva.inspectItem("menu-inspect-xva"), new SeparatorMenuItem(), exit);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("dark-theme-toggle");
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        showTemplates.selectedProperty().addListener((o, was, now) -> treeModel.setShowTemplates(now));
        Menu view = new Menu("View", null, dark, showTemplates);

        Menu vm = new Menu("VM");
        for (VmAction a : VmAction.values()) {
            vm.getItems().add(actionItem(a));
        }
        vm.getItems().addAll(new SeparatorMenuItem(), xva.exportItem("menu-export"));
        MenuBar bar = new MenuBar(file, view, vm);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private ToolBar toolBar() {
        Button add = new Button("Add Server", Icons.icon(Material2AL.ADD));
        add.setId("toolbar-add-server");
        add.setOnAction(e -> addServer());
        ToolBar bar = new ToolBar(add, new javafx.scene.control.Separator(Orientation.VERTICAL));
        for (VmAction a : VmAction.values()) {
            if (a == VmAction.SUSPEND || a == VmAction.FORCE_SHUT_DOWN) {
                bar.getItems().add(new javafx.scene.control.Separator(Orientation.VERTICAL));
            }
            Button b = new Button(a.label(), Icons.icon(iconOf(a)));
            b.setId("toolbar-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setTooltip(new Tooltip(a.label() + " the selected VM"));
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(actions.enabledProperty(a).not());
            b.setOnAction(e -> run(a));
            bar.getItems().add(b);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button themeToggle = new Button(null, Icons.icon(Material2AL.BRIGHTNESS_4));
        themeToggle.getStyleClass().addAll("button-icon", "flat");
        themeToggle.setTooltip(new Tooltip("Switch between light and dark theme"));
        themeToggle.setOnAction(e -> theme.darkProperty().set(!theme.darkProperty().get()));
        bar.getItems().addAll(spacer, themeToggle);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private MenuItem actionItem(VmAction a) {
        MenuItem item = new MenuItem(a.label(), Icons.icon(iconOf(a)));
        item.setId("menu-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        item.disableProperty().bind(actions.enabledProperty(a).not());
        item.setOnAction(e -> run(a));
        return item;
    }

    private void run(VmAction a) {
        if (actions.target() != null && actions.isEnabled(a)) {
            runner.run(a, actions.target());
        }
    }

    private static Ikon iconOf(VmAction a) {
        return switch (a) {
            case START -> Material2MZ.PLAY_ARROW;
            case SHUT_DOWN -> Material2MZ.STOP;
            case REBOOT -> Material2MZ.REFRESH;
            case SUSPEND -> Material2MZ.PAUSE;
            case RESUME -> Material2MZ.PLAY_CIRCLE_OUTLINE;
            case FORCE_SHUT_DOWN -> Material2MZ.POWER_SETTINGS_NEW;
            case FORCE_REBOOT -> Material2MZ.SETTINGS_BACKUP_RESTORE;
        };
    }

    public NavigationView navigation() {
        return navigation;
    }

    public NavigationTreeModel treeModel() {
        return treeModel;
    }

    public EventsModel events() {
        return events;
    }

    public ActionRunner runner() {
        return runner;
    }

    /** The XVA menu items, wizards and inspector. */
    public XvaMenus xva() {
        return xva;
    }

    public VmActionsModel actions() {
        return actions;
    }

    public Connections connections() {
        return connections;
    }

}
