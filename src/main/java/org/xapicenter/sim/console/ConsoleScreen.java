package org.xapicenter.sim.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text screen and the pixels it shows: VGA text mode (80x25 cells of 9x16, 720x400) unless a guest
 * switches to a graphical mode ({@link #setMode}, e.g. Windows at 1024x768 with 8x16 cells). Writing text
 * draws glyphs from {@link Glyphs}; reaching the bottom scrolls the pixels up one text row. Every change
 * is reported to the {@link Listener}s while this screen's monitor is held, so a viewer sees damage
 * and pixels consistently by taking the same monitor; viewers also wait on it for changes.
 */
public final class ConsoleScreen {
    /** VGA text mode, where every console starts (and a Linux guest stays). */
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

        /** The screen has a new size and blank contents. */
        default void resized(int width, int height) {
        }
    }

    private int columns = COLUMNS;
    private int rows = ROWS;
    private int cellWidth = Glyphs.CELL_WIDTH;
    private int width = WIDTH;
    private int height = HEIGHT;
    private char[] chars = new char[COLUMNS * ROWS];
    private int[] colours = new int[COLUMNS * ROWS];
    private int[] pixels = new int[WIDTH * HEIGHT];
    private final List<Listener> listeners = new ArrayList<>();
    private int column;
    private int row;
    private boolean cursorVisible = true;

    public ConsoleScreen() {
        Arrays.fill(chars, ' ');
        Arrays.fill(colours, GREY);
        Arrays.fill(pixels, BLACK);
    }

    /**
     * Switches to {@code columns x rows} cells {@code cellWidth} (8 or 9) pixels wide: a video mode
     * change, so the screen is blank afterwards and viewers hear {@link Listener#resized}.
     */
    public synchronized void setMode(int columns, int rows, int cellWidth) {
        if (columns < 1 || rows < 1 || cellWidth < 8 || cellWidth > Glyphs.CELL_WIDTH
                || (long) columns * cellWidth > 4096 || (long) rows * Glyphs.CELL_HEIGHT > 4096) {
            throw new IllegalArgumentException("no such text mode " + columns + "x" + rows);
        }
        if (columns == this.columns && rows == this.rows && cellWidth == this.cellWidth) {
            return;
        }
        this.columns = columns;
        this.rows = rows;
        this.cellWidth = cellWidth;
        width = columns * cellWidth;
        height = rows * Glyphs.CELL_HEIGHT;
        chars = new char[columns * rows];
        colours = new int[columns * rows];
        pixels = new int[width * height];
        Arrays.fill(chars, ' ');
        Arrays.fill(colours, GREY);
        Arrays.fill(pixels, BLACK);
        column = 0;
        row = 0;
        showCursor();
        for (Listener l : listeners) {
            l.resized(width, height);
        }
        notifyAll();
    }

    /** VGA text mode, 80x25 at 9x16 (720x400): where a (re)booting guest starts. */
    public void textMode() {
        setMode(COLUMNS, ROWS, Glyphs.CELL_WIDTH);
    }

    public synchronized int width() {
        return width;
    }

    public synchronized int height() {
        return height;
    }

    public synchronized int columns() {
        return columns;
    }

    public synchronized int rows() {
        return rows;
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
                    if (column == columns) {
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
            l.damaged(0, 0, width, height);
        }
        notifyAll();
    }

    /** The text of one row, trailing blanks removed. */
    public synchronized String row(int r) {
        return new String(chars, r * columns, columns).stripTrailing();
    }

    /** The whole screen as text, one line a row. */
    public synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            b.append(row(r)).append('\n');
        }
        return b.toString();
    }

    /** The colour of the character at a cell. */
    public synchronized int colourAt(int col, int r) {
        return colours[r * columns + col];
    }

    public synchronized int cursorColumn() {
        return column;
    }

    public synchronized int cursorRow() {
        return row;
    }

    /** A copy of every pixel, ARGB, {@link #width()} a row. */
    public synchronized int[] pixels() {
        return pixels.clone();
    }

    /**
     * Copies a rectangle of pixels into {@code target}, a {@code targetWidth x targetHeight} picture, at
     * the same place; where the rectangle lies outside this screen (a viewer that kept an older, larger
     * size) the target turns black.
     */
    synchronized void copyInto(int[] target, int targetWidth, int targetHeight, int x, int y, int w, int h) {
        for (int j = y; j < Math.min(y + h, targetHeight); j++) {
            int inside = j < height ? Math.max(0, Math.min(x + w, width) - x) : 0;
            int to = j * targetWidth + x;
            if (inside > 0) {
                System.arraycopy(pixels, j * width + x, target, to, inside);
            }
            Arrays.fill(target, to + inside, to + Math.min(w, targetWidth - x), BLACK);
        }
    }

    private void newLine() {
        column = 0;
        if (row < rows - 1) {
            row++;
            return;
        }
        System.arraycopy(chars, columns, chars, 0, columns * (rows - 1));
        System.arraycopy(colours, columns, colours, 0, columns * (rows - 1));
        Arrays.fill(chars, columns * (rows - 1), columns * rows, ' ');
        Arrays.fill(colours, columns * (rows - 1), columns * rows, GREY);
        int rowPixels = Glyphs.CELL_HEIGHT * width;
        System.arraycopy(pixels, rowPixels, pixels, 0, pixels.length - rowPixels);
        Arrays.fill(pixels, pixels.length - rowPixels, pixels.length, BLACK);
        for (Listener l : listeners) {
            l.scrolled(Glyphs.CELL_HEIGHT);
        }
    }

    private void put(int col, int r, char c, int colour) {
        chars[r * columns + col] = c;
        colours[r * columns + col] = colour;
        drawCell(col, r, false);
    }

    private void drawCell(int col, int r, boolean cursor) {
        boolean[] mask = Glyphs.get().mask(chars[r * columns + col]);
        int colour = colours[r * columns + col];
        int x0 = col * cellWidth;
        int y0 = r * Glyphs.CELL_HEIGHT;
        for (int y = 0; y < Glyphs.CELL_HEIGHT; y++) {
            int at = (y0 + y) * width + x0;
            // The cursor is VGA's underline: the two rows above the bottom of the cell.
            boolean underline = cursor && (y == Glyphs.CELL_HEIGHT - 3 || y == Glyphs.CELL_HEIGHT - 2);
            for (int x = 0; x < cellWidth; x++) {
                pixels[at + x] = underline ? GREY : mask[y * Glyphs.CELL_WIDTH + x] ? colour : BLACK;
            }
        }
        for (Listener l : listeners) {
            l.damaged(x0, y0, cellWidth, Glyphs.CELL_HEIGHT);
        }
    }

    private void hideCursor() {
        if (cursorVisible && column < columns) {
            drawCell(column, row, false);
        }
    }

    private void showCursor() {
        if (cursorVisible && column < columns) {
            drawCell(column, row, true);
        }
    }
}
