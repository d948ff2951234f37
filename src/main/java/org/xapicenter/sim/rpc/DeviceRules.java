package org.xapicenter.sim.rpc;

import java.util.Locale;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/** Rules VBDs and VIFs share: hot-plug needs a running VM, and plug/unplug only change state. */
final class DeviceRules {
    private DeviceRules() {
    }

    static String requireVm(ObjectStore store, String vm) throws XapiException {
        if (!store.isA(vm, "VM")) {
            throw Errors.handleInvalid("VM", vm);
        }
        return vm;
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
}
