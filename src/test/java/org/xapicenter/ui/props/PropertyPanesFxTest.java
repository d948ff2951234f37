package org.xapicenter.ui.props;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitForNode;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.general.GeneralView;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.ui.vm.VmRows;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;

/**
 * The properties tabs and their edit dialogs, through the real window against the simulator's demo
 * pool over real sockets: what the tabs show is the pool's data, and what the dialogs write reaches
 * the simulator and comes back through the event stream.
 */
@ExtendWith(ApplicationExtension.class)
class PropertyPanesFxTest {
    private Simulator sim;
    private WindowFixture fx;
    private Stage stage;

    @BeforeEach
    void startSimulator() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(Duration.ofMillis(50)).build());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(new ServerLogin(
                ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC), SimulatorOptions.DEFAULT_USER,
                SimulatorOptions.DEFAULT_PASSWORD.toCharArray()))).get();
        waitUntil("the demo pool is in the tree", () -> fx.findItem("web-01") != null);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(javafx.stage.Window.getWindows()).stream()
                .filter(w -> w != stage).forEach(javafx.stage.Window::hide)).get();
        fx.close();
        sim.close();
    }

    private void select(String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            TreeItem<NavNode> item = fx.findItem(name);
            fx.window.navigation().select(item);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void tab(String title) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.window.showTab(title)).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableTab tableTab(String id) {
        return (TableTab) fx.window.propertyTabs().stream().filter(t -> t.tab().getId().equals(id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private <R> List<R> rows(String tabId, int section) {
        return ((TableSection<R>) tableTab(tabId).sections().get(section)).rows();
    }

    private GeneralView general() {
        return (GeneralView) fx.window.lookup("#general-view");
    }

    private String simVm(String name) {
        return sim.store().refs("VM").stream().filter(r -> name.equals(sim.store().get(r, "name_label"))).findFirst().orElseThrow();
    }

    private XapiSession raw() throws Exception {
        return XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC), SimulatorOptions.DEFAULT_USER,
                SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    @Test
    void everyTabShowsTheDemoPoolsValues(FxRobot robot) throws Exception {
        select("web-01");
        waitUntil("VM General", () -> general().sheet() != null && "web-01".equals(general().sheet().title()));
        assertThat(general().sheet().value("Folder")).isEqualTo("/Production/Web");
        assertThat(general().sheet().value("Owner")).isEqualTo("Web team");
        assertThat(general().sheet().value("Cost centre")).isEqualTo("CC-1200");
        assertThat(general().sheet().value("Tags")).isEqualTo("production, web");
        assertThat(general().sheet().value("Operating system")).contains("Debian");
        assertThat(general().sheet().value("Guest agent")).startsWith("9.3.3");
        assertThat(general().sheet().value("Uptime")).isNotBlank();
        assertThat(general().sheet().value("UUID")).isEqualTo(sim.store().get(simVm("web-01"), "uuid"));
        assertThat(robot.lookup("#prop-uuid-copy").tryQuery()).isPresent();

        tab("Memory");
        waitUntil("VM Memory", () -> tableTab("vm-memory-tab").sheet().rows() != null
                && !tableTab("vm-memory-tab").sheet().rows().isEmpty());
        assertThat(tableTab("vm-memory-tab").sheet().rows()).anySatisfy(r -> {
            assertThat(r.label()).isEqualTo("Static maximum");
            assertThat(r.value()).isEqualTo("2 GiB");
        });

        tab("Storage");
        waitUntil("VM Storage", () -> this.<VmRows.Disk>rows("vm-storage-tab", 0).stream().filter(d -> !d.cd()).count() == 1);
        VmRows.Disk disk = this.<VmRows.Disk>rows("vm-storage-tab", 0).stream().filter(d -> !d.cd()).findFirst().orElseThrow();
        assertThat(disk.size()).isEqualTo("20 GiB");
        assertThat(disk.sr()).isEqualTo("NFS storage");
        assertThat(disk.attached()).isTrue();
        assertThat(disk.mode()).isEqualTo("Read/write");

        tab("Networking");
        waitUntil("VM Networking", () -> !rows("vm-network-tab", 0).isEmpty());
        VmRows.Nic nic = this.<VmRows.Nic>rows("vm-network-tab", 0).get(0);
        assertThat(nic.network()).isEqualTo("Pool-wide network associated with eth0");
        assertThat(nic.mac()).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

        tab("Snapshots");
        waitUntil("VM Snapshots", () -> tableTab("vm-snapshots-tab").sections().get(0).rows().isEmpty());

        select("NFS storage");
        tab("General");
        waitUntil("SR General", () -> general().sheet() != null && "NFS storage".equals(general().sheet().title()));
        waitUntil("the SR's servers", () -> robot.lookup("#sr-hosts").queryTableView().getItems().size() == 3);
        assertThat(robot.lookup("#sr-usage-bar").query().isVisible()).isTrue();
        tab("Storage");
        waitUntil("SR Storage", () -> rows("sr-storage-tab", 0).size() >= 10);
        assertThat(this.<org.xapicenter.ui.storage.SrRows.Disk>rows("sr-storage-tab", 0))
                .anySatisfy(d -> assertThat(d.vms()).isEqualTo("web-01"));

        select("Pool-wide network associated with eth0");
        tab("Network");
        waitUntil("network PIFs", () -> rows("network-tab", 0).size() == 3);
        assertThat(tableTab("network-tab").sheet().rows()).anySatisfy(r -> assertThat(r.value()).isEqualTo("External (eth0)"));
        assertThat(rows("network-tab", 1)).isNotEmpty();

        select("xcp-ng-01");
        tab("NICs");
        waitUntil("host NICs", () -> rows("host-nics-tab", 0).size() >= 2);
        assertThat(this.<org.xapicenter.ui.host.HostRows.Nic>rows("host-nics-tab", 0).get(0).speed()).isEqualTo("10 Gbit/s");
        tab("Storage");
        waitUntil("host storage", () -> rows("host-storage-tab", 0).size() >= 2);
        tab("Networking");
        waitUntil("host networks", () -> rows("host-network-tab", 0).size() >= 2);
        tab("Memory");
        waitUntil("host memory", () -> rows("host-memory-tab", 0).size() >= 3);
        tab("General");
        waitUntil("host General", () -> general().sheet() != null && "Pool coordinator".equals(general().sheet().value("Role")));

        select("Demo pool");
        tab("Servers");
        waitUntil("pool servers", () -> rows("pool-servers-tab", 0).size() == 3);
        tab("Storage");
        waitUntil("pool storage", () -> this.<org.xapicenter.ui.pool.PoolRows.Storage>rows("pool-storage-tab", 0).stream()
                .anyMatch(s -> s.name().equals("NFS storage") && s.isDefault().equals("Default")));
        tab("Networking");
        waitUntil("pool networks", () -> rows("pool-network-tab", 0).size() >= 2);
    }

    private void openVmProperties(FxRobot robot, String vm) throws Exception {
        select(vm);
        tab("General");
        waitForNode(robot, "#general-properties");
        javafx.application.Platform.runLater(() -> robot.lookup("#general-properties").queryButton().fire());
        waitForNode(robot, "#vm-name");
    }

    /** Types a value the dialog must refuse next to its field, then one it sends. */
    private void badThenGood(FxRobot robot, String field, String bad, String problem, String good) {
        int events = fx.window.events().entries().size();
        replace(robot, field, bad);
        robot.clickOn("#edit-save");
        waitForNode(robot, problem);
        assertThat(fx.window.events().entries()).as("nothing was sent").hasSize(events);
        replace(robot, field, good);
        robot.clickOn("#edit-save");
    }

    private static void replace(FxRobot robot, String id, String text) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.clickOn(f);
        robot.interact(f::selectAll);
        robot.write(text);
        waitUntil(id + " typed", () -> f.getText().equals(text));
    }

    @Test
    void aRenameReachesTheSimulatorAndComesBackThroughTheEventStream(FxRobot robot) throws Exception {
        openVmProperties(robot, "web-02");
        replace(robot, "#vm-name", "web-02-renamed");
        robot.clickOn("#edit-save");
        waitUntil("the simulator has the new name",
                () -> sim.store().refs("VM").stream().anyMatch(r -> "web-02-renamed".equals(sim.store().get(r, "name_label"))));
        waitUntil("the tree shows it", () -> fx.findItem("web-02-renamed") != null);
        waitUntil("the dialog closed", () -> robot.lookup("#vm-name").tryQuery().isEmpty());
        waitUntil("the General tab shows it", () -> "web-02-renamed".equals(general().sheet().title()));
        waitUntil("the Events panel says it is done", () -> fx.window.events().entries().stream()
                .anyMatch(e -> e.title().contains("web-02") && e.status() == org.xapicenter.ui.tasks.EventEntry.Status.SUCCEEDED));
    }

    @Test
    void aBadValueIsShownNextToItsFieldAndNothingIsSent(FxRobot robot) throws Exception {
        openVmProperties(robot, "web-02");
        replace(robot, "#vm-name", " ");
        robot.clickOn("#edit-save");
        waitForNode(robot, "#problem-name");
        assertThat(robot.lookup("#problem-name").queryAs(Label.class).getText()).contains("needs a name");
        assertThat(fx.window.events().entries()).isEmpty();
        assertThat(sim.store().get(simVm("web-02"), "name_label")).isEqualTo("web-02");
    }

    @Test
    void changingTheStaticMemoryOfARunningVmShowsXapisRefusalInWords(FxRobot robot) throws Exception {
        openVmProperties(robot, "web-01");
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#vm-properties-tabs").query())
                .getSelectionModel().select(2));
        replace(robot, "#vm-memory-static-max", "4096");
        replace(robot, "#vm-memory-dynamic-max", "4096");
        robot.clickOn("#edit-save");
        waitUntil("the refusal is shown", () -> robot.lookup("#edit-banner").queryAs(Label.class).isVisible()
                && !robot.lookup("#edit-banner").queryAs(Label.class).getText().isEmpty());
        String text = robot.lookup("#edit-banner").queryAs(Label.class).getText();
        assertThat(text).contains("web-01").contains("halted").doesNotContain("VM_BAD_POWER_STATE").doesNotContain("Exception");
        assertThat(robot.lookup("#vm-name").tryQuery()).as("the dialog stays open with what was typed").isPresent();
        assertThat(((Number) sim.store().get(simVm("web-01"), "memory_static_max")).longValue()).isEqualTo(2048L << 20);
    }

    @Test
    void aFieldChangedByAnotherClientIsReportedNotOverwritten(FxRobot robot) throws Exception {
        openVmProperties(robot, "mail");
        try (XapiSession other = raw()) {
            other.call("VM.set_name_label", simVm("mail"), "mail-by-someone-else");
        }
        waitUntil("the change arrived", () -> fx.findItem("mail-by-someone-else") != null);
        replace(robot, "#vm-name", "mail-by-me");
        robot.clickOn("#edit-save");
        waitUntil("the conflict is reported", () -> robot.lookup("#edit-banner").queryAs(Label.class).getText().contains("Name"));
        assertThat(sim.store().get(simVm("mail-by-someone-else"), "name_label")).isEqualTo("mail-by-someone-else");
        // Saving again is the user's deliberate choice to overwrite.
        robot.clickOn("#edit-save");
        waitUntil("overwritten on purpose", () -> fx.findItem("mail-by-me") != null);
    }

    @Test
    void customFieldsAndFolderAreWrittenUnderXenCentersKeys(FxRobot robot) throws Exception {
        openVmProperties(robot, "dev-sandbox");
        replace(robot, "#vm-folder", "/Lab/Sandboxes");
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#vm-properties-tabs").query())
                .getSelectionModel().select(1));
        replace(robot, "#vm-custom-owner", "QA team");
        replace(robot, "#vm-new-custom-field", "Ticket");
        robot.clickOn("#vm-add-custom-field");
        waitForNode(robot, "#vm-custom-ticket");
        replace(robot, "#vm-custom-ticket", "OPS-42");
        robot.clickOn("#edit-save");
        waitUntil("the dialog closed", () -> robot.lookup("#vm-name").tryQuery().isEmpty());
        try (XapiSession other = raw()) {
            String vm = simVm("dev-sandbox");
            @SuppressWarnings("unchecked")
            Map<String, String> oc = (Map<String, String>) other.call("VM.get_other_config", vm);
            assertThat(oc).containsEntry("folder", "/Lab/Sandboxes")
                    .containsEntry("XenCenter.CustomFields.Owner", "QA team")
                    .containsEntry("XenCenter.CustomFields.Ticket", "OPS-42");
            String pool = (String) ((List<?>) other.call("pool.get_all")).get(0);
            @SuppressWarnings("unchecked")
            Map<String, String> gui = (Map<String, String>) other.call("pool.get_gui_config", pool);
            assertThat(CustomFields.parse(gui.get("XenCenter.CustomFields")))
                    .extracting(CustomFields.Definition::name).containsExactly("Owner", "Cost centre", "Ticket");
        }
        waitUntil("the General tab shows them", () -> "OPS-42".equals(general().sheet().value("Ticket"))
                && "/Lab/Sandboxes".equals(general().sheet().value("Folder")));
    }

    @Test
    void anAddedDiskAppearsInTheVmsAndTheSrsStorageTabs(FxRobot robot) throws Exception {
        select("web-01");
        tab("Storage");
        waitUntil("VM Storage", () -> !rows("vm-storage-tab", 0).isEmpty());
        javafx.application.Platform.runLater(() -> robot.lookup("#vm-disk-add").queryButton().fire());
        waitForNode(robot, "#disk-name");
        replace(robot, "#disk-name", "web-01 data");
        replace(robot, "#disk-size", "8");
        robot.clickOn("#edit-save");
        waitUntil("the disk is in the VM's Storage tab", () -> this.<VmRows.Disk>rows("vm-storage-tab", 0).stream()
                .anyMatch(d -> d.name().equals("web-01 data") && d.size().equals("8 GiB") && d.attached()));
        // The server ran VBD.plug under a task of that name (seen before the disk showed as attached):
        // it is the change's step, not a line of its own.
        assertThat(fx.window.events().entries()).extracting(org.xapicenter.ui.tasks.EventEntry::title)
                .containsExactly("Adding the disk \"web-01 data\" to \"web-01\"");
        select("NFS storage");
        tab("Storage");
        waitUntil("and in the SR's Storage tab", () -> this.<org.xapicenter.ui.storage.SrRows.Disk>rows("sr-storage-tab", 0)
                .stream().anyMatch(d -> d.name().equals("web-01 data") && d.vms().equals("web-01")));
    }

    @Test
    void aNewVlanNetworkAppearsInTheTree(FxRobot robot) throws Exception {
        select("Demo pool");
        tab("General");
        waitForNode(robot, "#pool-general-new-network");
        javafx.application.Platform.runLater(() -> robot.lookup("#pool-general-new-network").queryButton().fire());
        waitForNode(robot, "#network-name");
        replace(robot, "#network-name", "Storage VLAN 42");
        badThenGood(robot, "#network-vlan", "70000", "#problem-vlan", "42");
        waitUntil("the network is in the tree", () -> fx.findItem("Storage VLAN 42") != null);
        select("Storage VLAN 42");
        tab("Network");
        waitUntil("with VLAN 42 on every server", () -> this.<org.xapicenter.ui.network.NetworkRows.HostPif>rows("network-tab", 0)
                .stream().filter(p -> p.vlan().equals("42")).count() == 3);
    }

    private void press(FxRobot robot, String id) {
        waitUntil(id + " is enabled", () -> robot.lookup(id).tryQuery().map(n -> !n.isDisabled()).orElse(false));
        javafx.application.Platform.runLater(() -> robot.lookup(id).queryButton().fire()); // it may open a dialog
    }

    /** Clicks the default-less confirmation's action button. */
    private void confirm(FxRobot robot, String text) {
        waitForNode(robot, "#confirm-dialog");
        robot.clickOn(robot.lookup("#confirm-dialog .button").match((javafx.scene.control.Button b) -> b.getText().equals(text))
                .<javafx.scene.Node>query());
    }

    private boolean hostEnabled(String name) {
        String host = sim.store().refs("host").stream().filter(h -> name.equals(sim.store().get(h, "name_label"))).findFirst().orElseThrow();
        return Boolean.TRUE.equals(sim.store().get(host, "enabled"));
    }

    @Test
    void maintenanceModeMovesTheVmsAwayOrSaysWhyNot(FxRobot robot) throws Exception {
        select("xcp-ng-02");
        tab("General");
        press(robot, "#host-maintenance-enter");
        confirm(robot, "Enter Maintenance Mode");
        waitUntil("in maintenance", () -> !hostEnabled("xcp-ng-02") && "Yes (no new VMs start here)".equals(general().sheet().value("Maintenance mode")));
        waitUntil("its VMs left", () -> fx.findItem("mail") != null
                && List.of("xcp-ng-01", "xcp-ng-03").contains(fx.findItem("mail").getParent().getValue().name()));
        press(robot, "#host-maintenance-exit");
        waitUntil("out of maintenance", () -> hostEnabled("xcp-ng-02") && "No".equals(general().sheet().value("Maintenance mode")));

        // db-replica lives on xcp-ng-01's local storage: the server cannot be emptied, and stays enabled
        select("xcp-ng-01");
        press(robot, "#host-maintenance-enter");
        confirm(robot, "Enter Maintenance Mode");
        waitUntil("the refusal is in the Events panel", () -> fx.window.events().entries().stream()
                .anyMatch(e -> e.status() == org.xapicenter.ui.tasks.EventEntry.Status.FAILED && e.detail().contains("db-replica")));
        waitUntil("the server was enabled again", () -> hostEnabled("xcp-ng-01"));
    }

    @Test
    void snapshotsAreTakenShownTurnedIntoVmsAndDeleted(FxRobot robot) throws Exception {
        select("web-01");
        tab("Snapshots");
        press(robot, "#vm-snapshot-take");
        waitForNode(robot, "#name-prompt-field");
        replace(robot, "#name-prompt-field", "before upgrade");
        robot.clickOn(robot.lookup("#name-prompt .button").match((javafx.scene.control.Button b) -> b.getText().equals("OK"))
                .<javafx.scene.Node>query());
        waitUntil("the snapshot is listed", () -> this.<VmRows.Snapshot>rows("vm-snapshots-tab", 0).stream()
                .anyMatch(r -> r.name().equals("before upgrade")));
        robot.interact(() -> robot.lookup("#vm-snapshots").queryTableView().getSelectionModel().select(0));
        press(robot, "#vm-snapshot-revert");
        confirm(robot, "Revert");
        waitUntil("the revert is done", () -> fx.window.events().entries().stream()
                .anyMatch(e -> e.title().startsWith("Reverting") && e.status() == org.xapicenter.ui.tasks.EventEntry.Status.SUCCEEDED));
        waitUntil("the snapshot is still selected", () -> robot.lookup("#vm-snapshots").queryTableView().getSelectionModel().getSelectedItem() != null);
        press(robot, "#vm-snapshot-new-vm");
        waitForNode(robot, "#name-prompt-field");
        replace(robot, "#name-prompt-field", "web-01 test copy");
        robot.clickOn(robot.lookup("#name-prompt .button").match((javafx.scene.control.Button b) -> b.getText().equals("OK"))
                .<javafx.scene.Node>query());
        waitUntil("the new VM is in the tree", () -> fx.findItem("web-01 test copy") != null);
        assertThat(sim.store().get(simVm("web-01 test copy"), "is_a_template")).isEqualTo(false);
        select("web-01");
        tab("Snapshots");
        waitUntil("the snapshot is listed", () -> !rows("vm-snapshots-tab", 0).isEmpty());
        robot.interact(() -> robot.lookup("#vm-snapshots").queryTableView().getSelectionModel().select(0));
        press(robot, "#vm-snapshot-delete");
        confirm(robot, "Delete");
        waitUntil("the snapshot is gone", () -> rows("vm-snapshots-tab", 0).isEmpty());
        assertThat(sim.store().refs("VM").stream().noneMatch(r -> "before upgrade".equals(sim.store().get(r, "name_label")))).isTrue();
    }

    @Test
    void aNicIsAddedWithAMacCheckedFirst(FxRobot robot) throws Exception {
        select("dev-sandbox");
        tab("Networking");
        waitUntil("VM Networking", () -> !rows("vm-network-tab", 0).isEmpty());
        int before = rows("vm-network-tab", 0).size();
        press(robot, "#vm-nic-add");
        waitForNode(robot, "#nic-mac");
        badThenGood(robot, "#nic-mac", "not-a-mac", "#problem-mac", "02:16:3e:aa:bb:cc");
        waitUntil("the interface is listed", () -> this.<VmRows.Nic>rows("vm-network-tab", 0).stream()
                .anyMatch(n -> n.mac().equals("02:16:3e:aa:bb:cc") && n.device().equals(Integer.toString(before))));
    }

    @Test
    void srAndNetworkPropertiesAndTheDefaultSrAreWrittenBack(FxRobot robot) throws Exception {
        select("ISO library");
        tab("General");
        press(robot, "#general-properties");
        waitForNode(robot, "#object-name");
        replace(robot, "#object-name", "ISO images");
        replace(robot, "#object-description", "Install media");
        robot.clickOn("#edit-save");
        waitUntil("renamed in the tree", () -> fx.findItem("ISO images") != null);
        assertThat(robot.lookup("#sr-set-default").tryQuery()).as("an ISO library cannot hold new disks").isEmpty();

        select("Pool-wide network associated with eth1");
        press(robot, "#general-properties");
        waitForNode(robot, "#network-mtu");
        badThenGood(robot, "#network-mtu", "20000", "#problem-mtu", "9000");
        waitUntil("the MTU reached the simulator", () -> sim.store().refs("network").stream()
                .anyMatch(n -> Long.valueOf(9000).equals(sim.store().get(n, "MTU"))));
        waitUntil("and the tab", () -> "9000".equals(general().sheet().value("MTU")));

        select("Demo pool");
        tab("Storage");
        waitUntil("pool storage", () -> rows("pool-storage-tab", 0).size() >= 3);
        int local = this.<org.xapicenter.ui.pool.PoolRows.Storage>rows("pool-storage-tab", 0).stream()
                .map(org.xapicenter.ui.pool.PoolRows.Storage::name).toList().indexOf("Local storage");
        robot.interact(() -> robot.lookup("#pool-storage").queryTableView().getSelectionModel().select(local));
        press(robot, "#pool-set-default-sr");
        waitUntil("a local SR is now the default", () -> this.<org.xapicenter.ui.pool.PoolRows.Storage>rows("pool-storage-tab", 0)
                .stream().anyMatch(r -> r.name().equals("Local storage") && r.isDefault().equals("Default")));
        String pool = sim.store().refs("pool").get(0);
        assertThat(sim.store().get((String) sim.store().get(pool, "default_SR"), "name_label")).isEqualTo("Local storage");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHaltedVmsCpuMemoryBootOrderAndAutoStartAreWrittenBack(FxRobot robot) throws Exception {
        openVmProperties(robot, "dev-sandbox");
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#vm-properties-tabs").query())
                .getSelectionModel().select(2));
        replace(robot, "#vm-vcpus-max .text-field", "4");
        replace(robot, "#vm-vcpus-startup .text-field", "3");
        replace(robot, "#vm-memory-static-max", "4096");
        replace(robot, "#vm-memory-dynamic-min", "1024");
        replace(robot, "#vm-memory-dynamic-max", "3072");
        robot.interact(() -> {
            ((javafx.scene.control.TabPane) robot.lookup("#vm-properties-tabs").query()).getSelectionModel().select(3);
            robot.lookup("#vm-boot-order").<String>queryComboBox().setValue("DVD drive, Hard disk, Network");
            robot.lookup("#vm-auto-start").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
        });
        robot.clickOn("#edit-save");
        waitUntil("the dialog closed", () -> robot.lookup("#vm-name").tryQuery().isEmpty());
        String vm = simVm("dev-sandbox");
        assertThat(sim.store().get(vm, "VCPUs_max")).isEqualTo(4L);
        assertThat(sim.store().get(vm, "VCPUs_at_startup")).isEqualTo(3L);
        assertThat(sim.store().get(vm, "memory_static_max")).isEqualTo(4096L << 20);
        assertThat(sim.store().get(vm, "memory_dynamic_min")).isEqualTo(1024L << 20);
        assertThat(sim.store().get(vm, "memory_dynamic_max")).isEqualTo(3072L << 20);
        assertThat((Map<String, Object>) sim.store().get(vm, "HVM_boot_params")).containsEntry("order", "dcn");
        assertThat((Map<String, Object>) sim.store().get(vm, "other_config")).containsEntry("auto_poweron", "true");
        tab("Memory");
        waitUntil("the Memory tab follows", () -> tableTab("vm-memory-tab").sheet().rows() != null
                && tableTab("vm-memory-tab").sheet().rows().stream().anyMatch(r -> r.label().equals("Dynamic maximum") && r.value().equals("3 GiB")));
    }
}
