package org.xapicenter.ui.actions;

import java.util.List;

/** The VM power actions of the toolbar and context menu, with the XAPI call behind each. */
public enum VmAction {
    START("Start", "Starting", "start", "VM.start", true),
    SHUT_DOWN("Shut down", "Shutting down", "clean_shutdown", "VM.clean_shutdown", false),
    REBOOT("Reboot", "Rebooting", "clean_reboot", "VM.clean_reboot", false),
    SUSPEND("Suspend", "Suspending", "suspend", "VM.suspend", false),
    RESUME("Resume", "Resuming", "resume", "VM.resume", true),
    FORCE_SHUT_DOWN("Force shut down", "Forcing shutdown of", "hard_shutdown", "VM.hard_shutdown", false),
    FORCE_REBOOT("Force reboot", "Forcing reboot of", "hard_reboot", "VM.hard_reboot", false);

    private final String label;
    private final String verb;
    private final String operation;
    private final String method;
    private final boolean takesStartFlags;

    VmAction(String label, String verb, String operation, String method, boolean takesStartFlags) {
        this.label = label;
        this.verb = verb;
        this.operation = operation;
        this.method = method;
        this.takesStartFlags = takesStartFlags;
    }

    /** The menu and button text. */
    public String label() {
        return label;
    }

    /** The name of the operation in a VM's allowed_operations. */
    public String operation() {
        return operation;
    }

    /** The API method (called through {@code Async.}). */
    public String method() {
        return method;
    }

    /** The call's arguments after the session: the VM, and for start/resume {@code start_paused=false, force=false}. */
    public List<Object> arguments(String vmRef) {
        return takesStartFlags ? List.of(vmRef, false, false) : List.of(vmRef);
    }

    /** The Events panel title, e.g. {@code Starting VM 'web01'}. */
    public String title(String vmName) {
        return verb + " VM '" + vmName + "'";
    }
}
