package org.xapicenter.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.xapicenter.rfb.Keys;

class KeyMapperTest {

    @Test
    void lettersSendTheirCharacterAndTheirUsPosition() {
        assertEquals(new KeyMapper.Stroke('a', 0x1e), KeyMapper.map(KeyCode.A, "a", false));
        assertEquals(new KeyMapper.Stroke('A', 0x1e), KeyMapper.map(KeyCode.A, "A", true));
        assertEquals(new KeyMapper.Stroke('!', 0x02), KeyMapper.map(KeyCode.DIGIT1, "!", true));
    }

    @Test
    void theTypedTextWinsOverTheKeyCodeForTheKeysym() {
        // A French keyboard's 2 key types é: the VM gets é, the scancode stays the key's US position.
        assertEquals(new KeyMapper.Stroke(0xe9, 0x03), KeyMapper.map(KeyCode.DIGIT2, "é", false));
        assertEquals(new KeyMapper.Stroke(0x010020ac, 0x12), KeyMapper.map(KeyCode.E, "€", false));
    }

    @Test
    void withoutUsableTextTheUsCharacterIsSent() {
        // Ctrl+C gives a control character (or nothing) as text on some platforms.
        assertEquals(new KeyMapper.Stroke('c', 0x2e), KeyMapper.map(KeyCode.C, "\u0003", false));
        assertEquals(new KeyMapper.Stroke('C', 0x2e), KeyMapper.map(KeyCode.C, "", true));
        assertEquals(new KeyMapper.Stroke('/', 0x35), KeyMapper.map(KeyCode.SLASH, null, false));
        assertEquals(new KeyMapper.Stroke('?', 0x35), KeyMapper.map(KeyCode.SLASH, null, true));
    }

    @Test
    void functionAndEditingKeysUseTheirKeysymsWhateverTheText() {
        assertEquals(new KeyMapper.Stroke(Keys.RETURN, 0x1c), KeyMapper.map(KeyCode.ENTER, "\r", false));
        assertEquals(new KeyMapper.Stroke(Keys.TAB, 0x0f), KeyMapper.map(KeyCode.TAB, "\t", false));
        assertEquals(new KeyMapper.Stroke(Keys.BACKSPACE, 0x0e), KeyMapper.map(KeyCode.BACK_SPACE, "\b", false));
        assertEquals(new KeyMapper.Stroke(Keys.ESCAPE, 0x01), KeyMapper.map(KeyCode.ESCAPE, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.DELETE, 0xd3), KeyMapper.map(KeyCode.DELETE, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.UP, 0xc8), KeyMapper.map(KeyCode.UP, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.LEFT, 0xcb), KeyMapper.map(KeyCode.LEFT, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.F1, 0x3b), KeyMapper.map(KeyCode.F1, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.F12, 0x58), KeyMapper.map(KeyCode.F12, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.PAGE_DOWN, 0xd1), KeyMapper.map(KeyCode.PAGE_DOWN, "", false));
    }

    @Test
    void modifiersAreTheLeftKeysBecauseJavaFxCannotTellLeftFromRight() {
        assertEquals(new KeyMapper.Stroke(Keys.CONTROL_L, 0x1d), KeyMapper.map(KeyCode.CONTROL, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.SHIFT_L, 0x2a), KeyMapper.map(KeyCode.SHIFT, "", true));
        assertEquals(new KeyMapper.Stroke(Keys.ALT_L, 0x38), KeyMapper.map(KeyCode.ALT, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.ISO_LEVEL3_SHIFT, 0xb8), KeyMapper.map(KeyCode.ALT_GRAPH, "", false));
        assertEquals(new KeyMapper.Stroke(Keys.SUPER_L, 0xdb), KeyMapper.map(KeyCode.WINDOWS, "", false));
    }

    @Test
    void theKeypadSendsKeypadKeysymsEvenWhenItTypesDigits() {
        assertEquals(new KeyMapper.Stroke(Keys.KP_0 + 7, 0x47), KeyMapper.map(KeyCode.NUMPAD7, "7", false));
        assertEquals(new KeyMapper.Stroke(Keys.KP_ADD, 0x4e), KeyMapper.map(KeyCode.ADD, "+", false));
        assertEquals(new KeyMapper.Stroke(Keys.KP_DIVIDE, 0xb5), KeyMapper.map(KeyCode.DIVIDE, "/", false));
    }

    @Test
    void keysNamedByTheirCharacterGetTheUsPositionOfIt() {
        assertEquals(new KeyMapper.Stroke('!', 0x02), KeyMapper.map(KeyCode.EXCLAMATION_MARK, "!", false));
        assertEquals(new KeyMapper.Stroke(0xfc, 0), KeyMapper.map(KeyCode.UNDEFINED, "ü", false));
        assertNull(KeyMapper.map(KeyCode.UNDEFINED, "", false));
    }
}
