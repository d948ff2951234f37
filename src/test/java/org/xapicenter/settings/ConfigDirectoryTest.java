package org.xapicenter.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {
    private final Path home = Path.of("/home/ada");

    @Test
    void eachPlatformHasItsStandardFolder() {
        assertThat(ConfigDirectory.forPlatform("Linux", home, Map.of())).isEqualTo(Path.of("/home/ada/.config/xapicenter"));
        assertThat(ConfigDirectory.forPlatform("Linux", home, Map.of("XDG_CONFIG_HOME", "/xdg")))
                .isEqualTo(Path.of("/xdg/xapicenter"));
        // a relative XDG_CONFIG_HOME is invalid by the XDG rules
        assertThat(ConfigDirectory.forPlatform("Linux", home, Map.of("XDG_CONFIG_HOME", "rel")))
                .isEqualTo(Path.of("/home/ada/.config/xapicenter"));
        assertThat(ConfigDirectory.forPlatform("Mac OS X", home, Map.of()))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/XapiCenter"));
        assertThat(ConfigDirectory.forPlatform("Windows 11", home, Map.of("APPDATA", "/appdata")))
                .isEqualTo(Path.of("/appdata/XapiCenter"));
        assertThat(ConfigDirectory.forPlatform("Windows 11", home, Map.of()))
                .isEqualTo(Path.of("/home/ada/AppData/Roaming/XapiCenter"));
    }

    @Test
    void thePropertyOverridesThePlatform() {
        String old = System.getProperty(ConfigDirectory.OVERRIDE_PROPERTY);
        try {
            System.setProperty(ConfigDirectory.OVERRIDE_PROPERTY, "/tmp/portable-xc");
            assertThat(ConfigDirectory.forThisPlatform()).isEqualTo(Path.of("/tmp/portable-xc"));
        } finally {
            if (old == null) {
                System.clearProperty(ConfigDirectory.OVERRIDE_PROPERTY);
            } else {
                System.setProperty(ConfigDirectory.OVERRIDE_PROPERTY, old);
            }
        }
    }
}
