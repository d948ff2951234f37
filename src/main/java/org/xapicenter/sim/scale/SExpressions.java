package org.xapicenter.sim.scale;

import java.util.ArrayList;
import java.util.List;

/**
 * The s-expressions xapi's database stores sets and maps in: a set is {@code ('a' 'b')}, a map is
 * {@code (('k1' 'v1') ('k2' 'v2'))}. Strings are single-quoted with {@code \} escaping {@code \} and
 * {@code '}; double quotes and bare symbols are accepted on input, as xapi's own reader accepts them.
 */
final class SExpressions {
    private SExpressions() {
    }

    static String set(List<String> items) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(' ');
            }
            quote(b, items.get(i));
        }
        return b.append(')').toString();
    }

    static String pairs(List<String[]> pairs) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append('(');
            quote(b, pairs.get(i)[0]);
            b.append(' ');
            quote(b, pairs.get(i)[1]);
            b.append(')');
        }
        return b.append(')').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\'') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('\'');
    }

    /** The strings of a flat list {@code ('a' 'b')}. */
    static List<String> parseSet(String text) {
        List<Object> node = parse(text);
        List<String> out = new ArrayList<>();
        for (Object o : node) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("set of strings expected: " + text);
            }
            out.add(s);
        }
        return out;
    }

    /** The pairs of {@code (('k' 'v') ...)}. */
    static List<String[]> parsePairs(String text) {
        List<String[]> out = new ArrayList<>();
        for (Object o : parse(text)) {
            if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof String k)
                    || !(pair.get(1) instanceof String v)) {
                throw new IllegalArgumentException("list of pairs expected: " + text);
            }
            out.add(new String[]{k, v});
        }
        return out;
    }

    /** Parses one parenthesised node: strings become String, nodes become List. */
    private static List<Object> parse(String text) {
        Parser p = new Parser(text);
        p.skipSpace();
        Object node = p.expr();
        p.skipSpace();
        if (!(node instanceof List<?>) || p.pos != text.length()) {
            throw new IllegalArgumentException("one parenthesised list expected: " + text);
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) node;
        return list;
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object expr() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end: " + s);
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                List<Object> items = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (pos >= s.length()) {
                        throw new IllegalArgumentException("unclosed list: " + s);
                    }
                    if (s.charAt(pos) == ')') {
                        pos++;
                        return items;
                    }
                    items.add(expr());
                }
            }
            if (c == '\'' || c == '"') {
                pos++;
                StringBuilder b = new StringBuilder();
                while (pos < s.length() && s.charAt(pos) != c) {
                    char d = s.charAt(pos++);
                    if (d == '\\' && pos < s.length()) {
                        d = s.charAt(pos++);
                    }
                    b.append(d);
                }
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("unclosed string: " + s);
                }
                pos++;
                return b.toString();
            }
            if (c == ')') {
                throw new IllegalArgumentException("unexpected ): " + s);
            }
            int start = pos;
            while (pos < s.length() && "() \t\r\n\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }
    }
}
