package org.xapicenter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheChange.Kind;
import org.xapicenter.xapi.record.Vm;

class EventDecoderTest {

    @Test
    void decodesAddModAndDelWithoutSnapshot() {
        Map<String, Object> reply = Map.of(
                "token", "00000000000000000012,00000000000000000003",
                "valid_ref_counts", Map.of("VM", 1),
                "events", List.of(
                        Map.of("id", "1", "class", "VM", "operation", "add", "ref", "OpaqueRef:a",
                                "snapshot", Map.of("name_label", "web", "power_state", "Running")),
                        Map.of("id", "2", "class", "vm", "operation", "mod", "ref", "OpaqueRef:a",
                                "snapshot", Map.of("name_label", "web2", "power_state", "Running")),
                        Map.of("id", "3", "class", "vbd", "operation", "del", "ref", "OpaqueRef:b")));

        EventDecoder.Reply r = EventDecoder.decode(reply);

        assertThat(r.token()).isEqualTo("00000000000000000012,00000000000000000003");
        assertThat(r.changes()).extracting(CacheChange::kind).containsExactly(Kind.ADD, Kind.MOD, Kind.DEL);
        assertThat(r.changes().get(0).after()).isInstanceOf(Vm.class);
        assertThat(r.changes().get(1).after().nameLabel()).isEqualTo("web2");
        assertThat(r.changes().get(2).xapiClass()).isEqualTo("vbd");
    }

    @Test
    void skipsEventsThatNameNoObjectAndKeepsTheRest() {
        Map<String, Object> reply = Map.of("token", "t", "events", List.of(
                "not a struct",
                Map.of("class", "vm", "operation", "mod"),
                Map.of("class", "vm", "operation", "future_op", "ref", "OpaqueRef:x"),
                Map.of("class", "vm", "operation", "add", "ref", "OpaqueRef:ok", "snapshot", Map.of())));

        assertThat(EventDecoder.decode(reply).changes()).extracting(CacheChange::ref).containsExactly("OpaqueRef:ok");
    }

    @Test
    void aModificationWithoutSnapshotIsAProtocolErrorNotASilentlyStaleRecord() {
        Map<String, Object> reply = Map.of("token", "t", "events", List.of(
                Map.of("class", "vm", "operation", "mod", "ref", "OpaqueRef:nosnapshot")));

        assertThatThrownBy(() -> EventDecoder.decode(reply))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a snapshot");
    }

    @Test
    void refusesAReplyWithoutToken() {
        assertThatThrownBy(() -> EventDecoder.decode(Map.of("events", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> EventDecoder.decode(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
