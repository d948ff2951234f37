package org.xapicenter.settings;

import java.util.List;
import java.util.Objects;
import org.xapicenter.xapi.Protocol;

/**
 * A server the user added, as saved.
 *
 * @param id stable identity across edits (a random UUID)
 * @param name the friendly name shown in the tree; blank means "use the address"
 * @param address {@code host}, {@code host:port} or {@code https://host:port}, as typed
 * @param user the login name
 * @param protocol the RPC transport
 * @param connectAtStartup connect when XapiCenter starts
 * @param members the pool's other hosts' addresses, remembered for failover when the saved host is down
 * @param password the password sealed by the vault, or null when not saved
 */
public record SavedServer(String id, String name, String address, String user, Protocol protocol,
        boolean connectAtStartup, List<String> members, SealedSecret password) {
    public SavedServer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(protocol, "protocol");
        name = name == null ? "" : name;
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** The name to show: the friendly name, or the address. */
    public String displayName() {
        return name.isBlank() ? address : name;
    }

    public SavedServer withPassword(SealedSecret sealed) {
        return new SavedServer(id, name, address, user, protocol, connectAtStartup, members, sealed);
    }

    public SavedServer withMembers(List<String> newMembers) {
        return new SavedServer(id, name, address, user, protocol, connectAtStartup, newMembers, password);
    }
}
