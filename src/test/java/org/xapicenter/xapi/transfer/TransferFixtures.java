package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xva.ChecksumKind;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.XvaWriter;

/** XVA files to import, disk digests to compare, and the demo pool's objects, for the transfer tests. */
final class TransferFixtures {
    static final int MIB = 1024 * 1024;

    private TransferFixtures() {
    }

    /** The shared XVA vectors, ../shared/vectors/xva only (as CI lays them out). */
    static Path vectors() {
        return org.xapicenter.testing.Vectors.dir().resolve("xva");
    }

    /** A disk of a written test VM: id Ref:N, size, and which 1 MiB blocks carry data (the rest are zero). */
    record Disk(String id, long size, long... dataBlocks) implements DiskSource {
        @Override
        public void read(long offset, byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                long at = offset + i;
                buffer[i] = hasData(at / MIB) && at < size ? (byte) ((at * 2654435761L + id.hashCode() * 97L) >>> 13) : 0;
            }
        }

        @Override
        public boolean knownZero(long offset, int length) {
            for (long b = offset / MIB; b <= (offset + length - 1) / MIB; b++) {
                if (hasData(b)) {
                    return false;
                }
            }
            return true;
        }

        private boolean hasData(long block) {
            for (long d : dataBlocks) {
                if (d == block) {
                    return true;
                }
            }
            return false;
        }

        /** SHA-256 of the whole raw disk. */
        String sha256() throws IOException {
            MessageDigest md = sha();
            byte[] buf = new byte[MIB];
            for (long off = 0; off < size; off += MIB) {
                int n = (int) Math.min(MIB, size - off);
                if (knownZero(off, n)) {
                    Arrays.fill(buf, 0, n, (byte) 0);
                } else {
                    read(off, buf, n);
                }
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Writes a VM named {@code name} with these disks as an XVA. */
    static Path writeXva(Path file, String name, Compression compression, List<Disk> disks) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             XvaWriter w = new XvaWriter(out, compression, ChecksumKind.XXHASH)) {
            w.writeMetadata(metadata(name, disks));
            for (Disk d : disks) {
                w.writeDisk(d.id(), d.size(), d);
            }
        }
        return file;
    }

    static XvaMetadata metadata(String name, List<Disk> disks) {
        List<XvaObject> objects = new ArrayList<>();
        List<String> vbds = new ArrayList<>();
        for (int i = 0; i < disks.size(); i++) {
            vbds.add("Ref:vbd" + i);
        }
        objects.add(new XvaObject("VM", "Ref:0", Map.of("name_label", name, "is_a_template", false,
                "is_a_snapshot", false, "is_control_domain", false, "power_state", "Halted", "VBDs", vbds,
                "uuid", "11111111-2222-3333-4444-555555555555")));
        objects.add(new XvaObject("SR", "Ref:1", Map.of("name_label", "Local storage", "content_type", "user")));
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            objects.add(new XvaObject("VDI", d.id(), Map.of("name_label", name + " disk " + i, "virtual_size",
                    Long.toString(d.size()), "SR", "Ref:1", "type", "user")));
            objects.add(new XvaObject("VBD", "Ref:vbd" + i, Map.of("VM", "Ref:0", "VDI", d.id(), "type", "Disk",
                    "userdevice", Integer.toString(i), "empty", false)));
        }
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("hostname", "test");
        version.put("export_vsn", "2");
        return new XvaMetadata(version, objects);
    }

    /** SHA-256 of each disk an XVA rebuilds (zeros filled in), in archive order, keyed by VDI name. */
    static Map<String, String> diskDigests(Path xva) throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(xva); XvaReader reader = XvaReader.open(in)) {
            reader.readDisks(new DiskSink() {
                private MessageDigest md;
                private long at;
                private final byte[] zeros = new byte[MIB];

                @Override
                public void begin(XvaDisk disk) {
                    md = sha();
                    at = 0;
                }

                @Override
                public void write(long offset, byte[] data, int length) {
                    zerosUpTo(offset);
                    md.update(data, 0, length);
                    at = offset + length;
                }

                @Override
                public void end(XvaDisk disk, long size) {
                    zerosUpTo(size);
                    digests.put(disk.name(), HexFormat.of().formatHex(md.digest()));
                }

                private void zerosUpTo(long offset) {
                    while (at < offset) {
                        int n = (int) Math.min(zeros.length, offset - at);
                        md.update(zeros, 0, n);
                        at += n;
                    }
                }
            }, true);
        }
        return digests;
    }

    static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The halted guest of the demo pool with the least disk (but some): the quickest to export. */
    static Vm haltedGuestWithDisks(XapiSession session) throws Exception {
        Vm best = null;
        long bestSize = Long.MAX_VALUE;
        for (XapiRecord r : session.getAllRecords("VM").values()) {
            if (r instanceof Vm vm && vm.isGuest() && vm.powerState() == PowerState.HALTED) {
                long size = diskBytes(session, vm);
                if (size > 0 && size < bestSize) {
                    best = vm;
                    bestSize = size;
                }
            }
        }
        if (best == null) {
            throw new AssertionError("the demo pool has no halted guest with a disk");
        }
        return best;
    }

    /** The virtual size of the VM's disks together. */
    static long diskBytes(XapiSession session, Vm vm) throws Exception {
        long size = 0;
        for (String vbd : vm.vbds()) {
            if ("Disk".equals(session.call("VBD.get_type", vbd))) {
                String vdi = (String) session.call("VBD.get_VDI", vbd);
                size += Long.parseLong(String.valueOf(session.call("VDI.get_virtual_size", vdi)));
            }
        }
        return size;
    }

    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("sim", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The files in {@code dir}. */
    static List<String> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
