package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.util.List;

import org.xapicenter.sim.model.FieldType;
import org.xapicenter.xapi.XapiException;

/**
 * Reading message arguments in the forms clients send them (XML-RPC ints as text, JSON numbers,
 * booleans as "true"), with FIELD_TYPE_ERROR naming the parameter when one does not fit.
 */
final class Args {
    private static final FieldType STRINGS = new FieldType.SetOf(new FieldType.Primitive(FieldType.Kind.STRING));
    private static final FieldType INT = new FieldType.Primitive(FieldType.Kind.INT);
    private static final FieldType FLOAT = new FieldType.Primitive(FieldType.Kind.FLOAT);
    private static final FieldType BOOL = new FieldType.Primitive(FieldType.Kind.BOOL);
    private static final FieldType DATE = new FieldType.Primitive(FieldType.Kind.DATETIME);

    private Args() {
    }

    static String string(List<Object> args, int i) {
        Object o = args.get(i);
        return o == null ? "" : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    static List<Object> strings(List<Object> args, int i, String name) throws XapiException {
        return (List<Object>) coerce(STRINGS, args.get(i), name);
    }

    static long integer(List<Object> args, int i, String name) throws XapiException {
        return (Long) coerce(INT, args.get(i), name);
    }

    static double number(List<Object> args, int i, String name) throws XapiException {
        return (Double) coerce(FLOAT, args.get(i), name);
    }

    static boolean bool(List<Object> args, int i, String name) throws XapiException {
        return (Boolean) coerce(BOOL, args.get(i), name);
    }

    static Instant date(List<Object> args, int i, String name) throws XapiException {
        return (Instant) coerce(DATE, args.get(i), name);
    }

    static Object coerce(FieldType type, Object value, String name) throws XapiException {
        try {
            return type.coerce(value);
        } catch (IllegalArgumentException e) {
            throw Errors.fieldTypeError(name);
        }
    }
}
