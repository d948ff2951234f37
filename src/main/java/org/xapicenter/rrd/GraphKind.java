package org.xapicenter.rrd;

/** The default graphs of a Performance tab, and where any other data source belongs. */
public enum GraphKind {
    CPU("CPU"),
    MEMORY("Memory"),
    NETWORK("Network"),
    DISK("Disk"),
    OTHER("Other");

    private final String title;

    GraphKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
