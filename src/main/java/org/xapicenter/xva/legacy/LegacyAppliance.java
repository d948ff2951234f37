package org.xapicenter.xva.legacy;

import java.util.List;

/**
 * What a legacy ova.xml says, checked but not yet translated: the one VM with its block devices, and the
 * disk images they use. Sizes are bytes; names are the file's own.
 */
record LegacyAppliance(Vm vm, List<Vdi> vdis) {
    LegacyAppliance {
        vdis = List.copyOf(vdis);
    }

    /**
     * The {@code <vm>} element.
     *
     * @param distrib {@code <config distrib=...>}, "" when absent (only "windows"/"win2k" changes anything)
     */
    record Vm(String label, String description, long memory, int vcpus, boolean hvm, String kernelCommandLine,
              String distrib, String distribVersion, List<Vbd> vbds) {
        Vm {
            vbds = List.copyOf(vbds);
        }
    }

    /** A {@code <vbd>}: the guest device name (sda, hda, xvda...), whether it boots, read-only, and its disk. */
    record Vbd(String device, boolean bootable, boolean readOnly, Vdi vdi) {
    }

    /**
     * A {@code <vdi>}: its name, size in bytes, the folder of its chunks relative to ova.xml ({@code source}
     * without {@code file://}), and its variety (system, user...: XAPI's VDI type).
     */
    record Vdi(String name, long size, String folder, String variety) {
    }
}
