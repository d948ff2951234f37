package org.xapicenter.xva.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaException.Problem;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;

/** Opening legacy XVA folders: the metadata in modern terms, the disks' bytes, and every kind of damage. */
class LegacyXvaTest {
    /** Not a divisor of 1 MiB, so chunk ends fall inside the converter's blocks. */
    private static final int CHUNK = 300_000;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private final byte[] sda = LegacyFolder.content(1, 2 * MIB + 500_000, MIB, 2 * MIB);
    private final byte[] sdb = LegacyFolder.content(2, 700_000, 0, 0);

    private LegacyFolder folder() {
        return new LegacyFolder(tmp.resolve("very simple Debian VM"), CHUNK).disk("sda", sda).disk("sdb", sdb);
    }

    @Test
    void describesTheApplianceAsAModernVmWithItsDisks() throws IOException {
        try (LegacyXva xva = LegacyXva.open(folder().write(), CHUNK)) {
            XvaMetadata m = xva.metadata();
            XvaObject vm = m.vm();
            assertThat(vm.string("name_label")).isEqualTo("very simple Debian VM");
            assertThat(vm.string("name_description")).isEqualTo("the description field can contain any valid UTF-8 \u00e9");
            assertThat(vm.string("memory_static_max")).isEqualTo("536870912");
            assertThat(vm.string("memory_target")).isEqualTo("536870912");
            assertThat(vm.string("VCPUs_max")).isEqualTo("1");
            assertThat(vm.string("power_state")).isEqualTo("Halted");
            assertThat(vm.string("PV_bootloader")).isEqualTo("pygrub");
            assertThat(vm.string("PV_legacy_args")).isEqualTo("root=/dev/sda1 ro");
            assertThat(vm.string("HVM_boot_policy")).isEmpty();
            assertThat(vm.snapshot().get("is_a_template")).isEqualTo(false);

            List<XvaDisk> disks = xva.disks();
            assertThat(disks).extracting(XvaDisk::name).containsExactly("vdi_sda", "vdi_sdb");
            assertThat(disks).extracting(XvaDisk::virtualSize).containsExactly((long) sda.length, (long) sdb.length);
            assertThat(disks).extracting(XvaDisk::userdevice).containsExactly("0", "1");
            assertThat(disks).extracting(XvaDisk::id).allMatch(id -> id.matches("Ref:\\d+"));
            assertThat(m.disks()).isEqualTo(disks);
            assertThat(xva.totalBytes()).isEqualTo(sda.length + sdb.length);

            // The VBDs tie the VM to the VDIs, the boot disk is a system disk fixed to the VM.
            List<XvaObject> vbds = m.objects().stream().filter(o -> o.xapiClass().equals("VBD")).toList();
            assertThat(vbds).hasSize(2);
            assertThat(vm.snapshot().get("VBDs")).isEqualTo(vbds.stream().map(XvaObject::id).toList());
            XvaObject root = vbds.get(0);
            assertThat(root.string("VM")).isEqualTo(vm.id());
            assertThat(root.string("VDI")).isEqualTo(disks.get(0).id());
            assertThat(root.snapshot()).containsEntry("bootable", true).containsEntry("mode", "RW")
                    .containsEntry("type", "Disk").containsEntry("unpluggable", false);
            XvaObject rootVdi = m.objects().stream().filter(o -> o.id().equals(disks.get(0).id())).findFirst()
                    .orElseThrow();
            assertThat(rootVdi.snapshot()).containsEntry("type", "system").containsEntry("virtual_size",
                    Long.toString(sda.length));

            // It survives being written as ova.xml and read back by the modern parser.
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            m.write(xml);
            XvaMetadata again = XvaMetadata.parse(new ByteArrayInputStream(xml.toByteArray()));
            assertThat(again.disks()).isEqualTo(disks);
            assertThat(again.vm().string("name_label")).isEqualTo("very simple Debian VM");
        }
    }

