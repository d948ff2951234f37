package org.xapicenter.sim.rpc;

import org.xapicenter.sim.store.ObjectStore;

/** The storage messages: VDI, VBD, SR and PBD (issue #3, "Storage"). */
final class StorageOperations {
    private StorageOperations() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        VdiMessages.register(d, store);
        VbdMessages.register(d, store);
        SrMessages.register(d, store);
    }
}
