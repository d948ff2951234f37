package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** UiLauncher works from a plain main in a fresh JVM (as from the shaded jar) and returns on exit. */
class UiLauncherTest {
    @Test
    void launchesTheWindowFromAPlainMainAndReturnsWhenItCloses() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text", "java.awt.headless",
                "headless.geometry")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LaunchProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the probe ended; output:%n%s", out).isTrue();
        assertThat(out).contains("WINDOW XapiCenter 1280x800").contains("LAUNCH RETURNED");
        assertThat(p.exitValue()).isZero();
    }
}
