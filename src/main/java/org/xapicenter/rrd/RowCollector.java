package org.xapicenter.rrd;

import java.util.Arrays;
import java.util.List;

/**
 * Gathers the rows of one document as they stream by, straight into one primitive array per kept
 * column, then hands them over oldest first, one row per time. The arrays grow only with what the
 * document really holds, never to more than twice the rows it has delivered (a {@code <rows>} claim
 * only picks the step of growth), and {@link RrdLimits#maxValues()} bounds rows x kept columns before
 * each row is admitted. Rows are numbered from 1 in document order for messages.
 *
 * <p>Column-major from the start means {@link #finish} needs no transposed second copy: in document
 * order (rrdtool) the arrays are handed over as they are, newest first (XAPI) they are reversed in
 * place, and only a shuffled document or spare capacity costs a copy, one column at a time.
 */
final class RowCollector {
    /** Rows held before the first growth when the document claims no row count. */
    private static final int FIRST_ROWS = 64;

    /** Values each row of the document carries (one per legend entry). */
    private final int documentColumns;
    /** Per document column, its kept column or -1 (read, then dropped); null: all kept, in order. */
    private final int[] slots;
    /** Columns stored. */
    private final int columns;
    private final int maxRows;
    private final long maxValues;
    /** The document's own row count, or -1: a hint for growth, never an allocation by itself. */
    private final long claimedRows;
    private long[] times;
    private double[][] values; // values[column][row], capacity times.length
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
        this(columns, null, columns, limits, -1, columnsNoun);
    }

    /**
     * Rows of {@code documentColumns} values of which only those with a {@code slots} entry of 0 or more
     * are stored, at that column ({@code slots == null}: every one, in order). {@code claimedRows} is
     * the document's {@code <rows>} (already checked against the row limit) or -1.
     */
    RowCollector(int documentColumns, int[] slots, int keptColumns, RrdLimits limits, long claimedRows) {
        this(documentColumns, slots, keptColumns, limits, claimedRows, "the legend names %d");
    }

    private RowCollector(int documentColumns, int[] slots, int columns, RrdLimits limits, long claimedRows,
            String columnsNoun) {
        this.columnsNoun = columnsNoun;
        this.documentColumns = documentColumns;
        this.slots = slots;
        this.columns = columns;
        this.maxRows = limits.maxRows();
        this.maxValues = limits.maxValues();
        this.claimedRows = claimedRows;
        this.times = new long[0];
        this.values = new double[columns][];
        Arrays.fill(values, new double[0]); // shared while empty: every growth copies into a column's own
    }

    int rows() {
        return rows;
    }

    /** Rows the arrays can hold before they grow again (for tests of the growth rule). */
    int capacity() {
        return times.length;
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
        if ((long) (rows + 1) * columns > maxValues) {
            throw new RrdFormatException("The document has more than " + maxValues + " values (rows x "
                    + "columns), the limit.", "row " + (rows + 1));
        }
        if (rows == times.length) {
            grow();
        }
        filled = 0;
        rowHasTime = false;
    }

    /**
     * To the claimed row count when the rows delivered are at least half of it (so a lying claim costs
     * at most twice the real content), else by half again; never past the row or value limit.
     */
    private void grow() {
        long next;
        if (claimedRows > rows && claimedRows <= 2L * Math.max(rows, FIRST_ROWS)) {
            next = claimedRows;
        } else {
            next = rows == 0 ? FIRST_ROWS : rows + (rows >> 1);
        }
        next = Math.min(next, maxRows);
        if (columns > 0) {
            next = Math.min(next, maxValues / columns);
        }
        int capacity = (int) Math.max(next, rows + 1L);
        times = Arrays.copyOf(times, capacity);
        for (int c = 0; c < columns; c++) {
            values[c] = Arrays.copyOf(values[c], capacity);
        }
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
        if (column >= 0) {
            values[column][rows] = v;
        }
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

    /**
     * The rows oldest first, one per time (of rows sharing a time the one last in the document wins).
     * Hands its arrays over: the collector is spent afterwards.
     */
    RrdUpdate finish(long start, long end, long step, List<LegendEntry> legend) {
        Order order = order();
        long[] sortedTimes;
        if (order == Order.ASCENDING) {
            sortedTimes = trimmed(times);
            for (int c = 0; c < columns; c++) {
                values[c] = trimmed(values[c]);
            }
        } else if (order == Order.DESCENDING) {
            sortedTimes = trimmed(reverse(times));
            for (int c = 0; c < columns; c++) {
                values[c] = trimmed(reverse(values[c]));
            }
        } else {
            int[] keep = shuffledOrder();
            sortedTimes = pick(times, keep);
            for (int c = 0; c < columns; c++) {
                values[c] = pick(values[c], keep); // one column at a time: the old one is garbage at once
            }
        }
        double[][] byColumn = values;
        values = null;
        times = null;
        return new RrdUpdate(start, end, step, List.copyOf(legend), sortedTimes, byColumn);
    }

    private enum Order { ASCENDING, DESCENDING, SHUFFLED }

    private Order order() {
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
        return ascending ? Order.ASCENDING : descending ? Order.DESCENDING : Order.SHUFFLED;
    }

    private long[] trimmed(long[] a) {
        return a.length == rows ? a : Arrays.copyOf(a, rows);
    }

    private double[] trimmed(double[] a) {
        return a.length == rows ? a : Arrays.copyOf(a, rows);
    }

    private long[] reverse(long[] a) {
        for (int i = 0, j = rows - 1; i < j; i++, j--) {
            long x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
        return a;
    }

    private double[] reverse(double[] a) {
        for (int i = 0, j = rows - 1; i < j; i++, j--) {
            double x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
        return a;
    }

    private static long[] pick(long[] from, int[] rowsInOrder) {
        long[] out = new long[rowsInOrder.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = from[rowsInOrder[i]];
        }
        return out;
    }

    private static double[] pick(double[] from, int[] rowsInOrder) {
        double[] out = new double[rowsInOrder.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = from[rowsInOrder[i]];
        }
        return out;
    }

    /** Neither order: sort by (time, document position) and keep the last of each time. */
    private int[] shuffledOrder() {
        Integer[] idx = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        int[] order = new int[rows];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (i + 1 < rows && times[idx[i + 1]] == times[idx[i]]) {
                continue; // a later copy of the same time follows
            }
            order[n++] = idx[i];
        }
        return Arrays.copyOf(order, n);
    }
}
