package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.net.URI;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/** The application as UiLauncher starts it: title, theme and the servers of the start options. */
@ExtendWith(ApplicationExtension.class)
class XapiCenterAppFxTest {
    private XapiCenterApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // port 1 on loopback: nothing listens there, the connection must fail and say so
        ServerLogin nowhere = new ServerLogin(ConnectionSettings.of(URI.create("http://127.0.0.1:1"), Protocol.XML_RPC),
                "root", "password".toCharArray());
        UiLauncher.setOptions(new StartupOptions(List.of(nowhere), true));
        app = new XapiCenterApp();
        app.start(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get();
        UiLauncher.setOptions(StartupOptions.empty());
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(null)).get();
    }

    @Test
    void opensTheWindowDarkWithTheGivenServer(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("XapiCenter");
        assertThat(stage.getScene().getWidth()).isEqualTo(1280);
        assertThat(Application.getUserAgentStylesheet()).contains("dark");
        waitUntil("the server is listed", () -> robot.lookup("#navigation-tree .tree-cell").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.TreeCell<?>) n).getText() != null
                        && ((javafx.scene.control.TreeCell<?>) n).getText().startsWith("127.0.0.1:1")));
        robot.clickOn(robot.lookup("#navigation-tree .tree-cell").match((javafx.scene.control.TreeCell<?> c) ->
                c.getText() != null && c.getText().startsWith("127.0.0.1:1")).<javafx.scene.Node>query());
        // nothing listens on port 1: the server's General tab says so in words
        waitUntil("the problem is shown", () -> robot.lookup("#prop-problem").tryQuery().isPresent());
        String problem = robot.lookup("#prop-problem").queryAs(javafx.scene.control.Label.class).getText();
        assertThat(problem).startsWith("The server refused the connection").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
