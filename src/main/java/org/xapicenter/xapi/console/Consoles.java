package org.xapicenter.xapi.console;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.console.ConsoleException.Reason;
import org.xapicenter.xapi.record.Console;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Finds the console to open for a VM, or for a host (its control domain's), from whatever holds the
 * records: the live cache ({@code (cls, ref) -> cache.get(ref)}) or the session ({@link #records}).
 * The power state is checked here, before any connection, so a halted VM gets a clear sentence rather
 * than a 404 from a host.
 */
public final class Consoles {
    private Consoles() {
    }

    /** Where records come from. Returns null for a ref it does not know. */
    @FunctionalInterface
    public interface RecordSource {
        XapiRecord get(String xapiClass, String ref) throws XapiException, IOException;
    }

    /** Records read from the server with {@code <class>.get_record}. */
    public static RecordSource records(XapiSession session) {
        return (cls, ref) -> {
            try {
                return session.getRecord(cls, ref);
            } catch (XapiException e) {
                if ("HANDLE_INVALID".equals(e.code())) {
                    return null;
                }
                throw e;
            }
        };
    }

    /**
     * The RFB console of the VM {@code vmRef}.
     *
     * @throws ConsoleException {@link Reason#VM_NOT_RUNNING} unless it is running (or paused, whose
     *     display still exists), {@link Reason#NO_RFB_CONSOLE} when it has no RFB console
     */
    public static Console forVm(RecordSource records, String vmRef) throws XapiException, IOException {
        XapiRecord r = records.get("VM", vmRef);
        if (!(r instanceof Vm vm)) {
            throw new ConsoleException(Reason.NO_RFB_CONSOLE, "The VM is not known (any more), so it has no console.",
                    List.of(vmRef));
        }
        PowerState state = vm.powerState();
        if (state != PowerState.RUNNING && state != PowerState.PAUSED) {
            throw new ConsoleException(Reason.VM_NOT_RUNNING, "The VM " + name(vm) + " is "
                    + state.wireName().toLowerCase(java.util.Locale.ROOT) + ": start it to see its console.",
                    List.of(vmRef, state.wireName()));
        }
        for (String ref : vm.consoles()) {
            if (records.get("console", ref) instanceof Console c && "rfb".equalsIgnoreCase(c.protocol())) {
                return c;
            }
        }
        throw new ConsoleException(Reason.NO_RFB_CONSOLE, "The VM " + name(vm)
                + " has no graphical (RFB) console.", List.of(vmRef));
    }

    /** The RFB console of the host's control domain (dom0). */
    public static Console forHost(RecordSource records, String hostRef) throws XapiException, IOException {
        XapiRecord r = records.get("host", hostRef);
        if (!(r instanceof Host host)) {
            throw new ConsoleException(Reason.NO_RFB_CONSOLE, "The host is not known (any more), so it has no console.",
                    List.of(hostRef));
        }
        String dom0 = host.refField("control_domain");
        if (XapiRecord.NULL_REF.equals(dom0)) {
            // Hosts before the control_domain field: the control domain is among the resident VMs.
            for (String vmRef : host.residentVms()) {
                if (records.get("VM", vmRef) instanceof Vm vm && vm.isControlDomain()) {
                    dom0 = vmRef;
                    break;
                }
            }
        }
        if (XapiRecord.NULL_REF.equals(dom0)) {
            throw new ConsoleException(Reason.NO_RFB_CONSOLE, "The host " + name(host)
                    + " shows no control domain, so it has no console.", List.of(hostRef));
        }
        return forVm(records, dom0);
    }

    /** Finds the VM's console with the session and opens it. */
    public static Socket openVm(XapiSession session, String vmRef) throws XapiException, IOException {
        return open(session, forVm(records(session), vmRef));
    }

    /**
     * Opens {@code console}; when the host answers 500 (xapi's answer for a VM that stopped or is not
     * resident on the host the location names) reads the VM again to say which it was.
     */
    public static Socket open(XapiSession session, Console console) throws XapiException, IOException {
        try {
            return ConsoleTunnel.open(session, console);
        } catch (ConsoleException e) {
            throw explain(records(session), console, e);
        }
    }

    /**
     * The specific reason behind a generic 500 from the console's host, from the VM's record now:
     * {@link Reason#VM_NOT_RUNNING} or {@link Reason#NOT_ON_THIS_HOST}; else {@code e} unchanged.
     */
    static ConsoleException explain(RecordSource records, Console console, ConsoleException e) {
        List<String> params = e.params();
        if (e.reason() != Reason.HTTP_ERROR || params.size() < 2 || !"500".equals(params.get(1))) {
            return e;
        }
        String locationHost = params.get(0);
        try {
            if (!(records.get("VM", console.vm()) instanceof Vm vm)) {
                return e;
            }
            PowerState state = vm.powerState();
            if (state != PowerState.RUNNING && state != PowerState.PAUSED) {
                return new ConsoleException(Reason.VM_NOT_RUNNING, "The VM " + name(vm) + " is "
                        + state.wireName().toLowerCase(java.util.Locale.ROOT) + ": start it to see its console.",
                        List.of(vm.ref(), state.wireName()), e);
            }
            if (records.get("host", vm.residentOn()) instanceof Host host && !host.address().isEmpty()
                    && !host.address().equalsIgnoreCase(locationHost)) {
                return new ConsoleException(Reason.NOT_ON_THIS_HOST, "The VM " + name(vm) + " now runs on "
                        + name(host) + " (" + ConsoleTunnel.printable(host.address()) + "), not on " + locationHost
                        + ": its console will follow once the pool's records catch up.",
                        List.of(vm.ref(), host.address(), locationHost), e);
            }
        } catch (XapiException | IOException | RuntimeException unreadable) {
            // The generic sentence is still true.
        }
        return e;
    }

    /** Finds the host's control-domain console with the session and opens it. */
    public static Socket openHost(XapiSession session, String hostRef) throws XapiException, IOException {
        return ConsoleTunnel.open(session, forHost(records(session), hostRef));
    }

    private static String name(XapiRecord r) {
        String label = r.nameLabel();
        return label.isEmpty() ? r.uuid() : "\"" + ConsoleTunnel.printable(label) + "\"";
    }
}
