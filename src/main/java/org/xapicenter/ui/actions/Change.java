package org.xapicenter.ui.actions;

import java.util.ArrayList;
import java.util.List;
import org.xapicenter.ui.connect.PoolLink;

/**
 * A change the user asked for, as the API calls that make it, in order: a VM's properties are several
 * setters, a new disk is VDI.create then VBD.create then, on a running VM, VBD.plug. When a call fails,
 * the calls before it that said how are undone in reverse order, so a failed "add disk" leaves no
 * orphan disk behind.
 */
public final class Change {
    /**
     * One call; {@code undo} (or null) reverses it given what it returned. {@code method} names the API
     * method when known: the server runs a long call under a task of that name, which is this change's,
     * not a line of its own in the Events panel.
     */
    public record Step(String what, String method, Call call, Undo undo) {
    }

    @FunctionalInterface
    public interface Call {
        Object run(PoolLink link, List<Object> earlier) throws Exception;
    }

    @FunctionalInterface
    public interface Undo {
        void run(PoolLink link, Object result) throws Exception;
    }

    private final String title;
    private final List<Step> steps = new ArrayList<>();

    private Change(String title) {
        this.title = title;
    }

    /** @param title the Events panel's line, e.g. {@code Changing the properties of "web-01"} */
    public static Change titled(String title) {
        return new Change(title);
    }

    /** A plain API call (session prepended). */
    public Change call(String what, String method, Object... args) {
        return step(what, method, (link, earlier) -> link.call(method, args), null);
    }

    public Change step(String what, Call call, Undo undo) {
        return step(what, null, call, undo);
    }

    /** A step that calls {@code method} (with arguments made from the earlier results). */
    public Change step(String what, String method, Call call, Undo undo) {
        steps.add(new Step(what, method, call, undo));
        return this;
    }

    public String title() {
        return title;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
