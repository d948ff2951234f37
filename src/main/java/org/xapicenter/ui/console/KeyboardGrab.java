package org.xapicenter.ui.console;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.input.KeyCode;

/**
 * The keyboard while the console has it: every press and release goes to the VM, and the release
 * gesture gives the keyboard back. The gesture is Ctrl+Alt pressed together and released with no
 * other key in between (virt-viewer's convention): the usual "Right Ctrl" host key cannot work in
 * JavaFX, which reports the left and right Ctrl keys as the same {@link KeyCode#CONTROL}.
 *
 * <p>Each key's stroke is remembered from its press, so the release sends the same keysym even if
 * Shift changed meanwhile, and releasing the grab lets go of every key still down in the VM.
 */
final class KeyboardGrab {
    /** Where strokes go (the session's input queue). */
    interface Sink {
        void key(int keysym, int scancode, boolean down);
    }

    static final String RELEASE_HINT = "Press Ctrl+Alt to release the keyboard";

    private final Sink sink;
    private final Runnable release;
    private final Map<KeyCode, KeyMapper.Stroke> down = new EnumMap<>(KeyCode.class);
    /** Ctrl and Alt are both down and nothing else was pressed since. */
    private boolean armed;

    /**
     * @param release called (FX thread) when the user makes the release gesture
     */
    KeyboardGrab(Sink sink, Runnable release) {
        this.sink = sink;
        this.release = release;
    }

    /** A key went down (auto-repeat presses again without a release, as the VM expects). */
    void pressed(KeyCode code, String text, boolean shift) {
        KeyMapper.Stroke stroke = down.get(code);
        if (stroke == null) {
            stroke = KeyMapper.map(code, text, shift);
            if (stroke == null) {
                return;
            }
            down.put(code, stroke);
        }
        if (code == KeyCode.CONTROL || code == KeyCode.ALT) {
            armed = down.containsKey(KeyCode.CONTROL) && down.containsKey(KeyCode.ALT) && down.size() == 2;
        } else {
            armed = false;
        }
        sink.key(stroke.keysym(), stroke.scancode(), true);
    }

    void released(KeyCode code) {
        KeyMapper.Stroke stroke = down.remove(code);
        if (stroke == null) {
            return;
        }
        sink.key(stroke.keysym(), stroke.scancode(), false);
        if (armed && (code == KeyCode.CONTROL || code == KeyCode.ALT)) {
            armed = false;
            releaseAll();
            release.run();
        }
    }

    /** Lets go of every key still down in the VM (focus lost, grab released, session ending). */
    void releaseAll() {
        for (KeyMapper.Stroke s : down.values()) {
            sink.key(s.keysym(), s.scancode(), false);
        }
        down.clear();
        armed = false;
    }

    /** How many keys are down in the VM (for tests). */
    int keysDown() {
        return down.size();
    }
}
