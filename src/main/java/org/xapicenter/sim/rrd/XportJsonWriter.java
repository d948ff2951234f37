package org.xapicenter.sim.rrd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * Writes an {@link Xport} as xapi's {@code Rrd_updates.json_of_t} does (since xapi 24.x, XAPI 23.31+
 * era; Yojson, compact, no spaces): the same tree as the XML with EVERY scalar a JSON string:
 * {@code {"meta":{"start":"S","step":"5","end":"E","rows":"R","columns":"C","legend":["AVERAGE:host:<uuid>:cpu0",...]},
 * "data":[{"t":"T","values":["0.0123","NaN",...]},...]}}, rows newest first.
 */
public final class XportJsonWriter {
    // The caller owns the stream: closing the generator flushes it but leaves it open.
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private XportJsonWriter() {
    }

    public static byte[] write(Xport x, Workload workload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(x, workload, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the document to {@code out} as it goes (Jackson's generator holds only a small buffer). */
    public static void write(Xport x, Workload workload, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("meta");
            g.writeStringField("start", Long.toString(x.start()));
            g.writeStringField("step", Long.toString(x.step()));
            g.writeStringField("end", Long.toString(x.end()));
            g.writeStringField("rows", Integer.toString(x.times().length));
            g.writeStringField("columns", Integer.toString(x.columns()));
            g.writeArrayFieldStart("legend");
            for (String entry : x.legend()) {
                g.writeString(entry);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("data");
            for (long t : x.times()) {
                g.writeStartObject();
                g.writeStringField("t", Long.toString(t));
                g.writeArrayFieldStart("values");
                for (int o = 0; o < x.objects().size(); o++) {
                    int n = x.objects().get(o).sources().size();
                    for (int i = 0; i < n; i++) {
                        g.writeString(XapiNumbers.format(x.value(workload, o, i, t)));
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
