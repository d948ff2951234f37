package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.net.URI;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.ui.connect.ServerAddress;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.Protocol;

@ExtendWith(ApplicationExtension.class)
class AddServerFxTest {
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
    void addServerConnectsWithWhatWasTypedAndThePoolAppears(FxRobot robot) {
        CacheLink link = new CacheLink("pool.example:8443", (m, a) -> null);
        String[] typed = new String[1];
        fx.linkFactory = login -> {
            typed[0] = new String(login.password());
            return link;
        };
        robot.clickOn("#add-first-server");
        WindowFixture.waitForNode(robot, "#add-server-address");
        Node connect = robot.lookup("Connect").query();
        assertThat(connect.isDisabled()).as("nothing to connect to yet").isTrue();
        robot.clickOn("#add-server-address").write("pool.example:8443");
        robot.clickOn("#add-server-password").write("secret");
        // not touched: JSON-RPC is the default, as in XenCenter
        assertThat(connect.isDisabled()).isFalse();
        robot.clickOn(connect);
        waitUntil("a connection was made", () -> fx.logins.size() == 1);
        ServerLogin login = fx.logins.get(0);
        assertThat(login.settings().server()).isEqualTo(URI.create("https://pool.example:8443"));
        assertThat(login.settings().protocol()).as("the default protocol").isEqualTo(Protocol.JSON_RPC);
        assertThat(login.user()).isEqualTo("root");
        assertThat(typed[0]).isEqualTo("secret");
        assertThat(login.password()).as("cleared once the connection has its copy").containsOnly('\0');
        assertThat(login.toString()).doesNotContain("secret");

        CacheFeeder.fill(link.cache(), Pools.smallPool());
        waitUntil("the pool appears", () -> fx.findItem("Lab pool") != null);
    }

    @Test
    void addressesAreReadAsAdministratorsWriteThem() {
        assertThat(ServerAddress.parse("10.0.0.5")).contains(URI.create("https://10.0.0.5"));
        assertThat(ServerAddress.parse(" host:8080 ")).contains(URI.create("https://host:8080"));
        assertThat(ServerAddress.parse("http://127.0.0.1:4000/")).contains(URI.create("http://127.0.0.1:4000"));
        assertThat(ServerAddress.parse("")).isEmpty();
        assertThat(ServerAddress.parse("https://")).isEmpty();
    }
}
