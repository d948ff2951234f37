package org.xapicenter.xva;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.testing.Vectors;

/** Metadata, disk contents and archives for the xva tests. */
final class XvaTestData {
    private XvaTestData() {
    }

    /** The real vector written by Xen Orchestra, from ../shared/vectors/xva. */
    static Path xoVector() {
        return Vectors.xva("xo-written-5MiB.xva");
    }

    /** The SHA-256 (hex) of the vector's rebuilt 5 MiB disk, as given beside it. */
    static String xoDiskSha256() throws IOException {
        return Files.readString(Vectors.xva("xo-written-5MiB.disk.sha256")).split("\\s+")[0];
    }

    /** A disk of the test VM: its archive id and size; content comes from {@link Content}. */
    record Disk(String id, long size, Content content) {
    }

    /** A disk's bytes by offset: deterministic, with chosen all-zero ranges. */
    interface Content extends DiskSource {
        default byte[] all(long size) throws IOException {
            byte[] b = new byte[Math.toIntExact(size)];
            read(0, b, b.length);
            return b;
        }
    }

    /** Pseudo-random bytes, except in the 1 MiB blocks listed in {@code zeroBlocks}, which are zero. */
    static Content pattern(int seed, long size, long... zeroBlocks) {
        java.util.Set<Long> zeros = new java.util.HashSet<>();
        for (long z : zeroBlocks) {
            zeros.add(z);
        }
        return (offset, buffer, length) -> {
            int i = 0;
            while (i < length) {
                long at = offset + i;
                long block = at / XvaWriter.BLOCK_SIZE;
                int run = (int) Math.min(length - i, (block + 1) * XvaWriter.BLOCK_SIZE - at);
                if (zeros.contains(block)) {
                    java.util.Arrays.fill(buffer, i, i + run, (byte) 0);
                } else {
                    for (int k = 0; k < run; k++) {
                        long p = at + k;
                        buffer[i + k] = p >= size ? 0 : (byte) ((p * 2654435761L + seed * 97L) >>> 13 ^ seed);
                    }
                }
                i += run;
            }
        };
    }

    /** Zeros everywhere but {@code data} at {@code at}; tells the writer which ranges are known zero. */
    static Content sparse(long at, byte[] data) {
        return new Content() {
            @Override
            public void read(long offset, byte[] buffer, int length) {
                java.util.Arrays.fill(buffer, 0, length, (byte) 0);
                long from = Math.max(offset, at);
                long to = Math.min(offset + length, at + data.length);
                for (long p = from; p < to; p++) {
                    buffer[(int) (p - offset)] = data[(int) (p - at)];
                }
            }

            @Override
            public boolean knownZero(long offset, int length) {
                return offset + length <= at || offset >= at + data.length;
            }
        };
    }

    /** ova.xml for a VM "test vm" (Ref:0) with these disks, a CD drive, an SR (Ref:1) and an ISO SR. */
    static XvaMetadata metadata(List<Disk> disks) {
        List<XvaObject> objects = new ArrayList<>();
        List<String> vbds = new ArrayList<>();
        for (int i = 0; i < disks.size(); i++) {
            vbds.add("Ref:vbd" + i);
        }
        vbds.add("Ref:cdvbd");
        objects.add(new XvaObject("VM", "Ref:0", Map.of("name_label", "test vm", "is_a_template", false,
                "is_a_snapshot", false, "is_control_domain", false, "power_state", "Halted", "VBDs", vbds,
                "uuid", "11111111-2222-3333-4444-555555555555")));
        objects.add(new XvaObject("SR", "Ref:1", Map.of("name_label", "Local storage", "content_type", "user")));
        objects.add(new XvaObject("SR", "Ref:iso", Map.of("name_label", "ISOs", "content_type", "iso")));
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            objects.add(new XvaObject("VDI", d.id(), Map.of("name_label", "disk " + i, "virtual_size",
                    Long.toString(d.size()), "SR", "Ref:1", "type", "user")));
            objects.add(new XvaObject("VBD", "Ref:vbd" + i, Map.of("VM", "Ref:0", "VDI", d.id(), "type", "Disk",
                    "userdevice", Integer.toString(i), "empty", false)));
        }
        objects.add(new XvaObject("VDI", "Ref:isovdi", Map.of("name_label", "installer.iso", "virtual_size",
                "1000000", "SR", "Ref:iso", "type", "user")));
        objects.add(new XvaObject("VBD", "Ref:cdvbd", Map.of("VM", "Ref:0", "VDI", "Ref:isovdi", "type", "CD",
                "userdevice", "3", "empty", false)));
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("hostname", "test");
        version.put("export_vsn", "2");
        return new XvaMetadata(version, objects);
    }

    /** An archive of these disks written by {@link XvaWriter}. */
    static byte[] archive(List<Disk> disks, Compression compression, ChecksumKind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XvaWriter w = new XvaWriter(out, compression, kind).metadataTime(1_700_000_000L)) {
            w.writeMetadata(metadata(disks));
            for (Disk d : disks) {
                w.writeDisk(d.id(), d.size(), d.content());
            }
        }
        return out.toByteArray();
    }
}
