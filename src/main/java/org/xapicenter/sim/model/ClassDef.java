package org.xapicenter.sim.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A XAPI class: its wire name (e.g. {@code VM}, {@code host}, {@code VM_metrics}) and its fields in order. */
public final class ClassDef {
    private final String name;
    private final Map<String, FieldDef> fields = new LinkedHashMap<>();
    private final Map<String, FieldDef> fieldsByLowerName = new LinkedHashMap<>();
    private boolean eventsEnabled = true;

    ClassDef(String name) {
        this.name = name;
    }

    void add(FieldDef field) {
        fields.put(field.name(), field);
        fieldsByLowerName.put(field.name().toLowerCase(Locale.ROOT), field);
    }

    void replace(FieldDef field) {
        add(field);
    }

    void disableEvents() {
        eventsEnabled = false;
    }

    public String name() {
        return name;
    }

    /** Lower-case table name, as event records and {@code valid_ref_counts} spell it. */
    public String eventName() {
        return name.toLowerCase(Locale.ROOT);
    }

    public Collection<FieldDef> fields() {
        return Collections.unmodifiableCollection(fields.values());
    }

    public Optional<FieldDef> field(String fieldName) {
        FieldDef exact = fields.get(fieldName);
        return exact != null ? Optional.of(exact)
                : Optional.ofNullable(fieldsByLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
    }

    public boolean eventsEnabled() {
        return eventsEnabled;
    }

    @Override
    public String toString() {
        return name;
    }
}
