package org.xapicenter.xapi.record;

import java.util.Map;

/** A virtual block device: the link between a VM and a disk or CD drive (XAPI class {@code VBD}). */
public final class Vbd extends XapiRecord {
    public Vbd(String ref, Map<String, ?> fields) {
        super("vbd", ref, fields);
    }

    public String vm() {
        return refField("VM");
    }

    public String vdi() {
        return refField("VDI");
    }

    public String device() {
        return string("device");
    }

    public String userdevice() {
        return string("userdevice");
    }

    /** {@code Disk} or {@code CD}. */
    public String type() {
        return string("type");
    }

    public String mode() {
        return string("mode");
    }

    public boolean bootable() {
        return bool("bootable");
    }

    public boolean attached() {
        return bool("currently_attached");
    }

    public boolean empty() {
        return bool("empty");
    }
}
