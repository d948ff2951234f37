package org.xapicenter.sim.rpc;

import org.xapicenter.sim.store.ObjectStore;

/** The network messages: network, VIF, VLAN, Bond and PIF (issue #3, "Network"). */
final class NetworkOperations {
    private NetworkOperations() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        NetworkMessages.register(d, store);
        PifMessages.register(d, store);
    }
}
