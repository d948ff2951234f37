package org.xapicenter.ui.props;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.XapiRecord;

/** The reader of a tab's rows: the selected object's record of {@code type}, or no rows when it is gone. */
public final class ObjectRows {
    private ObjectRows() {
    }

    public static <T extends XapiRecord, R> Function<NavNode, List<R>> of(Class<T> type, BiFunction<ObjectCache, T, List<R>> rows) {
        return n -> {
            ObjectCache cache = n.connection().link().cache();
            return cache.get(n.ref(), type).map(o -> rows.apply(cache, o)).orElse(List.of());
        };
    }
}
