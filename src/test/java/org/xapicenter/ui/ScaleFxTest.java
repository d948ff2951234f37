package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.XapiRecord;

/** 10,000 VMs and an event storm: the window ends up exactly right, selection and expansion kept. */
@ExtendWith(ApplicationExtension.class)
class ScaleFxTest {
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void tenThousandVmsAndAStormOfBatches(FxRobot robot) throws Exception {
        CacheLink link = new CacheLink("big:443", (m, a) -> null);
        WaitForAsyncUtils.asyncFx(() -> fx.connections.add(link)).get();
        List<XapiRecord> all = new ArrayList<>(Pools.smallPool());
        for (int i = 0; i < 10_000; i++) {
            all.add(Pools.vm(String.format("vm-%05d", i), i % 3 == 0 ? "Running" : "Halted", Pools.ref("host-" + (1 + i % 2))));
        }
        CacheFeeder.fill(link.cache(), all);
        waitUntil("the big pool is shown", () -> fx.findItem("vm-09999") != null);
        TreeItem<NavNode> host1 = WaitForAsyncUtils.asyncFx(() -> fx.findItem("xcp-host-1")).get();
        WaitForAsyncUtils.asyncFx(() -> host1.setExpanded(false)).get();
        robot.clickOn(WindowFixture.treeCell(robot, "xcp-host-2"));

        // 2,000 single-object batches from the "event loop" thread, as fast as it can
        int batches = 2000;
        for (int i = 0; i < batches; i++) {
            XapiRecord vm = link.cache().get(Pools.ref("vm-" + String.format("vm-%05d", i * 5)));
            CacheFeeder.put(link.cache(), Pools.with(vm, "power_state", "Running", "resident_on", Pools.ref("host-2"),
                    "name_label", vm.nameLabel() + "-moved"));
        }
        waitUntil("every change is shown", () -> {
            TreeItem<NavNode> last = fx.findItem("vm-09995-moved");
            return last != null && last.getValue().power() == PowerState.RUNNING
                    && last.getParent().getValue().name().equals("xcp-host-2");
        });
        WaitForAsyncUtils.asyncFx(() -> {
            assertThat(fx.window.navigation().selectionProperty().get().name()).isEqualTo("xcp-host-2");
            assertThat(host1.isExpanded()).isFalse();
            assertThat(fx.findItem("vm-00000")).isNull();
        }).get();
    }
}
