package org.xapicenter.rfb;

import java.util.HashMap;
import java.util.Map;

/**
 * The one US-layout key table the console view, the RFB client and the simulator's console share:
 * X11 keysyms (what RFB KeyEvent carries), QEMU "qnum" scancodes (what the QEMU extended key event
 * carries: XT set 1, with 0xE0-prefixed keys as {@code 0x80 | code}) and the characters a US
 * keyboard types. Keysym values are the X11 protocol's own numbers (keysymdef.h); scancodes are the
 * physical key positions of a PC keyboard, which is why a US table is enough: the guest applies its
 * own layout to the position.
 */
public final class Keys {
    // Function and editing keys (X11 keysyms).
    public static final int BACKSPACE = 0xff08;
    public static final int TAB = 0xff09;
    public static final int RETURN = 0xff0d;
    public static final int PAUSE = 0xff13;
    public static final int SCROLL_LOCK = 0xff14;
    public static final int SYS_REQ = 0xff15;
    public static final int ESCAPE = 0xff1b;
    public static final int HOME = 0xff50;
    public static final int LEFT = 0xff51;
    public static final int UP = 0xff52;
    public static final int RIGHT = 0xff53;
    public static final int DOWN = 0xff54;
    public static final int PAGE_UP = 0xff55;
    public static final int PAGE_DOWN = 0xff56;
    public static final int END = 0xff57;
    public static final int PRINT = 0xff61;
    public static final int INSERT = 0xff63;
    public static final int MENU = 0xff67;
    public static final int NUM_LOCK = 0xff7f;
    public static final int DELETE = 0xffff;

    // Keypad.
    public static final int KP_ENTER = 0xff8d;
    public static final int KP_HOME = 0xff95;
    public static final int KP_LEFT = 0xff96;
    public static final int KP_UP = 0xff97;
    public static final int KP_RIGHT = 0xff98;
    public static final int KP_DOWN = 0xff99;
    public static final int KP_PAGE_UP = 0xff9a;
    public static final int KP_PAGE_DOWN = 0xff9b;
    public static final int KP_END = 0xff9c;
    public static final int KP_BEGIN = 0xff9d;
    public static final int KP_INSERT = 0xff9e;
    public static final int KP_DELETE = 0xff9f;
    public static final int KP_MULTIPLY = 0xffaa;
    public static final int KP_ADD = 0xffab;
    public static final int KP_SEPARATOR = 0xffac;
    public static final int KP_SUBTRACT = 0xffad;
    public static final int KP_DECIMAL = 0xffae;
    public static final int KP_DIVIDE = 0xffaf;
    /** KP_0..KP_9 are consecutive from here. */
    public static final int KP_0 = 0xffb0;

    /** F1..F12 are consecutive from here (F13+ exist but no PC keyboard has them in set 1). */
    public static final int F1 = 0xffbe;
    public static final int F12 = 0xffc9;

    // Modifiers.
    public static final int SHIFT_L = 0xffe1;
    public static final int SHIFT_R = 0xffe2;
    public static final int CONTROL_L = 0xffe3;
    public static final int CONTROL_R = 0xffe4;
    public static final int CAPS_LOCK = 0xffe5;
    public static final int META_L = 0xffe7;
    public static final int META_R = 0xffe8;
    public static final int ALT_L = 0xffe9;
    public static final int ALT_R = 0xffea;
    public static final int SUPER_L = 0xffeb;
    public static final int SUPER_R = 0xffec;
    /** AltGr on most European layouts. */
    public static final int ISO_LEVEL3_SHIFT = 0xfe03;

    public static final int SPACE = 0x20;

    // Scancodes (qnum) of the keys the UI names directly.
    public static final int SCAN_ESCAPE = 0x01;
    public static final int SCAN_BACKSPACE = 0x0e;
    public static final int SCAN_TAB = 0x0f;
    public static final int SCAN_RETURN = 0x1c;
    public static final int SCAN_CONTROL_L = 0x1d;
    public static final int SCAN_SHIFT_L = 0x2a;
    public static final int SCAN_SHIFT_R = 0x36;
    public static final int SCAN_ALT_L = 0x38;
    public static final int SCAN_SPACE = 0x39;
    public static final int SCAN_CONTROL_R = 0x9d;
    public static final int SCAN_ALT_R = 0xb8;
    public static final int SCAN_UP = 0xc8;
    public static final int SCAN_LEFT = 0xcb;
    public static final int SCAN_RIGHT = 0xcd;
    public static final int SCAN_DOWN = 0xd0;
    public static final int SCAN_DELETE = 0xd3;

