package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class XvaMetadataTest {
    static XvaMetadata vectorMetadata() throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(XvaTestData.xoVector());
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e = tar.getNextEntry();
            assertEquals("ova.xml", e.getName());
            return XvaMetadata.parse(tar);
        }
    }

    @Test
    void readsXenOrchestrasOvaXml() throws IOException {
        XvaMetadata m = vectorMetadata();
        assertEquals("2", m.version().get("export_vsn"));
        assertEquals("XO written demo VM", m.vm().string("name_label"));
        assertEquals("Ref:000", m.vm().id());
        List<XvaDisk> disks = m.disks();
        assertEquals(List.of(new XvaDisk("Ref:002", "XO written demo VM disk 0", 5L << 20, "1")), disks);
    }

    @Test
    void writesTheBareValueAndReadsItBack() throws IOException {
        XvaMetadata m = vectorMetadata();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<value><struct><member><name>version</name>"), xml.substring(0, 60));
        assertFalse(xml.contains("<?xml"));
        assertTrue(xml.contains("<member><name>class</name><value>VM</value></member><member><name>id</name>"));
        XvaMetadata back = XvaMetadata.parse(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(m.version(), back.version());
        assertEquals(m.objects(), back.objects());
        assertEquals(m.disks(), back.disks());
    }

    @Test
    void disksAreTheNonCdVdisInRefStringOrderWithoutIsoSrs() throws IOException {
        XvaMetadata m = XvaTestData.metadata(List.of(
                new XvaTestData.Disk("Ref:9", 10, XvaTestData.pattern(1, 10)),
                new XvaTestData.Disk("Ref:10", 20, XvaTestData.pattern(2, 20))));
        List<XvaDisk> disks = m.disks();
        assertEquals(List.of(new XvaDisk("Ref:10", "disk 1", 20, "1"), new XvaDisk("Ref:9", "disk 0", 10, "0")), disks);
        assertEquals("Ref:0", m.vm().id());
    }

    @Test
    void refusesDoctypeAndEntities() {
        String xml = "<!DOCTYPE v [<!ENTITY x \"boom\">]><value><struct><member><name>version</name>"
                + "<value>&x;</value></member></struct></value>";
        XvaException e = assertThrows(XvaException.class,
                () -> XvaMetadata.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(XvaException.Problem.BAD_METADATA, e.problem());
        assertEquals("ova.xml", e.where());
    }

    @Test
    void refusesAStructWithoutObjectsOrAVm() {
        XvaException e = assertThrows(XvaException.class, () -> XvaMetadata.parse(new ByteArrayInputStream(
                "<value><struct><member><name>version</name><value><struct></struct></value></member></struct></value>"
                        .getBytes(StandardCharsets.UTF_8))));
        assertEquals(XvaException.Problem.BAD_METADATA, e.problem());
        XvaMetadata empty = new XvaMetadata(java.util.Map.of(), List.of());
        assertEquals(XvaException.Problem.BAD_METADATA, assertThrows(XvaException.class, empty::vm).problem());
    }

    @Test
    void refusesAnOversizedOvaXmlWithoutReadingItAll() {
        // An endless stream of whitespace inside a value: the parser must stop at MAX_BYTES.
        InputStream endless = new InputStream() {
            long served;
            final byte[] head = "<value><struct><member><name>version</name><value>".getBytes(StandardCharsets.US_ASCII);

            @Override
            public int read() {
                return served < head.length ? head[(int) served++] : (served++ >= 0 ? 'a' : -1);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        XvaException e = assertThrows(XvaException.class, () -> XvaMetadata.parse(endless));
        assertEquals(XvaException.Problem.TOO_LARGE, e.problem());
    }
}