    @Test
    void hvmGuestsBootFromBiosOrderAndKeepTheirVcpuCount() throws IOException {
        String xml = folder().ovaXml().replace("is_hvm=\"false\"", "is_hvm=\"true\"")
                .replace("vcpus=\"1\"", "vcpus=\"4\" distrib=\"windows\" distrib_version=\"win2k\"");
        try (LegacyXva xva = LegacyXva.open(folder().write(xml), CHUNK)) {
            XvaObject vm = xva.metadata().vm();
            assertThat(vm.string("HVM_boot_policy")).isEqualTo("BIOS order");
            assertThat(vm.snapshot().get("HVM_boot_params")).isEqualTo(Map.of("order", "cd"));
            assertThat(vm.string("PV_bootloader")).isEmpty();
            assertThat(vm.string("VCPUs_at_startup")).isEqualTo("4");
            assertThat(vm.snapshot().get("platform")).isEqualTo(Map.of("acpi", "false", "apic", "false",
                    "nx", "false", "pae", "true"));
        }
    }

    @Test
    void sourcesGiveTheRawBytesAcrossChunkBoundaries() throws IOException {
        try (LegacyXva xva = LegacyXva.open(folder().write(), CHUNK)) {
            DiskSource source = xva.source(xva.disks().get(0));
            // Front to back in 1 MiB reads, as the writer does; the last read runs past the end.
            byte[] rebuilt = new byte[3 * MIB];
            byte[] block = new byte[MIB];
            for (int off = 0; off < rebuilt.length; off += MIB) {
                Arrays.fill(block, (byte) 7);
                source.read(off, block, MIB);
                System.arraycopy(block, 0, rebuilt, off, MIB);
            }
            assertThat(Arrays.copyOf(rebuilt, sda.length)).isEqualTo(sda);
            assertThat(Arrays.copyOfRange(rebuilt, sda.length, rebuilt.length)).containsOnly(0);

            // Backwards and across a chunk boundary: the chunk is reopened.
            byte[] some = new byte[1000];
            source.read(CHUNK - 500, some, some.length);
            assertThat(some).isEqualTo(Arrays.copyOfRange(sda, CHUNK - 500, CHUNK + 500));
            source.read(10, some, 100);
            assertThat(Arrays.copyOf(some, 100)).isEqualTo(Arrays.copyOfRange(sda, 10, 110));

            DiskSource swap = xva.source(xva.disks().get(1));
            byte[] all = new byte[sdb.length];
            swap.read(0, all, all.length);
            assertThat(all).isEqualTo(sdb);
        }
    }

    @Test
    void theOldGuidesChunkNamesWithoutADashAreAccepted() throws IOException {
        Path dir = folder().dashless().write();
        assertThat(Files.exists(dir.resolve("sda/chunk000000000.gz"))).isTrue();
        try (LegacyXva xva = LegacyXva.open(dir, CHUNK)) {
            byte[] all = new byte[sdb.length];
            xva.source(xva.disks().get(1)).read(0, all, all.length);
            assertThat(all).isEqualTo(sdb);
        }
    }

