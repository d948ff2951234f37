package org.xapicenter.sim.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An 80x25 text screen and the pixels it shows (720x400, VGA text mode's 9x16 cells). Writing text
 * draws glyphs from {@link Glyphs}; reaching the bottom scrolls the pixels up one text row. Every change
 * is reported to the {@link Listener}s while this screen's monitor is held, so a viewer sees damage
 * and pixels consistently by taking the same monitor; viewers also wait on it for changes.
 */
public final class ConsoleScreen {
    public static final int COLUMNS = 80;
    public static final int ROWS = 25;
    public static final int WIDTH = COLUMNS * Glyphs.CELL_WIDTH;
    public static final int HEIGHT = ROWS * Glyphs.CELL_HEIGHT;

    /** VGA's text colours, the ones a Linux console uses. */
    public static final int GREY = 0xFFAAAAAA;
    public static final int WHITE = 0xFFFFFFFF;
    public static final int GREEN = 0xFF55FF55;
    public static final int RED = 0xFFFF5555;
    public static final int YELLOW = 0xFFFFFF55;
    public static final int BLUE = 0xFF5555FF;
    public static final int BLACK = 0xFF000000;

    /** What a viewer of the screen hears; called with the screen's monitor held, so it must be quick. */
    public interface Listener {
        /** Pixels inside this rectangle changed. */
        void damaged(int x, int y, int w, int h);

        /** The whole screen moved up by {@code pixels} rows; the rows uncovered at the bottom are damaged too. */
        void scrolled(int pixels);
    }

    private final char[] chars = new char[COLUMNS * ROWS];
    private final int[] colours = new int[COLUMNS * ROWS];
    private final int[] pixels = new int[WIDTH * HEIGHT];
    private final List<Listener> listeners = new ArrayList<>();
    private int column;
    private int row;
    private boolean cursorVisible = true;

    public ConsoleScreen() {
        Arrays.fill(chars, ' ');
        Arrays.fill(colours, GREY);
        Arrays.fill(pixels, BLACK);
    }

    public synchronized void addListener(Listener l) {
        listeners.add(l);
    }

    public synchronized void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Writes text at the cursor: {@code \n} starts a new line, {@code \r} returns, {@code \b} steps back. */
    public synchronized void write(String text, int colour) {
        hideCursor();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> newLine();
                case '\r' -> column = 0;
                case '\b' -> {
                    if (column > 0) {
                        column--;
                    }
                }
                default -> {
                    if (column == COLUMNS) {
                        newLine();
                    }
                    put(column, row, c < ' ' ? ' ' : c, colour);
                    column++;
                }
            }
        }
        showCursor();
        notifyAll();
    }

    /** Erases the character before the cursor, as a terminal does for Backspace at a prompt. */
    public synchronized void eraseBack() {
        if (column == 0) {
            return;
        }
        hideCursor();
        column--;
        put(column, row, ' ', GREY);
        showCursor();
        notifyAll();
    }

    /** Blank screen, cursor home: what a reboot starts from. */
    public synchronized void clear() {
        Arrays.fill(chars, ' ');
        Arrays.fill(colours, GREY);
        Arrays.fill(pixels, BLACK);
        column = 0;
        row = 0;
        showCursor();
        for (Listener l : listeners) {
            l.damaged(0, 0, WIDTH, HEIGHT);
        }
        notifyAll();
    }

    /** The text of one row, trailing blanks removed. */
    public synchronized String row(int r) {
        return new String(chars, r * COLUMNS, COLUMNS).stripTrailing();
    }

    /** The whole screen as text, one line a row. */
    public synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < ROWS; r++) {
            b.append(row(r)).append('\n');
        }
        return b.toString();
    }

    /** The colour of the character at a cell. */
    public synchronized int colourAt(int col, int r) {
        return colours[r * COLUMNS + col];
    }

    public synchronized int cursorColumn() {
        return column;
    }

    public synchronized int cursorRow() {
        return row;
    }

    /** A copy of every pixel, ARGB, {@link #WIDTH} a row. */
    public synchronized int[] pixels() {
        return pixels.clone();
    }

    /** Copies a rectangle of pixels into {@code target} ({@link #WIDTH} a row) at the same place. */
    synchronized void copyInto(int[] target, int x, int y, int w, int h) {
        for (int j = y; j < y + h; j++) {
            System.arraycopy(pixels, j * WIDTH + x, target, j * WIDTH + x, w);
        }
    }

    private void newLine() {
        column = 0;
        if (row < ROWS - 1) {
            row++;
            return;
        }
        System.arraycopy(chars, COLUMNS, chars, 0, COLUMNS * (ROWS - 1));
        System.arraycopy(colours, COLUMNS, colours, 0, COLUMNS * (ROWS - 1));
        Arrays.fill(chars, COLUMNS * (ROWS - 1), COLUMNS * ROWS, ' ');
        Arrays.fill(colours, COLUMNS * (ROWS - 1), COLUMNS * ROWS, GREY);
        int rowPixels = Glyphs.CELL_HEIGHT * WIDTH;
        System.arraycopy(pixels, rowPixels, pixels, 0, pixels.length - rowPixels);
        Arrays.fill(pixels, pixels.length - rowPixels, pixels.length, BLACK);
        for (Listener l : listeners) {
            l.scrolled(Glyphs.CELL_HEIGHT);
        }
    }

    private void put(int col, int r, char c, int colour) {
        chars[r * COLUMNS + col] = c;
        colours[r * COLUMNS + col] = colour;
        drawCell(col, r, false);
    }

    private void drawCell(int col, int r, boolean cursor) {
        boolean[] mask = Glyphs.get().mask(chars[r * COLUMNS + col]);
        int colour = colours[r * COLUMNS + col];
        int x0 = col * Glyphs.CELL_WIDTH;
        int y0 = r * Glyphs.CELL_HEIGHT;
        for (int y = 0; y < Glyphs.CELL_HEIGHT; y++) {
            int at = (y0 + y) * WIDTH + x0;
            // The cursor is VGA's underline: the two rows above the bottom of the cell.
            boolean underline = cursor && (y == Glyphs.CELL_HEIGHT - 3 || y == Glyphs.CELL_HEIGHT - 2);
            for (int x = 0; x < Glyphs.CELL_WIDTH; x++) {
                pixels[at + x] = underline ? GREY : mask[y * Glyphs.CELL_WIDTH + x] ? colour : BLACK;
            }
        }
        for (Listener l : listeners) {
            l.damaged(x0, y0, Glyphs.CELL_WIDTH, Glyphs.CELL_HEIGHT);
        }
    }

    private void hideCursor() {
        if (cursorVisible && column < COLUMNS) {
            drawCell(column, row, false);
        }
    }

    private void showCursor() {
        if (cursorVisible && column < COLUMNS) {
            drawCell(column, row, true);
        }
    }
}
