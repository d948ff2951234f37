package org.xapicenter.xva.legacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaMetadata;

/** A legacy XVA directory, opened: its appliance described in modern terms, and its disks as sources. */
public final class LegacyXva {
    private LegacyXva() {
    }

    /** Reads {@code directory}/ova.xml and checks that every disk's chunks are there. */
    public static LegacyXva open(Path directory) throws IOException {
        throw new UnsupportedOperationException("xva-legacy");
    }

    /** The appliance as modern ova.xml metadata (VM, VBDs, VDIs, VIFs with Ref:N ids). */
    public XvaMetadata metadata() {
        throw new UnsupportedOperationException("xva-legacy");
    }

    public List<XvaDisk> disks() {
        throw new UnsupportedOperationException("xva-legacy");
    }

    /** The raw content of {@code disk}, decompressed from its chunks as it is read (sequential reads are cheap). */
    public DiskSource source(XvaDisk disk) {
        throw new UnsupportedOperationException("xva-legacy");
    }
}