    @Test
    void theRealFormatHasChunksOfTenToTheNineBytesNamedWithNineDigits() throws IOException {
        // A disk of 3 MB fits in the first chunk, chunk-000000000.gz.
        byte[] small = LegacyFolder.content(3, 3_000_000, 0, 0);
        Path dir = new LegacyFolder(tmp.resolve("real"), LegacyChunks.CHUNK_BYTES).disk("sda", small).write();
        assertThat(dir.resolve("sda/chunk-000000000.gz")).exists();
        try (LegacyXva xva = LegacyXva.open(dir)) {
            byte[] all = new byte[small.length];
            xva.source(xva.disks().get(0)).read(0, all, all.length);
            assertThat(all).isEqualTo(small);
        }
        // One byte more than 10^9 needs a second chunk, found by its nine-digit name.
        String big = new LegacyFolder(dir, LegacyChunks.CHUNK_BYTES).disk("sda", small).ovaXml()
                .replace("size=\"3000000\"", "size=\"1000000001\"");
        Files.writeString(dir.resolve("ova.xml"), big);
        assertBad(dir, LegacyChunks.CHUNK_BYTES, "sda/chunk-000000001.gz",
                "sda/chunk-000000001.gz is missing: disk \"vdi_sda\" of 1000000001 bytes needs 2 chunks of 1000000000 bytes");
        LegacyFolder.writeChunk(dir.resolve("sda/chunk-000000001.gz"), new byte[1], 0, 1);
        assertBad(dir, LegacyChunks.CHUNK_BYTES, "sda/chunk-000000000.gz",
                "sda/chunk-000000000.gz holds 3000000 bytes once uncompressed; every chunk but the last must hold"
                        + " exactly 1000000000 bytes");
        assertThat(LegacyChunks.name(12)).isEqualTo("chunk-000000012.gz");
    }

    @Test
    void aMissingChunkIsNamed() throws IOException {
        Path dir = folder().write();
        Files.delete(dir.resolve("sda/chunk-000000003.gz"));
        assertBad(dir, CHUNK, "sda/chunk-000000003.gz", "sda/chunk-000000003.gz is missing: disk \"vdi_sda\" of "
                + sda.length + " bytes needs 9 chunks of 300000 bytes");
    }

    @Test
    void aShortLastChunkMustHoldTheRestOfTheDisk() throws IOException {
        Path dir = folder().write();
        LegacyFolder.writeChunk(dir.resolve("sdb/chunk-000000002.gz"), sdb, 600_000, 99_999);
        assertBad(dir, CHUNK, "sdb/chunk-000000002.gz", "sdb/chunk-000000002.gz holds 99999 bytes once uncompressed;"
                + " as the last chunk it must hold the disk's remaining 100000 bytes");
    }

    @Test
    void aChunkThatLinksOutOfTheXvaFolderIsRefused() throws IOException {
        Path dir = folder().write();
        Path chunk = dir.resolve("sda/chunk-000000002.gz");
        // A valid chunk, but outside: only where it lies is wrong.
        Path outside = Files.move(chunk, tmp.resolve("elsewhere.gz"));
        Files.createSymbolicLink(chunk, outside);
        assertBad(dir, CHUNK, "sda/chunk-000000002.gz", "sda/chunk-000000002.gz lies outside the XVA's folder"
                + " (it is a link to " + outside.toRealPath() + ")");
        // A link that stays inside the folder is fine, as is its target.
        Path inside = Files.move(outside, dir.resolve("chunk-kept-here.gz"));
        Files.delete(chunk);
        Files.createSymbolicLink(chunk, Path.of("..", inside.getFileName().toString()));
        try (LegacyXva legacy = LegacyXva.open(dir, CHUNK)) {
            byte[] all = new byte[sda.length];
            legacy.source(legacy.disks().get(0)).read(0, all, all.length);
            assertThat(all).isEqualTo(sda);
        }
    }

    @Test
    void aChunkBeyondTheDiskAndTwoNamesForOneChunkAreRefused() throws IOException {
        Path dir = folder().write();
        LegacyFolder.writeChunk(dir.resolve("sdb/chunk-000000003.gz"), sdb, 0, 10);
        assertBad(dir, CHUNK, "sdb/chunk-000000003.gz", "sdb/chunk-000000003.gz is beyond the end of disk \"vdi_sdb\":"
                + " its 700000 bytes fill 3 chunks");
        Files.delete(dir.resolve("sdb/chunk-000000003.gz"));
        Files.copy(dir.resolve("sdb/chunk-000000001.gz"), dir.resolve("sdb/chunk000000001.gz"));
        assertThatThrownBy(() -> LegacyXva.open(dir, CHUNK)).isInstanceOf(XvaException.class)
                .hasMessageContaining("are both chunk 1 of disk \"vdi_sdb\"");
    }

