package org.xapicenter.sim.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The XAPI classes the simulator serves, read from {@code datamodel.txt} (shipped in
 * {@code resources/sim/}). Data rather than code so that later issues grow the model by editing a
 * table, not by writing classes.
 */
public final class Datamodel {
    public static final String RESOURCE = "/org/xapicenter/data/sim/datamodel.txt";

    private final Map<String, ClassDef> classes = new LinkedHashMap<>();
    private final Map<String, ClassDef> byLowerName = new HashMap<>();
    private final Map<String, FieldType.Enumeration> enums = new HashMap<>();
    private final List<Relation> relations = new ArrayList<>();

    private Datamodel() {
    }

    private static volatile Datamodel standard;

    /** The datamodel shipped with the program (parsed once). */
    public static Datamodel standard() {
        Datamodel d = standard;
        if (d == null) {
            try (InputStream in = Datamodel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                d = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = d;
        }
        return d;
    }

    public static Datamodel parse(InputStream in) throws IOException {
        Datamodel model = new Datamodel();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String[]> fieldLines = new ArrayList<>();
        List<String[]> late = new ArrayList<>();
        ClassDef current = null;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            boolean indented = Character.isWhitespace(line.charAt(0));
            if (indented) {
                if (current == null) {
                    throw new IOException("line " + lineNo + ": field outside a class");
                }
                String[] withClass = new String[words.length + 1];
                withClass[0] = current.name();
                System.arraycopy(words, 0, withClass, 1, words.length);
                fieldLines.add(withClass);
                continue;
            }
            switch (words[0]) {
                case "enum" -> model.enums.put(words[1],
                        new FieldType.Enumeration(words[1], List.copyOf(Arrays.asList(words).subList(2, words.length))));
                case "class" -> {
                    current = new ClassDef(words[1]);
                    model.classes.put(current.name(), current);
                    model.byLowerName.put(current.name().toLowerCase(Locale.ROOT), current);
                }
                case "relation", "default", "no-events" -> {
                    late.add(words);
                    current = null;
                }
                default -> throw new IOException("line " + lineNo + ": unknown directive " + words[0]);
            }
        }
        for (String[] f : fieldLines) {
            FieldType type = model.parseType(new ArrayList<>(List.of(f[2].split(":"))));
            List<String> flags = Arrays.asList(f).subList(3, f.length);
            model.classes.get(f[0]).add(new FieldDef(f[1], type, flags.contains("rw"),
                    flags.contains("map-mutable"), flags.contains("set-mutable"), type.zero()));
        }
        for (String[] words : late) {
            model.applyDirective(words);
        }
        return model;
    }

    private void applyDirective(String[] words) throws IOException {
        switch (words[0]) {
            case "relation" -> {
                String[] child = words[1].split("\\.");
                String[] parent = words[2].split("\\.");
                requireField(child[0], child[1]);
                requireField(parent[0], parent[1]);
                relations.add(new Relation(child[0], child[1], parent[0], parent[1]));
            }
            case "default" -> {
                String[] target = words[1].split("\\.");
                FieldDef f = requireField(target[0], target[1]);
                String raw = words.length > 2 ? words[2] : "";
                Object value;
                try {
                    value = f.type().coerce(raw);
                } catch (IllegalArgumentException e) {
                    throw new IOException("bad default for " + words[1] + ": " + raw, e);
                }
                classes.get(target[0]).replace(new FieldDef(f.name(), f.type(), f.writable(), f.mapMutable(),
                        f.setMutable(), value));
            }
            case "no-events" -> classes.get(words[1]).disableEvents();
            default -> throw new IOException("unknown directive " + words[0]);
        }
    }

    private FieldDef requireField(String cls, String field) throws IOException {
        ClassDef c = classes.get(cls);
        if (c == null || c.field(field).isEmpty()) {
            throw new IOException("unknown field " + cls + "." + field);
        }
        return c.field(field).get();
    }

    private FieldType parseType(List<String> tokens) throws IOException {
        if (tokens.isEmpty()) {
            throw new IOException("truncated type");
        }
        String t = tokens.remove(0);
        return switch (t) {
            case "string" -> new FieldType.Primitive(FieldType.Kind.STRING);
            case "int" -> new FieldType.Primitive(FieldType.Kind.INT);
            case "float" -> new FieldType.Primitive(FieldType.Kind.FLOAT);
            case "bool" -> new FieldType.Primitive(FieldType.Kind.BOOL);
            case "datetime" -> new FieldType.Primitive(FieldType.Kind.DATETIME);
            case "ref" -> new FieldType.Ref(tokens.remove(0));
            case "enum" -> {
                String name = tokens.remove(0);
                FieldType.Enumeration e = enums.get(name);
                if (e == null) {
                    throw new IOException("unknown enum " + name);
                }
                yield e;
            }
            case "set" -> new FieldType.SetOf(parseType(tokens));
            case "map" -> new FieldType.MapOf(parseType(tokens), parseType(tokens));
            default -> throw new IOException("unknown type " + t);
        };
    }

    public Collection<ClassDef> classes() {
        return Collections.unmodifiableCollection(classes.values());
    }

    /** Class by wire name, case-insensitively ({@code vm}, {@code VM} and {@code Vm} are the same). */
    public Optional<ClassDef> find(String name) {
        ClassDef exact = classes.get(name);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    public ClassDef get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown class " + name));
    }

    public List<Relation> relations() {
        return Collections.unmodifiableList(relations);
    }
}
