package org.xapicenter.ui.console;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.input.KeyCode;
import org.xapicenter.rfb.Keys;

/**
 * Turns a JavaFX key into what RFB sends: an X11 keysym and a QEMU scancode.
 *
 * <p>JavaFX does not expose physical key positions: a {@code KeyEvent} carries a layout-dependent
 * {@link KeyCode}, the text the key produced and the modifier state, but no hardware scancode (the
 * platform's scancode is dropped in the glass layer; see javafxports/openjdk-jfx#358), and it does not
 * tell the left from the right Shift, Ctrl or Alt key either. So the scancode here is the best portable
 * guess: the position the KeyCode's key has on a US keyboard, which is exactly right when the desktop's
 * layout is US and otherwise matches the character rather than the key. The keysym comes from the
 * text the key typed whenever there is one (so a French or German desktop sends the character its user
 * sees), else from the KeyCode.
 */
public final class KeyMapper {
    /** What one key press or release sends. {@code scancode} is 0 when no US key matches. */
    public record Stroke(int keysym, int scancode) {
    }

    private static final Map<KeyCode, Integer> SPECIAL = new EnumMap<>(KeyCode.class);
    /** Keys that type a character on a US keyboard: the character without Shift. */
    private static final Map<KeyCode, Character> US_CHAR = new EnumMap<>(KeyCode.class);

    static {
        SPECIAL.put(KeyCode.ENTER, Keys.RETURN);
        SPECIAL.put(KeyCode.BACK_SPACE, Keys.BACKSPACE);
        SPECIAL.put(KeyCode.TAB, Keys.TAB);
        SPECIAL.put(KeyCode.ESCAPE, Keys.ESCAPE);
        SPECIAL.put(KeyCode.DELETE, Keys.DELETE);
        SPECIAL.put(KeyCode.INSERT, Keys.INSERT);
        SPECIAL.put(KeyCode.HOME, Keys.HOME);
        SPECIAL.put(KeyCode.END, Keys.END);
        SPECIAL.put(KeyCode.PAGE_UP, Keys.PAGE_UP);
        SPECIAL.put(KeyCode.PAGE_DOWN, Keys.PAGE_DOWN);
        SPECIAL.put(KeyCode.UP, Keys.UP);
        SPECIAL.put(KeyCode.DOWN, Keys.DOWN);
        SPECIAL.put(KeyCode.LEFT, Keys.LEFT);
        SPECIAL.put(KeyCode.RIGHT, Keys.RIGHT);
        KeyCode[] f = {KeyCode.F1, KeyCode.F2, KeyCode.F3, KeyCode.F4, KeyCode.F5, KeyCode.F6, KeyCode.F7,
            KeyCode.F8, KeyCode.F9, KeyCode.F10, KeyCode.F11, KeyCode.F12};
        for (int i = 0; i < f.length; i++) {
            SPECIAL.put(f[i], Keys.F1 + i);
        }
        // JavaFX reports both Shift (Ctrl, Alt) keys alike; the left one is the better guess.
        SPECIAL.put(KeyCode.SHIFT, Keys.SHIFT_L);
        SPECIAL.put(KeyCode.CONTROL, Keys.CONTROL_L);
        SPECIAL.put(KeyCode.ALT, Keys.ALT_L);
        SPECIAL.put(KeyCode.ALT_GRAPH, Keys.ISO_LEVEL3_SHIFT);
        SPECIAL.put(KeyCode.WINDOWS, Keys.SUPER_L);
        SPECIAL.put(KeyCode.META, Keys.SUPER_L);
        SPECIAL.put(KeyCode.COMMAND, Keys.SUPER_L);
        SPECIAL.put(KeyCode.CONTEXT_MENU, Keys.MENU);
        SPECIAL.put(KeyCode.CAPS, Keys.CAPS_LOCK);
        SPECIAL.put(KeyCode.NUM_LOCK, Keys.NUM_LOCK);
        SPECIAL.put(KeyCode.SCROLL_LOCK, Keys.SCROLL_LOCK);
        SPECIAL.put(KeyCode.PRINTSCREEN, Keys.PRINT);
        SPECIAL.put(KeyCode.PAUSE, Keys.PAUSE);
        KeyCode[] pad = {KeyCode.NUMPAD0, KeyCode.NUMPAD1, KeyCode.NUMPAD2, KeyCode.NUMPAD3, KeyCode.NUMPAD4,
            KeyCode.NUMPAD5, KeyCode.NUMPAD6, KeyCode.NUMPAD7, KeyCode.NUMPAD8, KeyCode.NUMPAD9};
        for (int i = 0; i < pad.length; i++) {
            SPECIAL.put(pad[i], Keys.KP_0 + i);
        }
        SPECIAL.put(KeyCode.MULTIPLY, Keys.KP_MULTIPLY);
        SPECIAL.put(KeyCode.ADD, Keys.KP_ADD);
        SPECIAL.put(KeyCode.SUBTRACT, Keys.KP_SUBTRACT);
        SPECIAL.put(KeyCode.DECIMAL, Keys.KP_DECIMAL);
        SPECIAL.put(KeyCode.DIVIDE, Keys.KP_DIVIDE);
        SPECIAL.put(KeyCode.SEPARATOR, Keys.KP_SEPARATOR);
        SPECIAL.put(KeyCode.KP_UP, Keys.KP_UP);
        SPECIAL.put(KeyCode.KP_DOWN, Keys.KP_DOWN);
        SPECIAL.put(KeyCode.KP_LEFT, Keys.KP_LEFT);
        SPECIAL.put(KeyCode.KP_RIGHT, Keys.KP_RIGHT);
        SPECIAL.put(KeyCode.BEGIN, Keys.KP_BEGIN);

        for (KeyCode c : KeyCode.values()) {
            if (c.isLetterKey()) {
                US_CHAR.put(c, Character.toLowerCase(c.getChar().charAt(0)));
            }
        }
        KeyCode[] digits = {KeyCode.DIGIT0, KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
            KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < digits.length; i++) {
            US_CHAR.put(digits[i], (char) ('0' + i));
        }
        US_CHAR.put(KeyCode.SPACE, ' ');
        US_CHAR.put(KeyCode.MINUS, '-');
        US_CHAR.put(KeyCode.EQUALS, '=');
        US_CHAR.put(KeyCode.OPEN_BRACKET, '[');
        US_CHAR.put(KeyCode.CLOSE_BRACKET, ']');
        US_CHAR.put(KeyCode.BACK_SLASH, '\\');
        US_CHAR.put(KeyCode.SEMICOLON, ';');
        US_CHAR.put(KeyCode.QUOTE, '\'');
        US_CHAR.put(KeyCode.BACK_QUOTE, '`');
        US_CHAR.put(KeyCode.COMMA, ',');
        US_CHAR.put(KeyCode.PERIOD, '.');
        US_CHAR.put(KeyCode.SLASH, '/');
    }

