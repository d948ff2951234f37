package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Rules VBDs and VIFs share: hot-plug needs a running VM, plug/unplug only change state, and so a
 * device's {@code allowed_operations} follow its VM's power state.
 */
final class DeviceRules {
    private DeviceRules() {
    }

    static String requireVm(ObjectStore store, String vm) throws XapiException {
        return Handles.require(store, "VM", vm);
    }

    /** VM_BAD_POWER_STATE [vm, "running", actual] unless the device's VM runs. */
    static void requireRunning(ObjectStore store, String vm) throws XapiException {
        String state = store.getString(vm, "power_state");
        if (!"Running".equals(state)) {
            throw Errors.of("VM_BAD_POWER_STATE", vm, "running", state.toLowerCase(Locale.ROOT));
        }
    }

    /** Checks and applies plug ({@code attach=true}) or unplug of {@code device} (a VBD or VIF). */
    static void plug(ObjectStore store, String device, boolean attach) throws XapiException {
        requireRunning(store, store.getString(device, "VM"));
        boolean attached = Boolean.TRUE.equals(store.get(device, "currently_attached"));
        if (attach && attached) {
            throw Errors.of("DEVICE_ALREADY_ATTACHED", device);
        }
        if (!attach && !attached) {
            throw Errors.of("DEVICE_ALREADY_DETACHED", device);
        }
    }

    /** A device number: the numeric userdevice of a VBD, the device of a VIF. */
    static boolean isDeviceNumber(String s, int max) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(s) <= max;
    }

    /**
     * Recomputes the {@code allowed_operations} of {@code vm}'s VBDs and VIFs; call wherever the VM's power
     * state (and so whether its devices can be hot-plugged) changes. Called under the store lock.
     */
    static void refreshDevices(ObjectStore store, String vm) {
        for (Object vbd : store.getList(vm, "VBDs")) {
            StorageState.refreshVbd(store, (String) vbd);
        }
        for (Object vif : store.getList(vm, "VIFs")) {
            refreshVif(store, (String) vif);
        }
    }

    /** A VIF can always be attached; while its VM runs it can be plugged or, once attached, unplugged. */
    static List<Object> vifOperations(ObjectStore store, String vm, boolean attached) {
        List<Object> ops = new ArrayList<>(List.of("attach"));
        if (store.isA(vm, "VM") && "Running".equals(store.get(vm, "power_state"))) {
            ops.add(attached ? "unplug" : "plug");
        }
        return List.copyOf(ops);
    }

    static void refreshVif(ObjectStore store, String vif) {
        if (store.isA(vif, "VIF")) {
            setIfChanged(store, vif, vifOperations(store, store.getString(vif, "VM"),
                    Boolean.TRUE.equals(store.get(vif, "currently_attached"))));
        }
    }

    /** Sets allowed_operations only when they change, so that a refresh sends no needless event. */
    static void setIfChanged(ObjectStore store, String device, List<Object> ops) {
        if (!ops.equals(store.getList(device, "allowed_operations"))) {
            store.set(device, "allowed_operations", ops);
        }
    }
}
