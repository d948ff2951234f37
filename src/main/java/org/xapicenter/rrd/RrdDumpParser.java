package org.xapicenter.rrd;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streaming reader of the full RRD dump of {@code /host_rrd} and {@code /vm_rrd}.
 *
 * <h2>The shape (xen-api {@code ocaml/libs/xapi-rrd/lib/rrd.ml}, its XML writer)</h2>
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <rrd>
 *   <version>0003</version>
 *   <step>5</step>                          base step (seconds between primary data points)
 *   <lastupdate>1763700502</lastupdate>     epoch seconds, an integer (a fraction is accepted)
 *   <ds>                                    one per data source, in column order
 *     <name>cpu0</name><type>GAUGE</type><minimal_heartbeat>300.0</minimal_heartbeat>
 *     <min>0.0</min><max>1.0</max><last_ds>0.0</last_ds><value>0.0</value><unknown_sec>0</unknown_sec>
 *   </ds>
 *   ...
 *   <rra>                                   one per archive and consolidation function
 *     <cf>AVERAGE</cf>                      AVERAGE, MIN, MAX or LAST
 *     <pdp_per_row>1</pdp_per_row>          archive step = step * pdp_per_row (1, 12, 720, 17280)
 *     <params><xff>0.5</xff></params>
 *     <cdp_prep>
 *       <ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value>
 *           <value>0.0</value><unknown_datapoints>0</unknown_datapoints></ds>
 *       ...                                 one per data source
 *     </cdp_prep>
 *     <database>
 *       <row><v>0.0123</v><v>NaN</v>...</row>   one <v> per data source, in <ds> order; no <t>
 *       ...                                 every row of the ring (120, 120, 168, 366), OLDEST FIRST
 *     </database>
 *   </rra>
 *   ...
 * </rrd>
 * }</pre>
 * Numbers are written like the xport's ({@code %0.5g}/{@code %0.15g} style, {@code NaN},
 * {@code Infinity}, {@code -Infinity}, {@code 0.0}); rows never written to are {@code NaN}.
 *
 * <p><b>Row times</b>: with {@code archiveStep = step * pdp_per_row}, the newest row (the last one) is at
 * {@code newest = floor(lastupdate / archiveStep) * archiveStep}, and row {@code i} of {@code n} (0 =
 * first in the document) is at {@code newest - (n - 1 - i) * archiveStep}: the same times
 * {@code /rrd_updates} gives the same rows.
 *
 * <p><b>What is kept</b>: only {@code AVERAGE} archives whose step is one of {@link Archive}'s (others
 * are skipped); each becomes an {@link RrdUpdate} whose legend is {@code AVERAGE:<objectType>:<uuid>:
 * <ds name>} per data source, rows ascending, {@code start} = its first row's time, {@code end} = its last.
 * A DOCTYPE or entity is refused; {@link RrdLimits} bound the bytes, the data sources and the rows of
 * each archive; a row with the wrong number of values, an unreadable number, a missing step or
 * lastupdate, or a step of 0 or less gives {@link RrdFormatException}.
 */
public final class RrdDumpParser {
    private RrdDumpParser() {
    }

