package io.ena4j.spec.eth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal JSON reader for the vector files (test only). The spec module has no JSON dependency, and the vector
 * files use a tiny subset of JSON (objects, arrays, strings without exotic escapes, integers below 2^53,
 * booleans, null), so a small recursive-descent parser keeps the module dependency-free.
 *
 * <p>Nodes wrap the parsed value; accessing a missing key or the wrong type fails the test with a message naming
 * the key, which keeps test code short ({@code line.get("tx_ctx").get("req_id").asInt()}).
 */
final class MiniJson {

    private final String text;
    private int pos;

    private MiniJson(String text) {
        this.text = text;
    }

    /** Parses one JSON document. */
    static Node parse(String text) {
        MiniJson p = new MiniJson(text);
        Object v = p.value();
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return new Node(v, "$");
    }

    /** A parsed JSON value with a path for error messages. */
    record Node(Object value, String path) {

        /** The member {@code key} of this object (fails if absent). */
        Node get(String key) {
            Map<?, ?> m = asMap();
            if (!m.containsKey(key)) {
                throw new AssertionError("missing key " + path + "." + key);
            }
            return new Node(m.get(key), path + "." + key);
        }

        /** Whether this object has member {@code key}. */
        boolean has(String key) {
            return asMap().containsKey(key);
        }

        /** Element {@code i} of this array. */
        Node at(int i) {
            return new Node(asList().get(i), path + "[" + i + "]");
        }

        /** Array length. */
        int size() {
            return asList().size();
        }

        /** The elements of this array as nodes. */
        List<Node> items() {
            List<?> l = asList();
            List<Node> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(new Node(l.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        boolean isNull() {
            return value == null;
        }

        long asLong() {
            if (value instanceof Long l) {
                return l;
            }
            throw new AssertionError(path + " is not an integer: " + value);
        }

        int asInt() {
            return Math.toIntExact(asLong());
        }

        String asString() {
            if (value instanceof String s) {
                return s;
            }
            throw new AssertionError(path + " is not a string: " + value);
        }

        boolean asBool() {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new AssertionError(path + " is not a boolean: " + value);
        }

        /** Boolean or 0/1 integer as 0/1 (the vectors use both forms for flags). */
        int asFlag() {
            if (value instanceof Boolean b) {
                return b ? 1 : 0;
            }
            return asInt();
        }

        private Map<?, ?> asMap() {
            if (value instanceof Map<?, ?> m) {
                return m;
            }
            throw new AssertionError(path + " is not an object: " + value);
        }

        private List<?> asList() {
            if (value instanceof List<?> l) {
                return l;
            }
            throw new AssertionError(path + " is not an array: " + value);
        }
    }

    private Object value() {
        skipWs();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipWs();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipWs();
            String k = string();
            skipWs();
            expect(':');
            m.put(k, value());
            skipWs();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        pos++;
        skipWs();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(l);
        }
        while (true) {
            l.add(value());
            skipWs();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos);
        if (n.isEmpty()) {
            throw error("unexpected character");
        }
        if (n.indexOf('.') >= 0 || n.indexOf('e') >= 0 || n.indexOf('E') >= 0) {
            return Double.parseDouble(n);
        }
        return Long.parseLong(n);
    }

    private Object literal(String word, Object v) {
        if (!text.startsWith(word, pos)) {
            throw error("bad literal");
        }
        pos += word.length();
        return v;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWs() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON " + what + " at " + pos);
    }
}
