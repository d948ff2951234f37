package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.xapicenter.rrd.Archive;

/** Which archive and rows an rrd_updates request gets, as xapi-rrd's create_multi and find_best_rras choose. */
class XportTest {
    private static final long NOW = 1_763_800_003L;
    private static final RrdObject HOST = new RrdObject("host", "h-uuid",
            List.of(DataSource.derive("cpu0", 1.0, DataSource.Shape.CPU, 1.0)), RrdObject.ALWAYS);

    @Test
    void rowsRunFromTheLastUpdateBackToStartInclusive() {
        Xport x = Xport.of(List.of(HOST), NOW - 20, 5, NOW);
        assertThat(x.step()).isEqualTo(5);
        assertThat(x.end()).isEqualTo(1_763_800_000L);
        assertThat(x.times()).containsExactly(1_763_800_000L, 1_763_799_995L, 1_763_799_990L, 1_763_799_985L);
        // meta start: the row boundary after start, as xapi writes it.
        assertThat(x.start()).isEqualTo(1_763_799_985L);
        Xport aligned = Xport.of(List.of(HOST), 1_763_799_985L, 5, NOW);
        assertThat(aligned.times()).hasSize(4).endsWith(1_763_799_985L);
        assertThat(aligned.start()).isEqualTo(1_763_799_990L);
    }

    @Test
    void theArchiveIsTheFinestThatIsLongEnoughAndReachesStart() {
        assertThat(Xport.bestArchive(NOW - 100, 5, NOW)).isEqualTo(Archive.FIVE_SECONDS);
        assertThat(Xport.bestArchive(NOW - 100, 0, NOW)).isEqualTo(Archive.FIVE_SECONDS);
        assertThat(Xport.bestArchive(NOW - 100, 60, NOW)).isEqualTo(Archive.ONE_MINUTE);
        assertThat(Xport.bestArchive(NOW - 700, 5, NOW)).isEqualTo(Archive.ONE_MINUTE);
        assertThat(Xport.bestArchive(NOW - 86400, 60, NOW)).isEqualTo(Archive.ONE_HOUR);
        assertThat(Xport.bestArchive(NOW - 30 * 86400, 3600, NOW)).isEqualTo(Archive.ONE_DAY);
        assertThat(Xport.bestArchive(0, 5, NOW)).isEqualTo(Archive.ONE_DAY);
        Xport all = Xport.of(List.of(HOST), 0, 86400, NOW);
        assertThat(all.times()).hasSize(366);
    }

    @Test
    void aNegativeStartCountsBackFromTheLastUpdate() {
        Xport x = Xport.of(List.of(HOST), -60, 5, NOW);
        assertThat(x.times()).hasSize(12);
        assertThat(x.times()[11]).isGreaterThanOrEqualTo(NOW - 60);
    }

    @Test
    void withNothingToExportTheTableIsEmpty() {
        Xport x = Xport.of(List.of(), NOW - 60, 5, NOW);
        String xml = new String(XportXmlWriter.write(x, new Workload(1)), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta><start>1763799945</start>"
                + "<step>5</step><end>1763800000</end><rows>0</rows><columns>0</columns><legend/></meta>"
                + "<data/></xport>");
        String json = new String(XportJsonWriter.write(x, new Workload(1)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"meta\":{\"start\":\"1763799945\",\"step\":\"5\",\"end\":\"1763800000\","
                + "\"rows\":\"0\",\"columns\":\"0\",\"legend\":[]},\"data\":[]}");
    }
}
