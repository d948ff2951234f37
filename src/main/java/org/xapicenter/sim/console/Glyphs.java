package org.xapicenter.sim.console;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The console's character cells: each Latin-1 character drawn once with AWT's monospaced font into a
 * {@code CELL_WIDTH x CELL_HEIGHT} bitmap (anti-aliasing off, so a glyph is one colour on another as on
 * a VGA text screen, which keeps Hextile and ZRLE tiles to two colours). Works headless; shared by
 * every console of the process.
 */
final class Glyphs {
    static final int CELL_WIDTH = 9;
    static final int CELL_HEIGHT = 16;

    private static final Glyphs INSTANCE = new Glyphs();

    /** Per character, CELL_WIDTH x CELL_HEIGHT flags, row-major: true where the glyph is ink. */
    private final boolean[][] masks = new boolean[256][];

    private Glyphs() {
    }

    static Glyphs get() {
        return INSTANCE;
    }

    /** The ink of {@code c}; characters beyond Latin-1 draw as '?'. */
    boolean[] mask(char c) {
        int i = c < 256 ? c : '?';
        boolean[] m;
        synchronized (masks) {
            m = masks[i];
            if (m == null) {
                if (masks[0] == null) {
                    renderAll();
                }
                m = masks[i];
            }
        }
        return m;
    }

    private void renderAll() {
        BufferedImage img = new BufferedImage(CELL_WIDTH, CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            Font font = fittingFont(g);
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            int baseline = (CELL_HEIGHT - fm.getAscent() - fm.getDescent()) / 2 + fm.getAscent();
            for (int c = 0; c < 256; c++) {
                g.setColor(java.awt.Color.BLACK);
                g.fillRect(0, 0, CELL_WIDTH, CELL_HEIGHT);
                boolean[] m = new boolean[CELL_WIDTH * CELL_HEIGHT];
                if (c >= 0x21 && c != 0x7F && (c < 0x80 || c >= 0xA1) && font.canDisplay((char) c)) {
                    g.setColor(java.awt.Color.WHITE);
                    String s = String.valueOf((char) c);
                    int x = (CELL_WIDTH - fm.stringWidth(s)) / 2;
                    g.drawString(s, Math.max(0, x), baseline);
                    for (int y = 0; y < CELL_HEIGHT; y++) {
                        for (int x2 = 0; x2 < CELL_WIDTH; x2++) {
                            m[y * CELL_WIDTH + x2] = (img.getRGB(x2, y) & 0xFF) > 0x80;
                        }
                    }
                }
                masks[c] = m;
            }
        } finally {
            g.dispose();
        }
    }

    /** The largest monospaced font whose characters fit the cell with a column to spare, as VGA's 8-in-9. */
    private static Font fittingFont(Graphics2D g) {
        Font best = new Font(Font.MONOSPACED, Font.PLAIN, 10);
        for (int size = 10; size <= 20; size++) {
            Font f = new Font(Font.MONOSPACED, Font.PLAIN, size);
            FontMetrics fm = g.getFontMetrics(f);
            if (fm.charWidth('M') > CELL_WIDTH - 1 || fm.getAscent() + fm.getDescent() > CELL_HEIGHT) {
                break;
            }
            best = f;
        }
        return best;
    }
}
