/**
 * The Performance tab of hosts and VMs: graphs of CPU, memory, network and disk over a chosen range,
 * fed by {@link org.xapicenter.xapi.metrics.PoolMetrics}, drawn through {@link TimeChart} (ChartFX
 * underneath, kept behind that small interface so nothing else depends on it).
 */
package org.xapicenter.ui.perf;