    /** qnum -> the two characters the key types without and with Shift. */
    private static final Map<Integer, String> PRINTABLE = new HashMap<>();
    /** keysym -> qnum, for every keysym a US keyboard produces. */
    private static final Map<Integer, Integer> SCANCODE = new HashMap<>();

    static {
        row(0x02, "1!", "2@", "3#", "4$", "5%", "6^", "7&", "8*", "9(", "0)", "-_", "=+");
        row(0x10, "qQ", "wW", "eE", "rR", "tT", "yY", "uU", "iI", "oO", "pP", "[{", "]}");
        row(0x1e, "aA", "sS", "dD", "fF", "gG", "hH", "jJ", "kK", "lL", ";:", "'\"", "`~");
        row(0x2b, "\\|", "zZ", "xX", "cC", "vV", "bB", "nN", "mM", ",<", ".>", "/?");
        row(0x39, "  ");

        scan(ESCAPE, 0x01);
        scan(BACKSPACE, 0x0e);
        scan(TAB, 0x0f);
        scan(RETURN, 0x1c);
        scan(CONTROL_L, 0x1d);
        scan(SHIFT_L, 0x2a);
        scan(SHIFT_R, 0x36);
        scan(KP_MULTIPLY, 0x37);
        scan(ALT_L, 0x38);
        scan(META_L, 0x38);
        scan(CAPS_LOCK, 0x3a);
        for (int i = 0; i < 10; i++) {
            scan(F1 + i, 0x3b + i);
        }
        scan(NUM_LOCK, 0x45);
        scan(SCROLL_LOCK, 0x46);
        keypad(KP_0 + 7, KP_HOME, 0x47);
        keypad(KP_0 + 8, KP_UP, 0x48);
        keypad(KP_0 + 9, KP_PAGE_UP, 0x49);
        scan(KP_SUBTRACT, 0x4a);
        keypad(KP_0 + 4, KP_LEFT, 0x4b);
        keypad(KP_0 + 5, KP_BEGIN, 0x4c);
        keypad(KP_0 + 6, KP_RIGHT, 0x4d);
        scan(KP_ADD, 0x4e);
        keypad(KP_0 + 1, KP_END, 0x4f);
        keypad(KP_0 + 2, KP_DOWN, 0x50);
        keypad(KP_0 + 3, KP_PAGE_DOWN, 0x51);
        keypad(KP_0, KP_INSERT, 0x52);
        keypad(KP_DECIMAL, KP_DELETE, 0x53);
        scan(KP_SEPARATOR, 0x53);
        scan(F1 + 10, 0x57);
        scan(F12, 0x58);
        // The 0xE0-prefixed keys.
        scan(KP_ENTER, 0x9c);
        scan(CONTROL_R, 0x9d);
        scan(KP_DIVIDE, 0xb5);
        scan(PRINT, 0xb7);
        scan(SYS_REQ, 0xb7);
        scan(ALT_R, 0xb8);
        scan(META_R, 0xb8);
        scan(ISO_LEVEL3_SHIFT, 0xb8);
        scan(PAUSE, 0xc6);
        scan(HOME, 0xc7);
        scan(UP, 0xc8);
        scan(PAGE_UP, 0xc9);
        scan(LEFT, 0xcb);
        scan(RIGHT, 0xcd);
        scan(END, 0xcf);
        scan(DOWN, 0xd0);
        scan(PAGE_DOWN, 0xd1);
        scan(INSERT, 0xd2);
        scan(DELETE, 0xd3);
        scan(SUPER_L, 0xdb);
        scan(SUPER_R, 0xdc);
        scan(MENU, 0xdd);
    }

    private Keys() {
    }

    private static void row(int firstScancode, String... keys) {
        for (int i = 0; i < keys.length; i++) {
            String pair = keys[i];
            int code = firstScancode + i;
            PRINTABLE.put(code, pair);
            SCANCODE.put((int) pair.charAt(0), code);
            SCANCODE.put((int) pair.charAt(1), code);
        }
    }

    private static void scan(int keysym, int scancode) {
        SCANCODE.put(keysym, scancode);
    }

    private static void keypad(int withNumLock, int withoutNumLock, int scancode) {
        scan(withNumLock, scancode);
        scan(withoutNumLock, scancode);
    }

    /**
     * The keysym that types {@code c}: the control characters of Return, Tab, BackSpace, Escape and
     * Delete map to those keys; other Latin-1 characters are their own keysym (X11 defines them so);
     * everything else is a Unicode keysym {@code 0x01000000 | codepoint}. Returns 0 for other
     * control characters, which no key types.
     */
    public static int keysymForChar(char c) {
        return keysymForCodePoint(c);
    }

