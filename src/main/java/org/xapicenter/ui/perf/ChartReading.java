package org.xapicenter.ui.perf;

import java.util.List;

/**
 * What the pointer hovers: the time nearest the pointer and every visible series' value there, already
 * formatted with units ("12.5 %", "1.2 GiB", "340 KiB/s").
 */
public record ChartReading(long time, List<Value> values) {
    public record Value(String id, String label, String text) {
    }
}