    @Test
    void damagedGzipDataIsFoundWhenTheChunkIsRead() throws IOException {
        Path dir = folder().write();
        Path chunk = dir.resolve("sda/chunk-000000001.gz");
        byte[] gz = Files.readAllBytes(chunk);
        for (int i = 1000; i < 1100; i++) {
            gz[i] ^= 0x55;
        }
        Files.write(chunk, gz);
        try (LegacyXva xva = LegacyXva.open(dir, CHUNK)) {
            DiskSource source = xva.source(xva.disks().get(0));
            byte[] block = new byte[MIB];
            assertThatThrownBy(() -> source.read(0, block, MIB)).isInstanceOfSatisfying(XvaException.class, e -> {
                assertThat(e.problem()).isEqualTo(Problem.BAD_LEGACY);
                assertThat(e.where()).isEqualTo("sda/chunk-000000001.gz");
                assertThat(e.getMessage()).startsWith("sda/chunk-000000001.gz is damaged");
            });
        }
    }

    @Test
    void aChunkWhoseTrailerLiesFailsWhenItRunsLong() throws IOException {
        Path dir = folder().write();
        // 300001 bytes inflated, but the trailer claims 300000 (a second gzip member adds one byte).
        Path chunk = dir.resolve("sda/chunk-000000000.gz");
        byte[] first = Files.readAllBytes(chunk);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(first);
        Path extra = tmp.resolve("extra.gz");
        LegacyFolder.writeChunk(extra, new byte[] {9}, 0, 1);
        byte[] one = Files.readAllBytes(extra);
        both.write(one, 0, one.length - 4);
        both.write(first, first.length - 4, 4);
        Files.write(chunk, both.toByteArray());
        try (LegacyXva xva = LegacyXva.open(dir, CHUNK)) {
            byte[] block = new byte[MIB];
            assertThatThrownBy(() -> xva.source(xva.disks().get(0)).read(0, block, MIB))
                    .isInstanceOf(XvaException.class)
                    .hasMessage("sda/chunk-000000000.gz holds more than 300000 bytes once uncompressed");
        }
    }

    @Test
    void aDoctypeIsRefused() throws IOException {
        String xml = folder().ovaXml().replace("<?xml version=\"1.0\" ?>\n",
                "<?xml version=\"1.0\" ?>\n<!DOCTYPE appliance [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n")
                .replace("very simple Debian VM\n</label>", "&x;</label>");
        assertBad(folder().write(xml), CHUNK, "ova.xml", "ova.xml has a DOCTYPE declaration, which is refused: it"
                + " could make the parser read other files or expand entities without bound");
    }

    @Test
    void anotherVersionOrAModernOvaXmlIsRefused() throws IOException {
        Path dir = folder().write();
        assertBad(ova(dir, folder().ovaXml().replace("version=\"0.1\"", "version=\"0.2\"")), CHUNK, "ova.xml",
                "ova.xml declares appliance version \"0.2\"; only version 0.1 (the pre-2008 XVA folder format) is known");
        assertBad(ova(dir, "<value><struct></struct></value>"), CHUNK, "ova.xml",
                "ova.xml is not a legacy XVA description: its root element is <value>, not <appliance version=\"0.1\">"
                        + " (a modern XVA is a single file, not a folder)");
    }

