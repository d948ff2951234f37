package org.xapicenter.sim.scale;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.model.FieldDef;
import org.xapicenter.sim.store.ObjectStore;

/**
 * Writes the pool as xapi writes its database ({@code /var/lib/xcp/state.db}):
 * {@code <database><manifest><pair key= value=/>...</manifest><table name="VM"><row ref="OpaqueRef:..."
 * uuid="..." name__label="..."/></table>...</database>}, one attribute per field, {@code ref} first.
 */
public final class StateDbWriter {
    /** The schema version of XCP-ng 8.3's xapi; a reader checks the major version only. */
    static final int SCHEMA_MAJOR = 5;
    static final int SCHEMA_MINOR = 786;
    /** Never written: sessions are credentials, tasks are work in flight (xapi does not persist either). */
    static final Set<String> NOT_PERSISTED = Set.of("session", "task");

    private StateDbWriter() {
    }

    /** Writes atomically: a reader never sees half a file. */
    public static void write(ObjectStore store, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                store.atomically(() -> write(store, out));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void write(ObjectStore store, OutputStream out) {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("database");
            w.writeStartElement("manifest");
            pair(w, "schema_major_vsn", Integer.toString(SCHEMA_MAJOR));
            pair(w, "schema_minor_vsn", Integer.toString(SCHEMA_MINOR));
            pair(w, "generation_count", Long.toString(store.generation()));
            w.writeEndElement();
            for (ClassDef cls : store.model().classes()) {
                // Every table is written, even empty or not persisted: xapi's loader expects them all.
                w.writeStartElement("table");
                w.writeAttribute("name", cls.name());
                if (!NOT_PERSISTED.contains(cls.name())) {
                    for (String ref : store.refs(cls.name())) {
                        row(w, cls, ref, store.record(ref));
                    }
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the database: " + e.getMessage(), e);
        }
    }

    private static void pair(XMLStreamWriter w, String key, String value) throws XMLStreamException {
        w.writeEmptyElement("pair");
        w.writeAttribute("key", key);
        w.writeAttribute("value", value);
    }

    private static void row(XMLStreamWriter w, ClassDef cls, String ref, Map<String, Object> record)
            throws XMLStreamException {
        w.writeEmptyElement("row");
        w.writeAttribute("ref", ref);
        w.writeAttribute("_ref", ref);
        for (FieldDef f : cls.fields()) {
            Object v = record.get(f.name());
            if (v != null) {
                w.writeAttribute(DbColumns.column(cls.name(), f.name()), DbValues.protect(DbValues.encode(f.type(), v)));
            }
        }
    }
}
