package org.xapicenter.sim.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.model.FieldDef;
import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Reads the one struct a XAPI constructor ({@code VDI.create}, {@code VIF.create}...) takes. Only the
 * fields the constructor accepts are read, as xapi does: real clients (the official SDK) send the whole
 * record, read-only fields included, and those are ignored. Absent fields keep their defaults; a
 * value of the wrong type is FIELD_TYPE_ERROR naming the field; a ref to nothing is HANDLE_INVALID.
 */
final class ConstructorArgs {
    private ConstructorArgs() {
    }

    static Map<String, Object> read(ObjectStore store, String className, Object struct, List<String> accepted)
            throws XapiException {
        if (!(struct instanceof Map<?, ?> given)) {
            throw Errors.fieldTypeError("args");
        }
        ClassDef cls = store.model().get(className);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : accepted) {
            if (!given.containsKey(name)) {
                continue;
            }
            FieldDef f = cls.field(name).orElseThrow(() -> new IllegalArgumentException("no field " + name));
            Object v = Args.coerce(f.type(), given.get(name), name);
            if (f.type() instanceof FieldType.Ref r && !FieldType.Ref.NULL.equals(v) && !store.isA((String) v, r.targetClass())) {
                throw Errors.handleInvalid(r.targetClass(), (String) v);
            }
            out.put(f.name(), v);
        }
        return out;
    }
}
