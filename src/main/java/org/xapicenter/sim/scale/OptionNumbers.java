package org.xapicenter.sim.scale;

/** Reads a command-line option's whole-number value, so that every command words a bad one alike. */
public final class OptionNumbers {
    private OptionNumbers() {
    }

    /** {@code value} as a number from {@code min} to {@code max}; otherwise a sentence naming {@code option}. */
    public static int inRange(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number " + min + "-" + max + ", not " + value);
        }
    }
}