    @Test
    void inconsistentDescriptionsAreRefusedWithTheReason() throws IOException {
        String good = folder().ovaXml();
        Path dir = folder().write();
        assertBad(ova(dir, good.replace("vdi=\"vdi_sdb\"", "vdi=\"vdi_sdz\"")), CHUNK, "ova.xml",
                "ova.xml: a <vbd> uses vdi \"vdi_sdz\", but no <vdi> has that name");
        assertBad(ova(dir, good.replace("source=\"file://sdb\"", "source=\"file://../sdb\"")), CHUNK, "ova.xml",
                "ova.xml: vdi \"vdi_sdb\" has source \"file://../sdb\", which is not a folder inside the XVA's folder");
        assertBad(ova(dir, good.replace("source=\"file://sdb\"", "source=\"http://x/sdb\"")), CHUNK, "ova.xml",
                "ova.xml: vdi \"vdi_sdb\" has source \"http://x/sdb\"; only file:// folders beside ova.xml are allowed");
        assertBad(ova(dir, good.replace("size=\"700000\"", "size=\"-5\"")), CHUNK, "ova.xml",
                "ova.xml: vdi \"vdi_sdb\" size=-5 is outside 1..70368744177664");
        assertBad(ova(dir, good.replace("mem_set=\"536870912\"", "mem_set=\"lots\"")), CHUNK, "ova.xml",
                "ova.xml: config mem_set=\"lots\" is not a whole number");
        assertBad(ova(dir, good.replace("type=\"dir-gzipped-chunks\"/>\n<vdi name=\"vdi_sdb\"",
                "type=\"vhd\"/>\n<vdi name=\"vdi_sdb\"")), CHUNK, "ova.xml",
                "ova.xml: vdi \"vdi_sda\" has type \"vhd\"; only dir-gzipped-chunks (a folder of gzip chunks) is known");
        assertBad(ova(dir, good.replace("</vm>", "</vm><vm name=\"b\"><label>b</label></vm>")), CHUNK,
                "ova.xml", "ova.xml describes more than one <vm>; a legacy XVA holds exactly one");
        assertBad(ova(dir, good.replace("<appliance", "<appliance><oops")), CHUNK, "ova.xml", null);
        // The specification's own example misspells the type; it is accepted.
        try (LegacyXva xva = LegacyXva.open(ova(dir, good.replace("dir-gzipped-chunks", "dir-gzippedchunks")),
                CHUNK)) {
            assertThat(xva.disks()).hasSize(2);
        }
    }

    @Test
    void aFolderWithoutOvaXmlOrAMissingDiskFolderIsNamed() throws IOException {
        Path dir = folder().write();
        Files.writeString(dir.resolve("ova.xml"), folder().ovaXml().replace("file://sdb", "file://sdc"));
        assertBad(dir, CHUNK, "sdc", "the folder \"sdc\" of disk \"vdi_sdb\" is missing");
        Files.delete(dir.resolve("ova.xml"));
        assertThatThrownBy(() -> LegacyXva.open(dir, CHUNK)).isInstanceOfSatisfying(XvaException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.BAD_LEGACY);
            assertThat(e.getMessage()).startsWith("there is no ova.xml in ").endsWith("; it is not a legacy XVA folder");
        });
        Path file = Files.writeString(tmp.resolve("plain.xva"), "x");
        assertThatThrownBy(() -> LegacyXva.open(file)).isInstanceOf(XvaException.class)
                .hasMessageEndingWith(" is not a folder; a legacy XVA is a folder holding ova.xml and one folder per disk");
    }

    @Test
    void anOversizedOvaXmlIsRefusedBeforeParsing() throws IOException {
        String huge = folder().ovaXml().replace("<shortdesc>", "<shortdesc>" + "x".repeat(LegacyOvaParser.MAX_BYTES));
        assertBad(folder().write(huge), CHUNK, "ova.xml",
                "ova.xml is larger than 1048576 bytes; a legacy one describes one VM in about a kilobyte");
        assertThat(huge.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(LegacyOvaParser.MAX_BYTES);
    }

    /** Replaces the folder's ova.xml (the chunks stay), so that each case costs no gzip work. */
    private static Path ova(Path dir, String xml) throws IOException {
        Files.writeString(dir.resolve("ova.xml"), xml, StandardCharsets.UTF_8);
        return dir;
    }

    private static void assertBad(Path dir, long chunk, String where, String message) {
        assertThatThrownBy(() -> LegacyXva.open(dir, chunk).close()).isInstanceOfSatisfying(XvaException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.BAD_LEGACY);
            assertThat(e.where()).isEqualTo(where);
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
        });
    }
}
