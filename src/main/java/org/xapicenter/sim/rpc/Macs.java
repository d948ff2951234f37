package org.xapicenter.sim.rpc;

import org.xapicenter.sim.store.ObjectStore;

/** MAC addresses for new VIFs, drawn from the store's seeded source so a run is reproducible. */
final class Macs {
    private Macs() {
    }

    /** A locally administered unicast address, the kind xapi generates. */
    static String generate(ObjectStore store) {
        String hex = store.newUuid().replace("-", "");
        int first = (Integer.parseInt(hex.substring(0, 2), 16) & 0xfc) | 0x02;
        return String.format("%02x:%s:%s:%s:%s:%s", first, hex.substring(2, 4), hex.substring(4, 6),
                hex.substring(6, 8), hex.substring(8, 10), hex.substring(10, 12));
    }
}
