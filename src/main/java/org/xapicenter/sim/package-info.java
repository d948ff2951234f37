/**
 * The XAPI simulator: the embedded demo pool and the test bed, speaking the real wire protocol
 * (docs/XAPI-PROTOCOL.md) well enough for unmodified clients such as the official Java SDK.
 *
 * <p>Layers, each depending only on the ones above it:
 * <ul>
 * <li>{@code sim.model}: the XAPI classes, fields, types, defaults and two-way relations, read from
 *     {@code resources/sim/datamodel.txt}; growing the object model means editing that table.</li>
 * <li>{@code sim.store}: every object, thread-safe, with a change index that answers event.from.</li>
 * <li>{@code sim.rpc}: the rules: dispatch (implicit and explicit messages, generic errors), sessions,
 *     events, tasks and simulated time, the VM lifecycle.</li>
 * <li>{@code sim.demo}: the deterministic demo pool built from {@code resources/sim/demo-pool.json}.</li>
 * <li>{@code sim.pool}: who coordinates the pool (pool.designate_new_master, the emergency messages),
 *     each host on its own loopback address, a member's HOST_IS_SLAVE.</li>
 * <li>{@code sim.scale}: generated large pools (same seed, same pool), churn, and pools loaded from and
 *     saved to xapi's own database format ({@code state.db}).</li>
 * <li>{@code sim.http}: Netty HTTP/HTTPS with longest-prefix routes ({@code /}, {@code /RPC2},
 *     {@code /jsonrpc}); RPCs run on worker threads so long polls never hold the event loop.</li>
 * </ul>
 * Entry points: {@link org.xapicenter.sim.Simulator} (on the wire), {@link org.xapicenter.sim.SimulatorCore}
 * (in-process, for tests), {@link org.xapicenter.sim.SimulatorCommand} (the {@code simulator} command).
 */
package org.xapicenter.sim;
