package org.xapicenter.sim.store;

import java.time.Instant;
import java.util.Map;

/**
 * What happened to one object since a given generation, collapsed: created since then ({@code add}),
 * changed ({@code mod}) or gone ({@code del}, no snapshot).
 *
 * @param generation the store generation of the object's last change (event id)
 * @param className  the class's wire name
 * @param snapshot   the object's current record, null for {@code del}
 */
public record Change(long generation, Instant timestamp, String className, String operation, String ref,
                     Map<String, Object> snapshot) {
}
