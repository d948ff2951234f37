package org.xapicenter.sim.rrd;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON or XML, decided as xcp-rrdd's {@code client_prefers_json} does with xapi's {@code Http.Accept}:
 * the Accept header's media ranges are ranked by q (then exact type over {@code type/*} over
 * {@code * / *}); the best-ranked group that matches either type decides, JSON first on a tie. Without
 * an Accept header, or one that does not parse, or none matching, the {@code json} query parameter decides.
 */
final class RrdContent {
    private RrdContent() {
    }

    private record Range(String type, String subtype, int q) {
        boolean matches(String mime) {
            if (type == null) {
                return true;
            }
            String[] p = mime.split("/");
            return type.equals(p[0]) && (subtype == null || subtype.equals(p[1]));
        }

        int specificity() {
            return type == null ? 0 : subtype == null ? 1 : 2;
        }
    }

    static boolean prefersJson(String accept, boolean jsonParameter) {
        if (accept == null) {
            return jsonParameter;
        }
        List<Range> ranges = new ArrayList<>();
        try {
            for (String part : accept.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] bits = part.trim().split(";");
                String[] ty = bits[0].trim().split("/");
                if (ty.length != 2) {
                    return jsonParameter;
                }
                int q = 1000;
                for (int i = 1; i < bits.length; i++) {
                    String[] kv = bits[i].trim().split("=", 2);
                    if (kv.length != 2) {
                        return jsonParameter;
                    }
                    if (kv[0].equals("q")) {
                        q = (int) (1000 * Double.parseDouble(kv[1]));
                    }
                }
                String type = ty[0].equals("*") ? null : ty[0];
                String sub = type == null || ty[1].equals("*") ? null : ty[1];
                ranges.add(new Range(type, sub, q));
            }
        } catch (NumberFormatException e) {
            return jsonParameter;
        }
        ranges.sort((a, b) -> a.q() != b.q() ? Integer.compare(b.q(), a.q())
                : Integer.compare(b.specificity(), a.specificity()));
        int i = 0;
        while (i < ranges.size()) {
            int q = ranges.get(i).q();
            boolean json = false;
            boolean xml = false;
            for (; i < ranges.size() && ranges.get(i).q() == q; i++) {
                json |= ranges.get(i).matches("application/json");
                xml |= ranges.get(i).matches("text/xml");
            }
            if (json || xml) {
                return json;
            }
        }
        return jsonParameter;
    }
}
