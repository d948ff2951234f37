package org.xapicenter.xapi.record;

import java.util.Locale;
import java.util.Map;

/** Builds the typed record for any XAPI class; classes we do not model yet stay generic. */
public final class Records {
    private Records() {
    }

    /** @param xapiClass a XAPI class name in any case ({@code VM}, {@code vm}, {@code VM_metrics}) */
    public static XapiRecord of(String xapiClass, String ref, Map<String, ?> fields) {
        String cls = xapiClass.toLowerCase(Locale.ROOT);
        return switch (cls) {
            case "vm" -> new Vm(ref, fields);
            case "vm_metrics" -> new VmMetrics(ref, fields);
            case "vm_guest_metrics" -> new VmGuestMetrics(ref, fields);
            case "pool" -> new Pool(ref, fields);
            case "host" -> new Host(ref, fields);
            case "sr" -> new Sr(ref, fields);
            case "vdi" -> new Vdi(ref, fields);
            case "vbd" -> new Vbd(ref, fields);
            case "network" -> new Network(ref, fields);
            case "vif" -> new Vif(ref, fields);
            case "pif" -> new Pif(ref, fields);
            case "pbd" -> new Pbd(ref, fields);
            case "console" -> new Console(ref, fields);
            case "task" -> new Task(ref, fields);
            case "message" -> new Message(ref, fields);
            default -> new GenericRecord(cls, ref, fields);
        };
    }

    /** A record of a class without a typed wrapper; every field is still there. */
    public static final class GenericRecord extends XapiRecord {
        GenericRecord(String xapiClass, String ref, Map<String, ?> fields) {
            super(xapiClass, ref, fields);
        }
    }
}
