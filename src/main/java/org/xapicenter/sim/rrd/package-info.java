/**
 * The simulator's performance data: every host serves {@code GET /rrd_updates}, {@code GET /host_rrd}
 * and {@code GET /vm_rrd} ({@link org.xapicenter.sim.rrd.RrdRoute}) in the formats xapi writes, from a
 * synthetic workload ({@link org.xapicenter.sim.rrd.Workload}) that is a pure function of (seed, object
 * uuid, data source, time) and a power history of O(1) per VM ({@link org.xapicenter.sim.rrd.PowerHistory}).
 *
 * <p>Sources read for the wire shapes (xapi-project/xen-api): {@code ocaml/libs/xapi-rrd/lib/rrd_updates.ml}
 * (xport XML {@code xml_of}, JSON {@code json_of_t}, row choice {@code create_multi}),
 * {@code ocaml/libs/xapi-rrd/lib/rrd.ml} (dump {@code xml_to_output}, {@code Json.rrd},
 * {@code find_best_rras}), {@code ocaml/libs/xapi-rrd/lib/rrd_utils.ml} (numbers, {@code f_to_s}),
 * {@code ocaml/xcp-rrdd/bin/rrdd/rrdd_http_handler.ml} (query parameters, JSON negotiation, headers),
 * {@code ocaml/xcp-rrdd/bin/rrdd/rrdd_monitor.ml} and {@code rrdd_shared.ml} (archives: step 5 s,
 * AVERAGE only with xff 0.5, 120/120/168/366 rows of 1/12/720/17280 steps), {@code ocaml/xapi/rrdd_proxy.ml}
 * (302 of {@code /vm_rrd} to the resident host, the coordinator unarchives a halted VM's RRD), and
 * xcp-rrdd's plugins {@code rrdp-cpu}, {@code rrdp-squeezed}, {@code rrdp-netdev}, {@code rrdp-iostat}
 * (data source names, types, bounds and units).
 *
 * <p>Each class's javadoc shows the exact bytes it writes: {@link org.xapicenter.sim.rrd.XportXmlWriter},
 * {@link org.xapicenter.sim.rrd.XportJsonWriter}, {@link org.xapicenter.sim.rrd.RrdDumpWriter},
 * {@link org.xapicenter.sim.rrd.XapiNumbers}, {@link org.xapicenter.sim.rrd.Xport} (which rows),
 * {@link org.xapicenter.sim.rrd.VmFilter} (which VMs, from {@code vm_uuid}). Replies are streamed
 * ({@link org.xapicenter.sim.rrd.ReplyStream}), never built whole in memory.
 */
package org.xapicenter.sim.rrd;
