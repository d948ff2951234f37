package org.xapicenter.ui.vm;

import java.util.HashMap;
import java.util.Map;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.xapi.record.Vm;

/** The calls that attach a disk to a VM: a VBD at the next free position, plugged at once if the VM runs. */
final class DiskSteps {
    private DiskSteps() {
    }

    /** Attaches the VDI the previous step returned (or {@code vdiRef} when given). */
    static void attach(Change c, Vm vm, boolean running) {
        attach(c, vm, running, null);
    }

    static void attach(Change c, Vm vm, boolean running, String vdiRef) {
        c.step("Attaching it to the VM", "VBD.create", (link, earlier) -> {
            Map<String, Object> vbd = new HashMap<>();
            vbd.put("VM", vm.ref());
            vbd.put("VDI", vdiRef != null ? vdiRef : earlier.get(earlier.size() - 1));
            vbd.put("userdevice", "autodetect");
            vbd.put("bootable", false);
            vbd.put("mode", "RW");
            vbd.put("type", "Disk");
            vbd.put("empty", false);
            vbd.put("unpluggable", true);
            vbd.put("other_config", new HashMap<String, String>());
            vbd.put("qos_algorithm_type", "");
            vbd.put("qos_algorithm_params", new HashMap<String, String>());
            return link.call("VBD.create", vbd);
        }, (link, vbd) -> link.call("VBD.destroy", vbd));
        if (running) {
            c.step("Plugging it in", "VBD.plug", (link, earlier) -> link.call("VBD.plug", earlier.get(earlier.size() - 1)), null);
        }
    }
}