    /** As {@link #keysymForChar}, for a code point (characters beyond the BMP included). */
    public static int keysymForCodePoint(int cp) {
        switch (cp) {
            case '\r':
            case '\n':
                return RETURN;
            case '\t':
                return TAB;
            case '\b':
                return BACKSPACE;
            case 0x1b:
                return ESCAPE;
            case 0x7f:
                return DELETE;
            default:
                break;
        }
        if (cp < 0x20 || (cp >= 0x80 && cp < 0xa0) || cp > Character.MAX_CODE_POINT) {
            return 0;
        }
        if (cp <= 0xff) {
            return cp;
        }
        return 0x01000000 | cp;
    }

    /**
     * The code point a keysym types, or -1 when it types none (function keys, modifiers). The inverse
     * of {@link #keysymForCodePoint} for printable characters; Return types {@code '\r'}, Tab
     * {@code '\t'}, BackSpace {@code '\b'}; keypad digits and operators type their characters.
     */
    public static int codePointForKeysym(int keysym) {
        if ((keysym >= 0x20 && keysym <= 0x7e) || (keysym >= 0xa0 && keysym <= 0xff)) {
            return keysym;
        }
        if ((keysym & 0xff000000) == 0x01000000) {
            int cp = keysym & 0x00ffffff;
            return cp <= Character.MAX_CODE_POINT && !Character.isISOControl(cp) ? cp : -1;
        }
        if (keysym >= KP_0 && keysym <= KP_0 + 9) {
            return '0' + (keysym - KP_0);
        }
        return switch (keysym) {
            case RETURN, KP_ENTER -> '\r';
            case TAB -> '\t';
            case BACKSPACE -> '\b';
            case KP_MULTIPLY -> '*';
            case KP_ADD -> '+';
            case KP_SUBTRACT -> '-';
            case KP_DECIMAL -> '.';
            case KP_DIVIDE -> '/';
            default -> -1;
        };
    }

    /**
     * The qnum scancode of the key that produces {@code keysym} on a US keyboard, or 0 when no key of
     * a US PC keyboard does (an accented letter, a Unicode keysym). Shifted characters map to their
     * key ({@code '!'} to the 1 key); the caller sends Shift itself.
     */
    public static int scancodeForKeysym(int keysym) {
        Integer code = SCANCODE.get(keysym);
        return code == null ? 0 : code;
    }

    /** Whether a US keyboard needs Shift held to type this keysym ({@code 'A'}, {@code '!'}). */
    public static boolean needsShift(int keysym) {
        Integer code = SCANCODE.get(keysym);
        if (code == null) {
            return false;
        }
        String pair = PRINTABLE.get(code);
        return pair != null && pair.charAt(1) == keysym && pair.charAt(0) != keysym;
    }

    /**
     * The character the key at {@code scancode} types on a US keyboard, with or without Shift:
     * printable keys their character, Return {@code '\r'}, Tab {@code '\t'}, BackSpace
     * {@code '\b'}, the keypad its digits and operators (as with Num Lock on); {@code '\0'} for keys
     * that type nothing (modifiers, arrows, function keys).
     */
    public static char charFor(int scancode, boolean shift) {
        String pair = PRINTABLE.get(scancode);
        if (pair != null) {
            return pair.charAt(shift ? 1 : 0);
        }
        return switch (scancode) {
            case 0x1c, 0x9c -> '\r';
            case 0x0f -> '\t';
            case 0x0e -> '\b';
            case 0x37 -> '*';
            case 0x4a -> '-';
            case 0x4e -> '+';
            case 0xb5 -> '/';
            case 0x53 -> '.';
            case 0x52 -> '0';
            case 0x4f -> '1';
            case 0x50 -> '2';
            case 0x51 -> '3';
            case 0x4b -> '4';
            case 0x4c -> '5';
            case 0x4d -> '6';
            case 0x47 -> '7';
            case 0x48 -> '8';
            case 0x49 -> '9';
            default -> '\0';
        };
    }

    /** Whether this scancode is a Shift key (left or right). */
    public static boolean isShift(int scancode) {
        return scancode == SCAN_SHIFT_L || scancode == SCAN_SHIFT_R;
    }

    /** Whether this keysym is a modifier (Shift, Control, Alt, Meta, Super, Caps Lock, AltGr). */
    public static boolean isModifier(int keysym) {
        return (keysym >= SHIFT_L && keysym <= 0xffee) || keysym == ISO_LEVEL3_SHIFT;
    }
}
