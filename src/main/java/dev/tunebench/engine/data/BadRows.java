package dev.tunebench.engine.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where bad rows go: with skipping off, the first one throws a {@link DataException}; with skipping on, each is
 * counted by file and the counts with the first example become notes, so nothing is dropped silently.
 */
final class BadRows {
    private final boolean skip;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, String> first = new LinkedHashMap<>();

    BadRows(boolean skip) {
        this.skip = skip;
    }

    boolean skipping() {
        return skip;
    }

    /** Reports a bad row: throws, or counts it when skipping. */
    void bad(String file, long line, String field, String problem) {
        DataException e = new DataException(file, line, field, problem);
        if (!skip) {
            throw e;
        }
        counts.merge(file, 1, Integer::sum);
        first.putIfAbsent(file, e.getMessage());
    }

    /** Returns how many rows were skipped in all. */
    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns one note per file with skipped rows. */
    List<String> notes(String unit) {
        List<String> notes = new ArrayList<>();
        counts.forEach((file, n) -> notes.add("skipped " + n + " bad " + unit + (n == 1 ? "" : "s") + " of " + file
                + " (skipBadRows=true); first: " + first.get(file)));
        return notes;
    }
}
