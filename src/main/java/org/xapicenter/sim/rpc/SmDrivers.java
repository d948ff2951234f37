package org.xapicenter.sim.rpc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The SM objects: one per storage driver type the pool has, as a host lists its installed drivers. The
 * demo pool makes those of its SRs; SR.create adds the driver of a new type the first time it is used.
 */
public final class SmDrivers {
    /** Name and description of each driver, as the SM plugins describe themselves. */
    private static final Map<String, List<String>> DRIVERS = Map.of(
            "nfs", List.of("NFS VHD", "SR plugin which stores disks as VHD files on a remote NFS filesystem"),
            "ext", List.of("Local EXT3 VHD",
                    "SR plugin which represents disks as VHD files stored on a local EXT3 filesystem"),
            "iso", List.of("ISO", "Handles CD images stored as files in iso format"),
            "lvm", List.of("Local LVM", "SR plugin which represents disks as VHD disks on Logical Volumes within a "
                    + "locally-attached Volume Group"),
            "lvmoiscsi", List.of("LVM over iSCSI", "LVM over iSCSI storage repository driver"),
            "smb", List.of("SMB VHD", "SMB VHD storage repository driver"));

    private SmDrivers() {
    }

    /** Creates the SM object of {@code type} unless the pool has one. */
    public static void ensure(ObjectStore store, String type) {
        for (String sm : store.refs("SM")) {
            if (type.equals(store.get(sm, "type"))) {
                return;
            }
        }
        List<String> d = DRIVERS.getOrDefault(type, DRIVERS.get("lvm"));
        store.create("SM", Map.of("name_label", d.get(0), "name_description", d.get(1),
                "type", type, "vendor", "Citrix Systems Inc", "copyright", "(C) 2008 Citrix Systems Inc",
                "version", "1.0", "required_api_version", "1.0",
                "capabilities", List.of("SR_PROBE", "SR_UPDATE", "VDI_CREATE", "VDI_DELETE", "VDI_ATTACH", "VDI_DETACH",
                        "VDI_CLONE", "VDI_SNAPSHOT", "VDI_RESIZE"),
                "driver_filename", "/opt/xensource/sm/" + type.toUpperCase(Locale.ROOT) + "SR"));
    }
}
