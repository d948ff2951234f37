package org.xapicenter.sim;

import java.net.URL;
import java.time.Duration;

import com.xensource.xenapi.APIVersion;
import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;

import org.xapicenter.xapi.XapiSecurity;

/** What the tests of the official Java SDK share: a simulator on a real socket and an SDK session on it. */
final class OfficialSdk {
    private OfficialSdk() {
    }

    static Simulator startSimulator(Duration operationDuration) {
        // As in XapiCenter's own process: the hardened, process-wide XML and serialization settings must
        // not stop another Apache XML-RPC user (the SDK) from working.
        XapiSecurity.install();
        return Simulator.start(SimulatorOptions.builder().operationDuration(operationDuration).build());
    }

    /** An SDK connection logged in as root; the caller logs out with {@code Session.logout(c)}. */
    static Connection login(Simulator sim, String originator) throws Exception {
        Connection c = new Connection(new URL(sim.httpUrl().toString()));
        Session.loginWithPassword(c, "root", "password", APIVersion.latest().toString(), originator);
        return c;
    }

    /** Polls {@code task} (status reads only, the SDK's plainest way) until it ends or 20 s pass; its status. */
    static Types.TaskStatusType finish(Connection c, Task task) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (task.getStatus(c) == Types.TaskStatusType.PENDING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return task.getStatus(c);
    }
}
