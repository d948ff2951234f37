package org.xapicenter.sim;

import java.util.jar.JarFile;
import java.util.jar.JarEntry;
import java.util.Enumeration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.lang.reflect.Method;
import java.lang.reflect.InvocationTargetException;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.xensource.xenapi.APIVersion;
import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Console;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Message;
import com.xensource.xenapi.Network;
import com.xensource.xenapi.PBD;
import com.xensource.xenapi.PIF;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VBD;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VIF;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMGuestMetrics;
import com.xensource.xenapi.VMMetrics;

/**
 * The official XenServer Java SDK 8.1.0, unmodified, against the simulator over a real socket: its
 * own typed parsers must accept every record and event batch we send.
 */
class OfficialSdkConformanceTest {
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = OfficialSdk.startSimulator(Duration.ofMillis(40));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void sdkReadsEveryRecordStartsAVmAndFollowsEvents() throws Exception {
        Connection c = OfficialSdk.login(sim, "sim-conformance-test");
        try {
            Map<VM, VM.Record> vms = VM.getAllRecords(c);
            assertThat(vms).hasSizeGreaterThan(25);
            assertThat(vms.values()).anySatisfy(r -> assertThat(r.nameLabel).isEqualTo("Debian Bookworm 12"));
            assertThat(vms.values()).allSatisfy(r -> assertThat(r.powerState).isNotEqualTo(Types.VmPowerState.UNRECOGNIZED));
            assertThat(Host.getAllRecords(c)).hasSize(3)
                    .allSatisfy((h, r) -> assertThat(r.APIVersionMajor).isEqualTo(2L));
            assertThat(Pool.getAllRecords(c).values()).singleElement()
                    .satisfies(p -> assertThat(p.nameLabel).isEqualTo("Demo pool"));
            assertThat(SR.getAllRecords(c).values()).anySatisfy(r -> assertThat(r.shared).isTrue());
            assertThat(VDI.getAllRecords(c)).isNotEmpty();
            assertThat(VBD.getAllRecords(c).values()).anySatisfy(r -> assertThat(r.type).isEqualTo(Types.VbdType.CD));
            assertThat(VIF.getAllRecords(c).values()).allSatisfy(r -> assertThat(r.MAC).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"));
            assertThat(Network.getAllRecords(c)).hasSize(2);
            assertThat(PIF.getAllRecords(c)).hasSize(6);
            assertThat(PBD.getAllRecords(c)).isNotEmpty();
            assertThat(Console.getAllRecords(c).values()).anySatisfy(r -> assertThat(r.protocol).isEqualTo(Types.ConsoleProtocol.RFB));
            assertThat(Message.getAllRecords(c)).isNotEmpty();
            assertThat(VMMetrics.getAllRecords(c)).isNotEmpty();
            assertThat(VMGuestMetrics.getAllRecords(c)).isNotEmpty();
            assertThat(Task.getAllRecords(c)).isNotNull();
            Session session = Types.toSession(c.getSessionReference());
            assertThat(session.getThisHost(c).getNameLabel(c)).isEqualTo("xcp-ng-01");
            assertThat(session.getRecord(c).originator).isEqualTo("sim-conformance-test");
            // Classes the demo pool has none of still answer, empty.
            assertThat(com.xensource.xenapi.Bond.getAllRecords(c)).isEmpty();
            assertThat(com.xensource.xenapi.VLAN.getAllRecords(c)).isEmpty();
            assertThat(com.xensource.xenapi.PoolUpdate.getAllRecords(c)).isEmpty();
            assertThat(com.xensource.xenapi.VMAppliance.getAllRecords(c)).isEmpty();

            EventBatch fill = Event.from(c, Set.of("*"), "", 5.0);
            assertThat(fill.events).hasSizeGreaterThan(100);
            String token = fill.token;

            VM halted = VM.getByNameLabel(c, "dev-sandbox").iterator().next();
            assertThat(halted.getPowerState(c)).isEqualTo(Types.VmPowerState.HALTED);
            Task task = halted.startAsync(c, false, false);
            assertThat(OfficialSdk.finish(c, task)).isEqualTo(Types.TaskStatusType.SUCCESS);
            assertThat(halted.getPowerState(c)).isEqualTo(Types.VmPowerState.RUNNING);
            assertThat(halted.getResidentOn(c).getNameLabel(c)).startsWith("xcp-ng-");

            boolean sawRunning = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!sawRunning && System.nanoTime() < deadline) {
                EventBatch batch = Event.from(c, Set.of("vm", "task"), token, 5.0);
                token = batch.token;
                for (Event.Record e : batch.events) {
                    if (e.snapshot instanceof VM.Record r && e.ref.equals(halted.toWireString())
                            && r.powerState == Types.VmPowerState.RUNNING) {
                        sawRunning = true;
                    }
                }
            }
            assertThat(sawRunning).isTrue();
            task.destroy(c);

            halted.cleanShutdown(c);
            assertThat(halted.getPowerState(c)).isEqualTo(Types.VmPowerState.HALTED);
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> halted.cleanShutdown(c));
            assertThat(thrown).isInstanceOf(Types.VmBadPowerState.class);
            Types.VmBadPowerState refused = (Types.VmBadPowerState) thrown;
            assertThat(List.of(refused.vm, refused.expected, refused.actual))
                    .containsExactly(halted.toWireString(), "running", "halted");
            EventBatch after = Event.from(c, Set.of("vm"), token, 5.0);
            assertThat(after.events).isNotEmpty();
        } finally {
            Session.logout(c);
        }
    }

    /**
     * Every class the SDK knows, read with its own getAllRecords and typed converters: a field sent
     * with the wrong type, or an enum value it does not know, fails here.
     */
    @Test
    void everyGetAllRecordsOfTheSdkParsesWithoutError() throws Exception {
        List<Method> readers = sdkGetAllRecords();
        assertThat(readers).as("SDK classes with getAllRecords").hasSizeGreaterThan(40);
        Connection c = OfficialSdk.login(sim, "every-class-test");
        List<String> failures = new ArrayList<>();
        int nonEmpty = 0;
        try {
            for (Method m : readers) {
                try {
                    Map<?, ?> all = (Map<?, ?>) m.invoke(null, c);
                    if (!all.isEmpty()) {
                        nonEmpty++;
                    }
                } catch (InvocationTargetException e) {
                    failures.add(m.getDeclaringClass().getSimpleName() + ": " + e.getCause());
                }
            }
        } finally {
            Session.logout(c);
        }
        assertThat(failures).as("classes the SDK could not read").isEmpty();
        assertThat(nonEmpty).as("classes with objects in the demo pool").isGreaterThanOrEqualTo(15);
    }

    /** The static getAllRecords(Connection) of every class in the SDK's jar. */
    private static List<Method> sdkGetAllRecords() throws Exception {
        Path jar = Path.of(Connection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.startsWith("com/xensource/xenapi/") || !name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> cls = Class.forName(name.replace('/', '.').substring(0, name.length() - 6));
                try {
                    Method m = cls.getMethod("getAllRecords", Connection.class);
                    if (Modifier.isStatic(m.getModifiers())) {
                        out.add(m);
                    }
                } catch (NoSuchMethodException e) {
                    // not an API class (Types, Connection, ...)
                }
            }
        }
        return out;
    }
}
