/**
 * Performance data as XAPI's metrics daemon serves it (docs/XAPI-PROTOCOL.md §5): the {@code xport}
 * document of {@code /rrd_updates} (XML or JSON), the full RRD dump of {@code /host_rrd} and
 * {@code /vm_rrd}, and the time-series model the graphs read, one per archive (5 s, 1 min, 1 h, 1 day).
 * Plain Java: no JavaFX, no network. The simulator writes what this package reads.
 */
package org.xapicenter.rrd;
