package org.xapicenter.sim.rpc;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The one place console locations ({@code https://<address>/console?uuid=<uuid>}) are written. A client
 * connects to the host named there, so the address must be one that answers: each host's own address
 * when every host listens on its own (pool members mode, 127.0.0.N), otherwise the single listener's
 * address, because the demo's hosts (192.168.10.x) exist only on paper.
 */
public final class ConsoleLocations {
    private final String listenerAddress;

    private ConsoleLocations(String listenerAddress) {
        this.listenerAddress = listenerAddress;
    }

    /** Locations name each host's own address. */
    public static ConsoleLocations perHost() {
        return new ConsoleLocations(null);
    }

    /** Every location names {@code address}, the one listener serving the whole pool. */
    public static ConsoleLocations sharedListener(String address) {
        return new ConsoleLocations(address);
    }

    /** The location of the console {@code uuid} served at {@code address}. */
    public static String url(String address, String uuid) {
        return "https://" + address + "/console?uuid=" + uuid;
    }

    /** Points {@code console} at the host whose address is {@code hostAddress} (or at the shared listener). */
    public void write(ObjectStore store, String console, String hostAddress) {
        String address = listenerAddress != null ? listenerAddress : hostAddress;
        store.set(console, "location", url(address, store.getString(console, "uuid")));
    }

    /** As {@link #write(ObjectStore, String, String)} for the host {@code host} (a ref). */
    public void writeForHost(ObjectStore store, String console, String host) {
        write(store, console, store.isA(host, "host") ? store.getString(host, "address") : "");
    }
}
