package org.xapicenter.xapi;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.record.Records;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.wire.XmlRpcValues;

/**
 * Waits for a XAPI task to finish without polling: it blocks in {@code event.from(["task/<ref>"],
 * token, t)}, which returns as soon as the task changes, and follows the returned token.
 */
public final class Tasks {
    /** Longest single event.from wait; the remaining time is spread over several calls. */
    static final Duration MAX_POLL = Duration.ofSeconds(30);
    /** Socket timeout margin above event.from's own timeout. */
    static final int REPLY_MARGIN_MILLIS = 15_000;

    private Tasks() {
    }

    /**
     * Waits up to {@code timeout} for {@code taskRef} to finish.
     *
     * @return the task's result parsed from its XML-RPC form ({@code ""} when it has none)
     * @throws XapiException the task failed ({@code error_info}), was cancelled ({@code TASK_CANCELLED}),
     *     was destroyed before finishing ({@code HANDLE_INVALID [task, ref]}) or did not finish in time
     *     ({@code XAPICENTER_TASK_TIMEOUT [ref]})
     */
    public static Object await(XapiSession session, String taskRef, Duration timeout)
            throws XapiException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // The first read also proves the task exists: event.from on an unknown ref would just wait.
        Task task = (Task) session.getRecord("task", taskRef);
        String token = "";
        while (!task.status().finished()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new XapiException("XAPICENTER_TASK_TIMEOUT", List.of(taskRef));
            }
            Duration poll = Duration.ofNanos(Math.min(remaining, MAX_POLL.toNanos()));
            double seconds = Math.max(0.1, poll.toMillis() / 1000.0);
            Object reply = session.callWithTimeout((int) poll.toMillis() + REPLY_MARGIN_MILLIS, "event.from",
                    List.of("task/" + taskRef), token, seconds);
            if (!(reply instanceof Map<?, ?> batch)) {
                throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of("event.from did not return a struct"));
            }
            token = String.valueOf(batch.get("token"));
            Task latest = latestSnapshot(batch.get("events"), taskRef);
            if (latest != null) {
                task = latest;
            }
        }
        return outcome(task);
    }

    private static Task latestSnapshot(Object events, String taskRef) throws XapiException {
        Task latest = null;
        if (!(events instanceof List<?> list)) {
            return null;
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> event) || !taskRef.equals(event.get("ref"))) {
                continue;
            }
            if ("del".equals(event.get("operation"))) {
                throw new XapiException("HANDLE_INVALID", List.of("task", taskRef));
            }
            if (event.get("snapshot") instanceof Map<?, ?> snapshot) {
                @SuppressWarnings("unchecked")
                Map<String, ?> fields = (Map<String, ?>) snapshot;
                latest = (Task) Records.of("task", taskRef, fields);
            }
        }
        return latest;
    }

    /** The result of a finished task parsed from its XML-RPC form, or its error as a XapiException. */
    public static Object outcome(Task task) throws XapiException, IOException {
        switch (task.status()) {
            case SUCCESS -> {
                String result = task.result();
                // Some handlers store plain text; only XML-RPC text needs parsing.
                return result.trim().startsWith("<") ? XmlRpcValues.parseValue(result) : result;
            }
            case CANCELLED -> {
                List<String> info = task.errorInfo();
                throw info.isEmpty() ? new XapiException("TASK_CANCELLED", List.of(task.ref()))
                        : XapiException.fromDescription(info);
            }
            default -> {
                List<String> info = task.errorInfo();
                throw info.isEmpty() ? new XapiException("INTERNAL_ERROR", List.of("task failed without error_info"))
                        : XapiException.fromDescription(info);
            }
        }
    }
}
