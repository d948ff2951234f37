package org.xapicenter.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.xapicenter.rfb.Keys;

class KeyboardGrabTest {
    private final List<String> sent = new ArrayList<>();
    private int releases;
    private final KeyboardGrab grab = new KeyboardGrab(
            (keysym, scancode, down) -> sent.add((down ? "+" : "-") + Integer.toHexString(keysym) + "/" + Integer.toHexString(scancode)),
            () -> releases++);

    @Test
    void pressesAndReleasesGoToTheVmInOrder() {
        grab.pressed(KeyCode.H, "h", false);
        grab.released(KeyCode.H);
        grab.pressed(KeyCode.ENTER, "\r", false);
        grab.released(KeyCode.ENTER);
        assertEquals(List.of("+68/23", "-68/23", "+ff0d/1c", "-ff0d/1c"), sent);
        assertEquals(0, releases);
    }

    @Test
    void aReleaseSendsTheKeysymOfItsPressEvenAfterShiftChanged() {
        grab.pressed(KeyCode.SHIFT, "", true);
        grab.pressed(KeyCode.A, "A", true);
        grab.released(KeyCode.SHIFT);
        grab.released(KeyCode.A);
        assertEquals(List.of("+ffe1/2a", "+41/1e", "-ffe1/2a", "-41/1e"), sent);
    }

    @Test
    void autoRepeatPressesAgainWithTheSameStroke() {
        grab.pressed(KeyCode.X, "x", false);
        grab.pressed(KeyCode.X, "x", false);
        grab.released(KeyCode.X);
        assertEquals(List.of("+78/2d", "+78/2d", "-78/2d"), sent);
    }

    @Test
    void ctrlAltAloneReleasesTheKeyboardAndLetsGoOfBothKeys() {
        grab.pressed(KeyCode.CONTROL, "", false);
        grab.pressed(KeyCode.ALT, "", false);
        grab.released(KeyCode.ALT);
        assertEquals(1, releases);
        assertEquals(0, grab.keysDown());
        assertEquals(List.of("+" + Integer.toHexString(Keys.CONTROL_L) + "/1d", "+" + Integer.toHexString(Keys.ALT_L) + "/38",
                "-" + Integer.toHexString(Keys.ALT_L) + "/38", "-" + Integer.toHexString(Keys.CONTROL_L) + "/1d"), sent);
    }

    @Test
    void ctrlAltDelGoesToTheVmWithoutReleasingTheKeyboard() {
        grab.pressed(KeyCode.CONTROL, "", false);
        grab.pressed(KeyCode.ALT, "", false);
        grab.pressed(KeyCode.DELETE, "", false);
        grab.released(KeyCode.DELETE);
        grab.released(KeyCode.ALT);
        grab.released(KeyCode.CONTROL);
        assertEquals(0, releases);
        assertEquals(6, sent.size());
        assertEquals("+ffff/d3", sent.get(2));
    }

    @Test
    void ctrlWithAnotherKeyIsNotTheGesture() {
        grab.pressed(KeyCode.CONTROL, "", false);
        grab.pressed(KeyCode.C, "\u0003", false);
        grab.pressed(KeyCode.ALT, "", false);
        grab.released(KeyCode.ALT);
        assertEquals(0, releases);
    }

    @Test
    void losingFocusLetsGoOfEveryKeyStillDown() {
        grab.pressed(KeyCode.SHIFT, "", true);
        grab.pressed(KeyCode.Q, "Q", true);
        sent.clear();
        grab.releaseAll();
        assertEquals(2, sent.size());
        assertEquals(0, grab.keysDown());
        grab.released(KeyCode.Q);
        assertEquals(2, sent.size(), "a key already let go is not released twice");
    }
}
