package org.xapicenter.xapi.record;

/** A VM's power_state. Unknown values from newer hosts read as {@link #UNKNOWN}. */
public enum PowerState {
    HALTED, PAUSED, RUNNING, SUSPENDED, UNKNOWN;

    public static PowerState parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "halted" -> HALTED;
            case "paused" -> PAUSED;
            case "running" -> RUNNING;
            case "suspended" -> SUSPENDED;
            default -> UNKNOWN;
        };
    }

    /** The spelling XAPI uses on the wire ({@code "Running"}). */
    public String wireName() {
        return this == UNKNOWN ? "Unknown" : name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
