package org.xapicenter.settings;

import java.util.List;
import java.util.Optional;
import org.xapicenter.xapi.trust.Pin;

/**
 * Everything XapiCenter saves, as one immutable value; {@link SettingsStore#update} writes a changed copy.
 *
 * @param version the file format ({@link #CURRENT_VERSION} once loaded: older files are migrated)
 * @param servers saved servers in the user's order
 * @param pins pinned certificates by host and port
 * @param vault the password vault's header, or null while no password was ever saved
 */
public record Settings(int version, List<SavedServer> servers, List<Pin> pins, VaultHeader vault) {
    /** The format this build writes. Version 1: the first format (see {@code SettingsMigration}). */
    public static final int CURRENT_VERSION = 2;

    public Settings {
        servers = servers == null ? List.of() : List.copyOf(servers);
        pins = pins == null ? List.of() : List.copyOf(pins);
    }

    public static Settings empty() {
        return new Settings(CURRENT_VERSION, List.of(), List.of(), null);
    }

    public Optional<SavedServer> server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Settings withServers(List<SavedServer> newServers) {
        return new Settings(version, newServers, pins, vault);
    }

    public Settings withPins(List<Pin> newPins) {
        return new Settings(version, servers, newPins, vault);
    }

    public Settings withVault(VaultHeader newVault) {
        return new Settings(version, servers, pins, newVault);
    }
}