    private KeyMapper() {
    }

    /**
     * The stroke for a key press (use the same stroke for its release, whatever Shift did meanwhile).
     *
     * @param code the event's KeyCode
     * @param text the event's text: the character the key typed, if any
     * @param shift whether Shift was held
     * @return the stroke, or {@code null} for a key nothing on a PC keyboard matches
     */
    public static Stroke map(KeyCode code, String text, boolean shift) {
        Integer special = SPECIAL.get(code);
        if (special != null) {
            return new Stroke(special, Keys.scancodeForKeysym(special));
        }
        Character us = US_CHAR.get(code);
        int scancode = us == null ? 0 : Keys.scancodeForKeysym(us);
        int keysym = keysymOfText(text);
        if (keysym == 0 && us != null) {
            // No usable text (Ctrl held gives a control character on some platforms): the US character.
            keysym = Keys.keysymForChar(Keys.charFor(scancode, shift));
        }
        if (keysym == 0) {
            return null;
        }
        if (scancode == 0) {
            // A key JavaFX names by its character (EXCLAMATION_MARK, a dead key...): where US types it.
            scancode = Keys.scancodeForKeysym(keysym);
        }
        return new Stroke(keysym, scancode);
    }

    private static int keysymOfText(String text) {
        if (text == null || text.isEmpty() || text.codePointCount(0, text.length()) != 1) {
            return 0;
        }
        int cp = text.codePointAt(0);
        if (Character.isISOControl(cp)) {
            return 0;
        }
        return Keys.keysymForCodePoint(cp);
    }
}
