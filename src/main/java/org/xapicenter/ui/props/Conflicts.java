package org.xapicenter.ui.props;

import java.util.List;
import java.util.Objects;

/** The one rule every edit dialog uses to tell a change made elsewhere from its own. */
public final class Conflicts {
    private Conflicts() {
    }

    /**
     * Adds {@code field} when the user changed it and someone else changed it too, to another value,
     * since the dialog opened: sending it would silently overwrite their change.
     */
    public static void check(List<String> out, String field, Object opened, Object now, Object mine) {
        if (!Objects.equals(opened, mine) && !Objects.equals(opened, now) && !Objects.equals(now, mine)) {
            out.add(field);
        }
    }
}
