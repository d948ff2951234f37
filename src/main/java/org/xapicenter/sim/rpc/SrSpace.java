package org.xapicenter.sim.rpc;

import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * How much of an SR a disk takes, as the SR's driver allocates it: an LVM volume (thick types) takes its
 * whole virtual size at once; a VHD file (the other types) starts as a differencing disk holding only its
 * headers and grows as the guest writes, so a copy of one takes what the original holds. The SR's own sums
 * are kept by {@link StorageState#refreshSr}. Called under the store lock.
 */
final class SrSpace {
    /** Headers and block table of a fresh (differencing) VHD, about what SMAPI reports for one. */
    static final long NEW_VHD = 2 * SrBackends.MIB;

    private SrSpace() {
    }

    static boolean thick(ObjectStore store, String sr) {
        return SrBackends.thick(store.getString(sr, "type"));
    }

    /** Space a new (blank, cloned or snapshot) disk of {@code size} bytes takes on {@code sr}. */
    static long newDisk(ObjectStore store, String sr, long size) {
        return thick(store, sr) ? size : Math.min(size, NEW_VHD);
    }

    /** Space a full copy of {@code vdi} takes on {@code sr}: its size on LVM, what it holds on VHD files. */
    static long fullCopy(ObjectStore store, String vdi, String sr) {
        return StorageState.longOf(store, vdi, thick(store, sr) ? "virtual_size" : "physical_utilisation");
    }

    /** SR_BACKEND_FAILURE_44 (the SM's "insufficient space") unless {@code sr} can hold {@code needed} more bytes. */
    static void require(ObjectStore store, String sr, long needed) throws XapiException {
        long free = StorageState.longOf(store, sr, "physical_size")
                - StorageState.longOf(store, sr, "physical_utilisation");
        if (needed > free) {
            throw SrBackends.failure(44, "There is insufficient space");
        }
    }

    /** As {@link #require(ObjectStore, String, long)} for every SR of {@code neededBySr}. */
    static void require(ObjectStore store, Map<String, Long> neededBySr) throws XapiException {
        for (Map.Entry<String, Long> e : neededBySr.entrySet()) {
            require(store, e.getKey(), e.getValue());
        }
    }
}