    /**
     * Reads the dump of the object {@code (objectType, uuid)}: the dump itself does not name its object,
     * so the caller says whose it asked for; the legend entries of the archives carry that key.
     */
    public static RrdDump parse(InputStream in, String objectType, String uuid, RrdLimits limits) throws IOException {
        LimitedInputStream counted = new LimitedInputStream(in, limits.maxBytes());
        try {
            XMLStreamReader r = XmlReading.open(counted);
            try {
                return new Reading(r, objectType, uuid, limits).read();
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw XmlReading.failure(e, counted);
        } catch (RuntimeException e) {
            if (counted.refusal() != null) {
                throw counted.refusal();
            }
            throw new RrdFormatException("The document is not well-formed XML.", "byte " + counted.count(), e);
        }
    }

    private static final class Reading {
        private final XMLStreamReader r;
        private final String objectType;
        private final String uuid;
        private final RrdLimits limits;
        private Long step;
        private Double lastUpdate;
        private final List<String> names = new ArrayList<>();
        private final Map<Archive, RrdUpdate> archives = new EnumMap<>(Archive.class);
        private int rraCount;

        Reading(XMLStreamReader r, String objectType, String uuid, RrdLimits limits) {
            this.r = r;
            this.objectType = objectType;
            this.uuid = uuid;
            this.limits = limits;
        }

        RrdDump read() throws XMLStreamException, RrdFormatException {
            XmlReading.toRoot(r, "rrd");
            while (XmlReading.nextChild(r)) {
                switch (r.getLocalName()) {
                    case "step" -> {
                        String text = XmlReading.text(r);
                        Long s = Numbers.parseLong(text);
                        if (s == null || s <= 0) {
                            throw new RrdFormatException("The step \"" + LegendEntry.shorten(text.strip())
                                    + "\" is not a positive whole number.", "step");
                        }
                        step = s;
                    }
                    case "lastupdate" -> {
                        String text = XmlReading.text(r);
                        Double t = Numbers.parseValue(text);
                        if (t == null || t.isNaN() || t.isInfinite()) {
                            throw new RrdFormatException("The lastupdate \"" + LegendEntry.shorten(text.strip())
                                    + "\" is not a time.", "lastupdate");
                        }
                        lastUpdate = t;
                    }
                    case "ds" -> readDataSource();
                    case "rra" -> readArchive();
                    default -> XmlReading.skip(r);
                }
            }
            if (step == null) {
                throw new RrdFormatException("The dump has no step.", "");
            }
            if (lastUpdate == null) {
                throw new RrdFormatException("The dump has no lastupdate.", "");
            }
            return new RrdDump(step, (long) Math.floor(lastUpdate), List.copyOf(names),
                    Collections.unmodifiableMap(archives));
        }

        private void readDataSource() throws XMLStreamException, RrdFormatException {
            if (names.size() >= limits.maxColumns()) {
                throw new RrdFormatException("The dump has more than " + limits.maxColumns()
                        + " data sources, the limit.", "ds " + (names.size() + 1));
            }
            String name = null;
            while (XmlReading.nextChild(r)) {
                if (r.getLocalName().equals("name")) {
                    name = XmlReading.text(r).strip();
                } else {
                    XmlReading.skip(r);
                }
            }
            if (name == null || name.isEmpty()) {
                throw new RrdFormatException("Data source " + (names.size() + 1) + " has no name.", "ds " + (names.size() + 1));
            }
            names.add(name);
        }

        private void readArchive() throws XMLStreamException, RrdFormatException {
            rraCount++;
            String where = "rra " + rraCount;
            String cf = null;
            Long pdpPerRow = null;
            while (XmlReading.nextChild(r)) {
                switch (r.getLocalName()) {
                    case "cf" -> cf = XmlReading.text(r).strip();
                    case "pdp_per_row" -> {
                        String text = XmlReading.text(r);
                        pdpPerRow = Numbers.parseLong(text);
                        if (pdpPerRow == null || pdpPerRow <= 0) {
                            throw new RrdFormatException("The pdp_per_row \"" + LegendEntry.shorten(text.strip())
                                    + "\" of archive " + rraCount + " is not a positive whole number.", where);
                        }
                    }
                    case "database" -> {
                        Archive archive = kept(cf, pdpPerRow, where);
                        if (archive == null) {
                            XmlReading.skip(r);
                        } else {
                            archives.put(archive, readDatabase(archive, where));
                        }
                    }
                    default -> XmlReading.skip(r);
                }
            }
        }

        /** The archive this rra feeds, or null when it is not kept (not AVERAGE, or an unknown step). */
        private Archive kept(String cf, Long pdpPerRow, String where) throws RrdFormatException {
            if (cf == null || pdpPerRow == null) {
                throw new RrdFormatException("Archive " + rraCount + " has its <database> before its <cf> and"
                        + " <pdp_per_row>.", where);
            }
            if (step == null || lastUpdate == null) {
                throw new RrdFormatException("The archives come before the dump's step and lastupdate.", where);
            }
            return cf.equals("AVERAGE") ? Archive.ofStep(step * pdpPerRow) : null;
        }

        private RrdUpdate readDatabase(Archive archive, String where) throws XMLStreamException, RrdFormatException {
            RowCollector rows = new RowCollector(names.size(), limits, "the dump has %d data sources");
            while (XmlReading.nextChild(r)) {
                if (!r.getLocalName().equals("row")) {
                    throw new RrdFormatException("<" + r.getLocalName() + "> is not expected in <database>.", where);
                }
                rows.startRow();
                while (XmlReading.nextChild(r)) {
                    if (!r.getLocalName().equals("v")) {
                        throw new RrdFormatException("<" + r.getLocalName() + "> is not expected in a row of archive "
                                + rraCount + ".", where + ", row " + (rows.rows() + 1));
                    }
                    String text = XmlReading.text(r);
                    Double v = Numbers.parseValue(text);
                    if (v == null) {
                        throw new RrdFormatException("Row " + (rows.rows() + 1) + " of archive " + rraCount
                                + " has a value that is not a number: \"" + LegendEntry.shorten(text.strip()) + "\".",
                                where + ", row " + (rows.rows() + 1));
                    }
                    rows.value(v);
                }
                try {
                    rows.endRow();
                } catch (RrdFormatException e) {
                    throw new RrdFormatException(e.getMessage().replaceFirst("^Row", "Archive " + rraCount + ": row"),
                            where + ", " + e.where());
                }
            }
            long archiveStep = archive.step();
            long newest = Math.floorDiv((long) Math.floor(lastUpdate), archiveStep) * archiveStep;
            rows.timesEndingAt(newest, archiveStep);
            List<LegendEntry> legend = new ArrayList<>(names.size());
            for (String name : names) {
                legend.add(new LegendEntry("AVERAGE", new SeriesKey(objectType, uuid, name)));
            }
            RrdUpdate u = rows.finish(0, 0, archiveStep, legend);
            long first = u.rowCount() == 0 ? newest : u.times()[0];
            return new RrdUpdate(first, newest, archiveStep, u.columns(), u.times(), u.values());
        }
    }
}
