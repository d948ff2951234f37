package org.xapicenter.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Brings an older settings file up to {@link Settings#CURRENT_VERSION}, one version at a time.
 *
 * <p>Version 1 (the development builds before saved passwords and pinning) held only a server list:
 * <pre>{ "version": 1, "servers": [ { "url": "https://host:port", "user": "root", "jsonRpc": true,
 *   "name": "optional friendly name", "autoConnect": false } ] }</pre>
 * Version 2 names the address as typed ({@code address}), the transport as {@code protocol}
 * ({@code JSON_RPC} / {@code XML_RPC}), gives each server a stable {@code id}, remembers pool
 * {@code members}, and adds {@code pins} and the password {@code vault}.
 */
final class SettingsMigration {
    private SettingsMigration() {
    }

    /**
     * The document as the current version, migrated step by step.
     *
     * @throws IllegalArgumentException the document is not a settings file of a version we know
     */
    static ObjectNode toCurrent(ObjectNode doc, int version) {
        ObjectNode d = doc;
        int v = version;
        if (v == 1) {
            d = from1(d);
            v = 2;
        }
        if (v != Settings.CURRENT_VERSION) {
            throw new IllegalArgumentException("version " + version + " is not one this XapiCenter knows");
        }
        return d;
    }

    private static ObjectNode from1(ObjectNode old) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("version", 2);
        ArrayNode servers = out.putArray("servers");
        JsonNode list = old.path("servers");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("\"servers\" is not a list");
        }
        for (JsonNode s : list) {
            String url = s.path("url").asText("");
            if (url.isBlank()) {
                throw new IllegalArgumentException("a server has no \"url\"");
            }
            ObjectNode n = servers.addObject();
            n.put("id", UUID.randomUUID().toString());
            n.put("name", s.path("name").asText(""));
            n.put("address", url);
            n.put("user", s.path("user").asText("root"));
            n.put("protocol", s.path("jsonRpc").asBoolean(true) ? "JSON_RPC" : "XML_RPC");
            n.put("connectAtStartup", s.path("autoConnect").asBoolean(false));
            n.putArray("members");
            n.putNull("password");
        }
        out.putArray("pins");
        out.putNull("vault");
        return out;
    }
}
