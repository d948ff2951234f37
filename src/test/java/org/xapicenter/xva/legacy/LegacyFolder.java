package org.xapicenter.xva.legacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds legacy XVA folders for the tests: an ova.xml as the 2007 specification shows it and, per disk, a
 * folder of gzip chunks of {@code chunkSize} raw bytes (10^9 in the real format; small here so that tests
 * stay fast).
 */
final class LegacyFolder {
    private final Path dir;
    private final long chunkSize;
    private final Map<String, byte[]> disks = new LinkedHashMap<>();
    private boolean dashless;

    LegacyFolder(Path dir, long chunkSize) {
        this.dir = dir;
        this.chunkSize = chunkSize;
    }

    /** A disk in folder {@code device} (sda, sdb...) with these raw bytes. */
    LegacyFolder disk(String device, byte[] content) {
        disks.put(device, content);
        return this;
    }

    /** Names chunks {@code chunk000000000.gz}, as one old guide does, instead of {@code chunk-000000000.gz}. */
    LegacyFolder dashless() {
        dashless = true;
        return this;
    }

    /** Writes the chunks of every disk and the ova.xml of {@link #ovaXml()}; returns the folder. */
    Path write() throws IOException {
        return write(ovaXml());
    }

    Path write(String ovaXml) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ova.xml"), ovaXml, StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> d : disks.entrySet()) {
            Path folder = Files.createDirectories(dir.resolve(d.getKey()));
            byte[] raw = d.getValue();
            for (int i = 0; (long) i * chunkSize < raw.length; i++) {
                int from = (int) (i * chunkSize);
                int to = (int) Math.min(raw.length, from + chunkSize);
                writeChunk(folder.resolve(chunkName(i)), raw, from, to - from);
            }
        }
        return dir;
    }

    String chunkName(int index) {
        return String.format(Locale.ROOT, dashless ? "chunk%09d.gz" : "chunk-%09d.gz", index);
    }

    static void writeChunk(Path file, byte[] raw, int from, int length) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(raw, from, length);
        }
    }

    /** The spec's example VM, "very simple Debian VM": PV, 512 MiB, one VCPU, sda (root) and sdb (swap). */
    String ovaXml() {
        StringBuilder vbds = new StringBuilder();
        StringBuilder vdis = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, byte[]> d : disks.entrySet()) {
            String dev = d.getKey();
            vbds.append("<vbd device=\"").append(dev).append("\" function=\"").append(first ? "root" : "swap")
                    .append("\" mode=\"w\" vdi=\"vdi_").append(dev).append("\"/>\n");
            vdis.append("<vdi name=\"vdi_").append(dev).append("\" size=\"").append(d.getValue().length)
                    .append("\" source=\"file://").append(dev).append("\" type=\"dir-gzipped-chunks\"/>\n");
            first = false;
        }
        return "<?xml version=\"1.0\" ?>\n"
                + "<appliance version=\"0.1\">\n"
                + "<vm name=\"vm\">\n"
                + "<label>\nvery simple Debian VM\n</label>\n"
                + "<shortdesc>\nthe description field can contain any valid UTF-8 \u00e9\n</shortdesc>\n"
                + "<config mem_set=\"536870912\" vcpus=\"1\"/>\n"
                + "<hacks is_hvm=\"false\" kernel_boot_cmdline=\"root=/dev/sda1 ro \">\n"
                + "<!-- temporary section -->\n"
                + "</hacks>\n"
                + vbds
                + "</vm>\n"
                + vdis
                + "</appliance>\n";
    }

    /** Deterministic non-zero-looking bytes, with the ranges {@code [zeroFrom, zeroTo)} zero. */
    static byte[] content(int seed, int size, int zeroFrom, int zeroTo) {
        byte[] b = new byte[size];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = i >= zeroFrom && i < zeroTo ? 0 : (byte) x;
        }
        return b;
    }
}
