package org.xapicenter.ui.tasks;

import java.util.Map;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.xapi.record.Vm;

/**
 * Names other clients' tasks after what they do to which VM. XAPI only names a task after its
 * method ({@code Async.VM.start}), but the VM it works on lists the task in its
 * {@code current_operations}, with the operation.
 */
final class TaskTitles {
    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("start", "Starting"), Map.entry("start_on", "Starting"),
            Map.entry("clean_shutdown", "Shutting down"), Map.entry("hard_shutdown", "Forcing shutdown of"),
            Map.entry("clean_reboot", "Rebooting"), Map.entry("hard_reboot", "Forcing reboot of"),
            Map.entry("suspend", "Suspending"), Map.entry("resume", "Resuming"), Map.entry("resume_on", "Resuming"),
            Map.entry("pause", "Pausing"), Map.entry("unpause", "Unpausing"),
            Map.entry("clone", "Cloning"), Map.entry("copy", "Copying"), Map.entry("snapshot", "Snapshotting"),
            Map.entry("checkpoint", "Checkpointing"), Map.entry("export", "Exporting"), Map.entry("destroy", "Deleting"),
            Map.entry("pool_migrate", "Migrating"), Map.entry("migrate_send", "Migrating"),
            Map.entry("provision", "Provisioning"), Map.entry("revert", "Reverting"));

    private TaskTitles() {
    }

    /** "Rebooting VM 'web-01'" for a VM operation we have a verb for, else null. */
    static String title(String operation, String vmName) {
        String verb = VERBS.get(operation);
        return verb == null ? null : verb + " VM '" + vmName + "'";
    }
}
