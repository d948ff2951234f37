package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.record.Message;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.XapiRecord;

/** Pool settings (name, default/suspend/crash-dump SRs, gui_config, other_config) and alert messages. */
@SuppressWarnings("unchecked")
class PoolSettingsAndMessagesTest {
    private ClientOnSimulator c;
    private String pool;

    @BeforeEach
    void start() throws Exception {
        c = new ClientOnSimulator(Protocol.JSON_RPC);
        pool = ((List<String>) c.call("pool.get_all")).get(0);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    @Test
    void nameAndStorageRepositoriesOfThePoolAreSet() throws Exception {
        c.call("pool.set_name_label", pool, "Production");
        c.call("pool.set_name_description", pool, "Main site");
        Pool p = (Pool) c.session.getRecord("pool", pool);
        assertThat(p.nameLabel()).isEqualTo("Production");

        String local = ((List<String>) c.call("SR.get_by_name_label", "Local storage")).get(0);
        c.call("pool.set_default_SR", pool, local);
        c.call("pool.set_suspend_image_SR", pool, local);
        c.call("pool.set_crash_dump_SR", pool, local);
        Map<String, Object> r = c.record("pool", pool);
        assertThat(r).containsEntry("default_SR", local).containsEntry("suspend_image_SR", local)
                .containsEntry("crash_dump_SR", local).containsEntry("name_description", "Main site");

        XapiException e = c.failure("pool.set_default_SR", pool, "OpaqueRef:no-such-sr");
        assertThat(e.code()).isEqualTo("HANDLE_INVALID");
        assertThat(e.params()).containsExactly("SR", "OpaqueRef:no-such-sr");
        c.call("pool.set_default_SR", pool, "OpaqueRef:NULL");
        assertThat(c.call("pool.get_default_SR", pool)).isEqualTo("OpaqueRef:NULL");
        assertThat(c.failure("pool.set_name_label", "OpaqueRef:no-such-pool", "x").params())
                .containsExactly("pool", "OpaqueRef:no-such-pool");
    }

    @Test
    void guiConfigAndOtherConfigHoldWhatClientsShare() throws Exception {
        // The demo pool defines XenCenter custom fields already; a client replaces them by remove then add.
        assertThat((String) ((Map<String, Object>) c.call("pool.get_gui_config", pool)).get("XenCenter.CustomFields"))
                .contains("<CustomFieldDefinition name=\"Owner\" type=\"String\"");
        c.call("pool.remove_from_gui_config", pool, "XenCenter.CustomFields");
        String fields = "<CustomFieldDefinitions><CustomFieldDefinition name=\"owner\" type=\"String\"/></CustomFieldDefinitions>";
        c.call("pool.add_to_gui_config", pool, "XenCenter.CustomFields", fields);
        assertThat((Map<String, Object>) c.call("pool.get_gui_config", pool)).containsEntry("XenCenter.CustomFields", fields);
        XapiException e = c.failure("pool.add_to_gui_config", pool, "XenCenter.CustomFields", "other");
        assertThat(e.code()).isEqualTo("MAP_DUPLICATE_KEY");
        assertThat(e.params()).containsExactly("pool", "gui_config", pool, "XenCenter.CustomFields");
        c.call("pool.remove_from_gui_config", pool, "XenCenter.CustomFields");
        assertThat((Map<String, Object>) c.call("pool.get_gui_config", pool)).doesNotContainKey("XenCenter.CustomFields");

        c.call("pool.add_to_other_config", pool, "site", "east");
        assertThat((Map<String, Object>) c.call("pool.get_other_config", pool)).containsEntry("site", "east")
                .containsEntry("memory-ratio-hvm", "0.25");
        c.call("pool.remove_from_other_config", pool, "site");
        c.call("pool.remove_from_other_config", pool, "never-set");
        assertThat((Map<String, Object>) c.call("pool.get_other_config", pool)).doesNotContainKey("site");
    }

    @Test
    void alertsAreListedAndDismissed() throws Exception {
        Map<String, XapiRecord> all = c.session.getAllRecords("message");
        assertThat(all).hasSize(4);
        assertThat(all.values()).allSatisfy(m -> assertThat(m).isInstanceOf(Message.class));
        List<String> refs = List.copyOf(all.keySet());

        c.call("message.destroy", refs.get(0));
        assertThat(c.session.getAllRecords("message")).doesNotContainKey(refs.get(0)).hasSize(3);
        XapiException e = c.failure("message.destroy", refs.get(0));
        assertThat(e.code()).isEqualTo("HANDLE_INVALID");
        assertThat(e.params()).containsExactly("message", refs.get(0));

        e = c.failure("message.destroy_many", List.of(refs.get(1), refs.get(0), refs.get(2)));
        assertThat(e.params()).containsExactly("message", refs.get(0));
        assertThat(c.session.getAllRecords("message").keySet()).containsExactly(refs.get(2), refs.get(3));
        c.call("message.destroy_many", List.of(refs.get(2), refs.get(3)));
        assertThat(c.session.getAllRecords("message")).isEmpty();
    }
}
