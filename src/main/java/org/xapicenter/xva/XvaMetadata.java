package org.xapicenter.xva;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * ova.xml: a single XML-RPC {@code <value><struct>} with {@code version} and {@code objects}.
 * Parsed with the project's hardened XML-RPC value parser (no DOCTYPE, no entities, bounded size).
 */
public final class XvaMetadata {
    /** The most ova.xml we read; real ones are a few hundred KiB even for VMs with many snapshots. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private final Map<String, Object> version;
    private final List<XvaObject> objects;

    public XvaMetadata(Map<String, Object> version, List<XvaObject> objects) {
        this.version = Map.copyOf(version);
        this.objects = List.copyOf(objects);
    }

    /** Reads ova.xml from {@code in} (at most {@link #MAX_BYTES}). */
    public static XvaMetadata parse(InputStream in) throws XvaException {
        throw new UnsupportedOperationException("xva-core");
    }

    /** Writes ova.xml as xapi does: the bare value, no XML declaration. */
    public void write(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }

    public Map<String, Object> version() {
        return version;
    }

    public List<XvaObject> objects() {
        return objects;
    }

    /** The exported VM: the VM object that is neither a snapshot nor a template's snapshot. */
    public XvaObject vm() throws XvaException {
        throw new UnsupportedOperationException("xva-core");
    }

    /** The disks whose blocks follow (VDIs of the VM's VBDs that are not CDs), in {@code Ref:N} string order. */
    public List<XvaDisk> disks() throws XvaException {
        throw new UnsupportedOperationException("xva-core");
    }
}
