package org.xapicenter.sim.store;

import java.util.List;

/** Changes found by {@link ObjectStore#changesSince}, and the generation to ask from next time. */
public record ChangeSet(List<Change> changes, long generation) {
}
