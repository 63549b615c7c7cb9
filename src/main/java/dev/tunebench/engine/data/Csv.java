package dev.tunebench.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A strict RFC-4180 reader for CSV and TSV: quoted fields, doubled quotes, CRLF/LF/CR line ends, line numbers. */
final class Csv {

    /** One record: its first line, its fields, or why it is malformed. */
    record Row(long line, String[] fields, String error) {
    }

    /** A header and its records. */
    record Table(String file, List<String> header, List<Row> rows) {

        /**
         * Returns whether a row parsed and has as many fields as the header; reports it to {@code bad} (which
         * throws, or counts it when bad rows are skipped) when not.
         */
        boolean wellFormed(Row r, BadRows bad) {
            if (r.error() != null) {
                bad.bad(file, r.line(), null, "malformed row: " + r.error());
                return false;
            }
            if (r.fields().length != header.size()) {
                bad.bad(file, r.line(), null, r.fields().length + " fields, expected " + header.size()
                        + " like the header (" + String.join(", ", header) + ")");
                return false;
            }
            return true;
        }

        /** Returns the index of a column, or throws naming the columns there are. */
        int column(String name, String option) {
            int i = header.indexOf(name);
            if (i < 0) {
                for (int k = 0; k < header.size(); k++) {
                    if (header.get(k).equalsIgnoreCase(name)) {
                        return k;
                    }
                }
                throw new DataException(file, 1, name, "no such column (option " + option + "); the header has: "
                        + String.join(", ", header));
            }
            return i;
        }
    }

    private Csv() {
    }

    /** Returns the delimiter for an option value or, when absent, the file name (.tsv and .tab mean tab). */
    static char delimiter(String option, String fileName) {
        if (option != null && !option.isBlank()) {
            return switch (option.strip().toLowerCase(Locale.ROOT)) {
                case "tab", "\\t" -> '\t';
                case "comma", "," -> ',';
                case "semicolon", ";" -> ';';
                default -> throw new DataException("option delimiter='" + option
                        + "'; allowed: comma, tab, semicolon");
            };
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tsv.gz") || n.endsWith(".tab") || n.endsWith(".tab.gz") ? '\t' : ',';
    }

    /** Reads a file whose first record is the header. @throws DataException if empty or not UTF-8 */
    static Table read(Source src, char delim) {
        String text = src.readUtf8();
        List<Row> rows = parse(text, delim);
        if (rows.isEmpty()) {
            throw new DataException(src.name(), 0, null, "file is empty; expected a header line and data rows");
        }
        Row head = rows.get(0);
        if (head.error() != null) {
            throw new DataException(src.name(), head.line(), null, "malformed header: " + head.error());
        }
        List<String> header = new ArrayList<>();
        for (String h : head.fields()) {
            header.add(h.strip());
        }
        List<Row> data = rows.subList(1, rows.size());
        if (data.isEmpty()) {
            throw new DataException(src.name(), 0, null, "has a header but no data rows");
        }
        return new Table(src.name(), List.copyOf(header), new ArrayList<>(data));
    }

    /** Returns the records of {@code text}; blank lines are not records. */
    static List<Row> parse(String text, char delim) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int n = text.length();
        int i = 0;
        long line = 1;
        while (i < n) {
            long start = line;
            fields.clear();
            String error = null;
            boolean endOfRecord = false;
            // A line holding only a line break is not a record.
            char c0 = text.charAt(i);
            if (c0 == '\n' || c0 == '\r') {
                i += c0 == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                continue;
            }
            while (!endOfRecord) {
                field.setLength(0);
                if (i < n && text.charAt(i) == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                            line++;
                        }
                        field.append(c);
                        i++;
                    }
                    if (!closed) {
                        error = "quoted field opened on line " + start + " is never closed";
                        endOfRecord = true;
                        fields.add(field.toString());
                        break;
                    }
                    if (i < n && text.charAt(i) != delim && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        error = "unexpected '" + text.charAt(i) + "' after a closing quote (write \"\" for a quote "
                                + "inside a quoted field)";
                        // Resynchronise at the end of this line.
                        while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                            i++;
                        }
                    }
                } else {
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == delim || c == '\n' || c == '\r') {
                            break;
                        }
                        field.append(c);
                        i++;
                    }
                }
                fields.add(field.toString());
                if (i >= n) {
                    endOfRecord = true;
                } else if (text.charAt(i) == delim) {
                    i++;
                } else {
                    i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    endOfRecord = true;
                }
            }
            rows.add(new Row(start, fields.toArray(new String[0]), error));
        }
        return rows;
    }

    /** Returns a short, quoted rendering of a value for messages. */
    static String quote(String s) {
        String t = s.length() > 40 ? s.substring(0, 37) + "..." : s;
        return "'" + t + "'";
    }

    static String fieldsSummary(String[] f) {
        return Arrays.toString(f);
    }
}
