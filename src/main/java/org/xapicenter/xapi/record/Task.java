package org.xapicenter.xapi.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A long-running XAPI operation and its progress (XAPI class {@code task}). */
public final class Task extends XapiRecord {
    /** Task status as XAPI spells it. */
    public enum Status {
        PENDING, SUCCESS, FAILURE, CANCELLING, CANCELLED, UNKNOWN;

        public static Status parse(String s) {
            try {
                return valueOf(s.toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                return UNKNOWN;
            }
        }

        public boolean finished() {
            return this == SUCCESS || this == FAILURE || this == CANCELLED;
        }
    }

    public Task(String ref, Map<String, ?> fields) {
        super("task", ref, fields);
    }

    public Status status() {
        return Status.parse(string("status"));
    }

    /** 0..1. */
    public double progress() {
        return float64("progress");
    }

    public Instant created() {
        return date("created");
    }

    public Instant finished() {
        return date("finished");
    }

    /** The XML-RPC serialised result, e.g. {@code <value>OpaqueRef:...</value>}. */
    public String result() {
        return string("result");
    }

    /** {@code [code, params...]} when the task failed. */
    public List<String> errorInfo() {
        return stringList("error_info");
    }

    public Set<String> allowedOperations() {
        return stringSet("allowed_operations");
    }

    public boolean cancellable() {
        return allowedOperations().contains("cancel");
    }

    public String residentOn() {
        return refField("resident_on");
    }

    public String subtaskOf() {
        return refField("subtask_of");
    }
}
