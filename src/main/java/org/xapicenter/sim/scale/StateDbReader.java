package org.xapicenter.sim.scale;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.model.FieldDef;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.wire.BoundedInputStream;
import org.xapicenter.xapi.wire.SecureXml;

/**
 * Loads a pool from a xapi database dump ({@code state.db}), ours or a real host's. Tables and
 * columns the simulator's datamodel lacks are skipped (a newer xapi has more), as are sessions and
 * tasks; a value that does not parse keeps the field's default. Both column spellings are read:
 * {@code name__label} (xapi's) and {@code name_label}.
 */
public final class StateDbReader {
    /** A real pool's database is tens of MiB; a 200,000-VM simulated one stays under a GiB. */
    private static final long MAX_BYTES = 1L << 30;
    private static final Set<String> ROW_KEYS = Set.of("ref", "_ref", "__ctime", "__mtime");

    /** What a load did, for the log line and for tests. */
    public record Result(int objects, int skippedTables, int skippedColumns, int badValues, Optional<String> coordinator) {
    }

    private StateDbReader() {
    }

    /** Reads {@code file} into {@code store} (expected empty). */
    public static Result read(Path file, ObjectStore store) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, store);
        }
    }

    public static Result read(InputStream in, ObjectStore store) throws IOException {
        Handler h = new Handler(store);
        SecureXml.parse(new BoundedInputStream(in, MAX_BYTES), h);
        int[] created = new int[1];
        store.atomically(() -> {
            for (Row r : h.rows) {
                if (!store.exists(r.ref)) {
                    store.create(r.cls.name(), r.ref, r.values);
                    created[0]++;
                }
            }
        });
        return new Result(created[0], h.skippedTables, h.skippedColumns, h.badValues, coordinator(store));
    }

    /** The pool's master, else the first host. */
    private static Optional<String> coordinator(ObjectStore store) {
        for (String pool : store.refs("pool")) {
            String master = store.getString(pool, "master");
            if (store.isA(master, "host")) {
                return Optional.of(master);
            }
        }
        return store.refs("host").stream().findFirst();
    }

    private record Row(ClassDef cls, String ref, Map<String, Object> values) {
    }

    private static final class Handler extends DefaultHandler {
        final ObjectStore store;
        final List<Row> rows = new ArrayList<>();
        ClassDef table;
        boolean inDatabase;
        int skippedTables;
        int skippedColumns;
        int badValues;

        Handler(ObjectStore store) {
            this.store = store;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attrs) throws SAXException {
            switch (qName) {
                case "database" -> inDatabase = true;
                case "manifest", "pair" -> {
                    // Schema versions differ between releases; unknown columns are skipped instead.
                }
                case "table" -> {
                    String name = attrs.getValue("name");
                    table = name == null || StateDbWriter.NOT_PERSISTED.contains(name) ? null
                            : store.model().find(name).orElse(null);
                    if (table == null) {
                        skippedTables++;
                    }
                }
                case "row" -> {
                    if (table != null) {
                        row(attrs);
                    }
                }
                default -> throw new SAXException("not a xapi database: unexpected element <" + qName + ">");
            }
            if (!inDatabase) {
                throw new SAXException("not a xapi database: it starts with <" + qName + ">");
            }
        }

        private void row(Attributes attrs) {
            String ref = attrs.getValue("ref");
            if (ref == null || ref.isEmpty()) {
                badValues++;
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < attrs.getLength(); i++) {
                String column = attrs.getQName(i);
                if (ROW_KEYS.contains(column)) {
                    continue;
                }
                Optional<FieldDef> f = table.field(column).or(() -> table.field(DbColumns.field(column)));
                if (f.isEmpty()) {
                    skippedColumns++;
                    continue;
                }
                try {
                    values.put(f.get().name(), DbValues.decode(f.get().type(), DbValues.unprotect(attrs.getValue(i))));
                } catch (RuntimeException e) {
                    badValues++;
                }
            }
            rows.add(new Row(table, ref, values));
        }
    }
}
