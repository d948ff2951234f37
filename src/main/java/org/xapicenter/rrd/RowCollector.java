package org.xapicenter.rrd;

import java.util.Arrays;
import java.util.List;

/**
 * Gathers the rows of one document as they stream by, in primitive arrays that grow only with what the
 * document really holds (never with what its header claims), then hands them over oldest first, one
 * row per time. Rows are numbered from 1 in document order for messages.
 */
final class RowCollector {
    /** Values each row of the document carries (one per legend entry). */
    private final int documentColumns;
    /** Per document column, its kept column or -1 (dropped unread into storage); null: all kept. */
    private final int[] slots;
    /** Columns stored. */
    private final int columns;
    private final int maxRows;
    private long[] times = new long[64];
    private double[] values; // row-major while reading: row r, column c at r * columns + c
    private int rows;
    private int filled = -1; // values read in the open row (kept or not); -1 when no row is open
    private boolean rowHasTime;
    private int rowsWithTime;

    private final String columnsNoun;

    RowCollector(int columns, RrdLimits limits) {
        this(columns, limits, "the legend names %d");
    }

    /** {@code columnsNoun} says where the expected count comes from: "the dump has %d data sources". */
    RowCollector(int columns, RrdLimits limits, String columnsNoun) {
        this(columns, null, columns, limits, columnsNoun);
    }

    /**
     * Rows of {@code documentColumns} values of which only those with a {@code slots} entry of 0 or more
     * are stored, at that column ({@code slots == null}: every one, in order).
     */
    RowCollector(int documentColumns, int[] slots, int keptColumns, RrdLimits limits) {
        this(documentColumns, slots, keptColumns, limits, "the legend names %d");
    }

    private RowCollector(int documentColumns, int[] slots, int columns, RrdLimits limits, String columnsNoun) {
        this.columnsNoun = columnsNoun;
        this.documentColumns = documentColumns;
        this.slots = slots;
        this.columns = columns;
        this.maxRows = limits.maxRows();
        this.values = new double[Math.max(64, columns * 4)];
    }

    int rows() {
        return rows;
    }

    /** "row 12": the open row, or the next one. */
    String where() {
        return "row " + (rows + 1);
    }

    void startRow() throws RrdFormatException {
        if (rows >= maxRows) {
            throw new RrdFormatException("The document has more than " + maxRows + " rows, the limit.",
                    "row " + (rows + 1));
        }
        if (rows == times.length) {
            times = Arrays.copyOf(times, grow(times.length, maxRows));
        }
        filled = 0;
        rowHasTime = false;
    }

    void time(long t) throws RrdFormatException {
        if (rowHasTime) {
            throw new RrdFormatException("Row " + (rows + 1) + " has two times.", where());
        }
        rowHasTime = true;
        times[rows] = t;
    }

    void value(double v) throws RrdFormatException {
        if (filled >= documentColumns) {
            throw new RrdFormatException("Row " + (rows + 1) + " has more values than "
                    + String.format(columnsNoun, documentColumns) + ".", where());
        }
        int column = slots == null ? filled : slots[filled];
        filled++;
        if (column < 0) {
            return;
        }
        long index = (long) rows * columns + column;
        if (index >= values.length) {
            values = Arrays.copyOf(values, grow(values.length, Integer.MAX_VALUE - 16));
        }
        values[(int) index] = v;
    }

    void endRow() throws RrdFormatException {
        if (filled != documentColumns) {
            throw new RrdFormatException("Row " + (rows + 1) + " has " + filled + " value" + (filled == 1 ? "" : "s")
                    + ", " + String.format(columnsNoun, documentColumns) + ".", where());
        }
        if (rowHasTime) {
            rowsWithTime++;
        }
        rows++;
        filled = -1;
        if (rowsWithTime != 0 && rowsWithTime != rows) {
            throw new RrdFormatException("Row " + rows + (rowHasTime ? " has a time but earlier rows have none."
                    : " has no time but earlier rows have one."), "row " + rows);
        }
    }

    boolean rowsHaveTimes() {
        return rows > 0 && rowsWithTime == rows;
    }

    /** Gives rows without a time of their own the times {@code first + i * step} in document order. */
    void impliedTimes(long first, long step) {
        for (int i = 0; i < rows; i++) {
            times[i] = first + i * step;
        }
    }

    /**
     * Gives row {@code i} of {@code n} (document order, oldest first) the time {@code newest - (n-1-i) *
     * step}: the rule of an RRD dump.
     */
    void timesEndingAt(long newest, long step) {
        for (int i = 0; i < rows; i++) {
            times[i] = newest - (long) (rows - 1 - i) * step;
        }
    }

    /** The rows oldest first, one per time (of rows sharing a time the one last in the document wins). */
    RrdUpdate finish(long start, long end, long step, List<LegendEntry> legend) {
        int[] order = order();
        int n = order.length;
        long[] sortedTimes = new long[n];
        double[][] byColumn = new double[columns][n];
        for (int r = 0; r < n; r++) {
            int source = order[r];
            sortedTimes[r] = times[source];
            int base = source * columns;
            for (int c = 0; c < columns; c++) {
                byColumn[c][r] = values[base + c];
            }
        }
        return new RrdUpdate(start, end, step, List.copyOf(legend), sortedTimes, byColumn);
    }

    private int[] order() {
        boolean ascending = true;
        boolean descending = true;
        for (int i = 1; i < rows; i++) {
            if (times[i] <= times[i - 1]) {
                ascending = false;
            }
            if (times[i] >= times[i - 1]) {
                descending = false;
            }
        }
        int[] order = new int[rows];
        if (ascending || descending) {
            for (int i = 0; i < rows; i++) {
                order[i] = descending && !ascending ? rows - 1 - i : i;
            }
            return order;
        }
        // Neither order: sort by (time, document position) and keep the last of each time.
        Integer[] idx = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (i + 1 < rows && times[idx[i + 1]] == times[idx[i]]) {
                continue; // a later copy of the same time follows
            }
            order[n++] = idx[i];
        }
        return Arrays.copyOf(order, n);
    }

    private static int grow(int current, int cap) {
        long next = Math.max(16L, current + (long) (current >> 1));
        return (int) Math.min(next, cap);
    }
}
