package org.xapicenter.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void latin1CharactersAreTheirOwnKeysymAndOthersAreUnicodeKeysyms() {
        assertEquals(0x61, Keys.keysymForChar('a'));
        assertEquals(0x41, Keys.keysymForChar('A'));
        assertEquals(0x20, Keys.keysymForChar(' '));
        assertEquals(0xe9, Keys.keysymForChar('é'));
        assertEquals(0x010020ac, Keys.keysymForChar('€'));
        assertEquals(0x0100263a, Keys.keysymForChar('☺'));
        assertEquals(0x0101f600, Keys.keysymForCodePoint(0x1f600));
    }

    @Test
    void controlCharactersMapToTheirKeysOrToNothing() {
        assertEquals(Keys.RETURN, Keys.keysymForChar('\r'));
        assertEquals(Keys.RETURN, Keys.keysymForChar('\n'));
        assertEquals(Keys.TAB, Keys.keysymForChar('\t'));
        assertEquals(Keys.BACKSPACE, Keys.keysymForChar('\b'));
        assertEquals(Keys.ESCAPE, Keys.keysymForChar((char) 0x1b));
        assertEquals(Keys.DELETE, Keys.keysymForChar((char) 0x7f));
        assertEquals(0, Keys.keysymForChar((char) 0x01));
        assertEquals(0, Keys.keysymForChar((char) 0x85));
    }

    @Test
    void keysymValuesAreTheX11Ones() {
        assertEquals(0xff0d, Keys.RETURN);
        assertEquals(0xff08, Keys.BACKSPACE);
        assertEquals(0xff1b, Keys.ESCAPE);
        assertEquals(0xffff, Keys.DELETE);
        assertEquals(0xffbe, Keys.F1);
        assertEquals(0xffc9, Keys.F12);
        assertEquals(0xffe4, Keys.CONTROL_R);
    }

    @Test
    void scancodesFollowTheUsPcKeyboard() {
        assertEquals(0x1e, Keys.scancodeForKeysym('a'));
        assertEquals(0x1e, Keys.scancodeForKeysym('A'));
        assertEquals(0x10, Keys.scancodeForKeysym('q'));
        assertEquals(0x2c, Keys.scancodeForKeysym('z'));
        assertEquals(0x32, Keys.scancodeForKeysym('m'));
        assertEquals(0x02, Keys.scancodeForKeysym('1'));
        assertEquals(0x02, Keys.scancodeForKeysym('!'));
        assertEquals(0x0b, Keys.scancodeForKeysym('0'));
        assertEquals(0x29, Keys.scancodeForKeysym('`'));
        assertEquals(0x2b, Keys.scancodeForKeysym('|'));
        assertEquals(0x35, Keys.scancodeForKeysym('?'));
        assertEquals(0x39, Keys.scancodeForKeysym(' '));
        assertEquals(0x1c, Keys.scancodeForKeysym(Keys.RETURN));
        assertEquals(0x0e, Keys.scancodeForKeysym(Keys.BACKSPACE));
        assertEquals(0x0f, Keys.scancodeForKeysym(Keys.TAB));
        assertEquals(0x01, Keys.scancodeForKeysym(Keys.ESCAPE));
        assertEquals(0x3b, Keys.scancodeForKeysym(Keys.F1));
        assertEquals(0x44, Keys.scancodeForKeysym(Keys.F1 + 9));
        assertEquals(0x57, Keys.scancodeForKeysym(Keys.F1 + 10));
        assertEquals(0x58, Keys.scancodeForKeysym(Keys.F12));
        assertEquals(0x2a, Keys.scancodeForKeysym(Keys.SHIFT_L));
        assertEquals(0x36, Keys.scancodeForKeysym(Keys.SHIFT_R));
        assertEquals(0x1d, Keys.scancodeForKeysym(Keys.CONTROL_L));
        assertEquals(0x38, Keys.scancodeForKeysym(Keys.ALT_L));
        assertEquals(0x3a, Keys.scancodeForKeysym(Keys.CAPS_LOCK));
    }

    @Test
    void extendedKeysCarryTheE0BitAsQemuNumbersThem() {
        assertEquals(0x9d, Keys.scancodeForKeysym(Keys.CONTROL_R));
        assertEquals(0xb8, Keys.scancodeForKeysym(Keys.ALT_R));
        assertEquals(0xc8, Keys.scancodeForKeysym(Keys.UP));
        assertEquals(0xd0, Keys.scancodeForKeysym(Keys.DOWN));
        assertEquals(0xcb, Keys.scancodeForKeysym(Keys.LEFT));
        assertEquals(0xcd, Keys.scancodeForKeysym(Keys.RIGHT));
        assertEquals(0xc7, Keys.scancodeForKeysym(Keys.HOME));
        assertEquals(0xcf, Keys.scancodeForKeysym(Keys.END));
        assertEquals(0xc9, Keys.scancodeForKeysym(Keys.PAGE_UP));
        assertEquals(0xd1, Keys.scancodeForKeysym(Keys.PAGE_DOWN));
        assertEquals(0xd2, Keys.scancodeForKeysym(Keys.INSERT));
        assertEquals(0xd3, Keys.scancodeForKeysym(Keys.DELETE));
        assertEquals(0xdb, Keys.scancodeForKeysym(Keys.SUPER_L));
        assertEquals(0xdc, Keys.scancodeForKeysym(Keys.SUPER_R));
        assertEquals(0x9c, Keys.scancodeForKeysym(Keys.KP_ENTER));
        assertEquals(0xb5, Keys.scancodeForKeysym(Keys.KP_DIVIDE));
        assertEquals(Keys.SCAN_CONTROL_R, Keys.scancodeForKeysym(Keys.CONTROL_R));
        assertEquals(Keys.SCAN_DELETE, Keys.scancodeForKeysym(Keys.DELETE));
    }

    @Test
    void keypadKeysShareTheirPositionWithAndWithoutNumLock() {
        assertEquals(0x47, Keys.scancodeForKeysym(Keys.KP_0 + 7));
        assertEquals(0x47, Keys.scancodeForKeysym(Keys.KP_HOME));
        assertEquals(0x52, Keys.scancodeForKeysym(Keys.KP_0));
        assertEquals(0x53, Keys.scancodeForKeysym(Keys.KP_DECIMAL));
        assertEquals(0x37, Keys.scancodeForKeysym(Keys.KP_MULTIPLY));
        assertEquals(0x4e, Keys.scancodeForKeysym(Keys.KP_ADD));
    }

    @Test
    void keysNoUsKeyboardHasHaveNoScancode() {
        assertEquals(0, Keys.scancodeForKeysym(0xe9));
        assertEquals(0, Keys.scancodeForKeysym(0x010020ac));
        assertEquals(0, Keys.scancodeForKeysym(0x12345));
    }

    @Test
    void shiftIsNeededForUpperCaseAndShiftedPunctuationOnly() {
        assertTrue(Keys.needsShift('A'));
        assertTrue(Keys.needsShift('!'));
        assertTrue(Keys.needsShift('"'));
        assertTrue(Keys.needsShift('~'));
        assertFalse(Keys.needsShift('a'));
        assertFalse(Keys.needsShift('1'));
        assertFalse(Keys.needsShift(' '));
        assertFalse(Keys.needsShift(Keys.RETURN));
    }

    @Test
    void charForGivesWhatAUsKeyboardTypes() {
        assertEquals('a', Keys.charFor(0x1e, false));
        assertEquals('A', Keys.charFor(0x1e, true));
        assertEquals('1', Keys.charFor(0x02, false));
        assertEquals('!', Keys.charFor(0x02, true));
        assertEquals('-', Keys.charFor(0x0c, false));
        assertEquals('_', Keys.charFor(0x0c, true));
        assertEquals('\'', Keys.charFor(0x28, false));
        assertEquals('"', Keys.charFor(0x28, true));
        assertEquals(' ', Keys.charFor(0x39, true));
        assertEquals('\r', Keys.charFor(0x1c, false));
        assertEquals('\r', Keys.charFor(0x9c, false));
        assertEquals('\b', Keys.charFor(0x0e, false));
        assertEquals('\t', Keys.charFor(0x0f, false));
        assertEquals('7', Keys.charFor(0x47, false));
        assertEquals('/', Keys.charFor(0xb5, false));
        assertEquals('\0', Keys.charFor(0x2a, false));
        assertEquals('\0', Keys.charFor(0xc8, false));
        assertEquals('\0', Keys.charFor(0x3b, false));
    }

    @Test
    void everyPrintableAsciiCharacterRoundTripsThroughItsKey() {
        for (char c = 0x20; c < 0x7f; c++) {
            int keysym = Keys.keysymForChar(c);
            int scancode = Keys.scancodeForKeysym(keysym);
            assertTrue(scancode != 0, "no key for " + c);
            assertEquals(c, Keys.charFor(scancode, Keys.needsShift(keysym)), "round trip of " + c);
            assertEquals(c, Keys.codePointForKeysym(keysym));
        }
    }

    @Test
    void codePointForKeysymInvertsKeysymForChar() {
        assertEquals('é', Keys.codePointForKeysym(Keys.keysymForChar('é')));
        assertEquals('€', Keys.codePointForKeysym(Keys.keysymForChar('€')));
        assertEquals('\r', Keys.codePointForKeysym(Keys.RETURN));
        assertEquals('\b', Keys.codePointForKeysym(Keys.BACKSPACE));
        assertEquals('5', Keys.codePointForKeysym(Keys.KP_0 + 5));
        assertEquals(-1, Keys.codePointForKeysym(Keys.F1));
        assertEquals(-1, Keys.codePointForKeysym(Keys.SHIFT_L));
        assertEquals(-1, Keys.codePointForKeysym(0x01000007));
    }

    @Test
    void modifiersAreRecognised() {
        assertTrue(Keys.isModifier(Keys.SHIFT_L));
        assertTrue(Keys.isModifier(Keys.CONTROL_R));
        assertTrue(Keys.isModifier(Keys.SUPER_R));
        assertTrue(Keys.isModifier(Keys.ISO_LEVEL3_SHIFT));
        assertFalse(Keys.isModifier('a'));
        assertFalse(Keys.isModifier(Keys.RETURN));
        assertTrue(Keys.isShift(Keys.SCAN_SHIFT_R));
        assertFalse(Keys.isShift(Keys.SCAN_CONTROL_L));
    }
}
