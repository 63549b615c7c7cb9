package dev.tunebench.engine.data;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Numbers as data files write them, with the rules of pandas' CSV reader: an optional sign, ASCII digits with an
 * optional decimal point and exponent, spaces or tabs around them; {@code inf} and {@code infinity} in any case with
 * an optional sign and no spaces; and pandas' default missing-value markers ({@code NaN}, {@code NA}, {@code null},
 * the empty cell and so on). Programming-language literals ({@code 2.5d}, {@code 1f}, {@code 0x1p3}), decimal commas and values
 * beyond the range of a 64-bit float are not numbers.
 */
final class Numbers {
    /** pandas' default {@code na_values} (1.5): such a cell is missing, not a number. */
    static final Set<String> MISSING_MARKERS = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
            "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");

    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");
    private static final Pattern SUFFIXED = Pattern.compile(
            "[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?[dDfFlL]");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX][0-9a-fA-F.]*(?:[pP][+-]?[0-9]+)?[dDfFlL]?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]+");
    private static final Pattern UNDERSCORES = Pattern.compile("[+-]?[0-9][0-9_]*_[0-9_]*(?:\\.[0-9_]*)?");

    /** What a cell holds. */
    enum Kind {
        /** A finite number. */
        NUMBER,
        /** A missing-value marker. */
        MISSING,
        /** Positive or negative infinity. */
        INFINITE,
        /** Not a number; {@link Parsed#problem()} says why. */
        INVALID
    }

    /**
     * A parsed cell.
     *
     * @param kind    what it holds
     * @param value   the value (infinite for INFINITE, NaN otherwise when not a number)
     * @param problem for INVALID, MISSING and INFINITE: what is wrong, for a message; null for NUMBER
     */
    record Parsed(Kind kind, double value, String problem) {
    }

    private Numbers() {
    }

    /** Returns the cell parsed with pandas' rules. */
    static Parsed parse(String cell) {
        // Numbers first: they are by far the most common cells, and no marker looks like one.
        String t = strip(cell);
        if (isDecimal(t)) {
            double x = Double.parseDouble(t);
            if (Double.isInfinite(x)) {
                return new Parsed(Kind.INVALID, Double.NaN, Csv.quote(cell) + " is beyond the range of a 64-bit "
                        + "float");
            }
            return new Parsed(Kind.NUMBER, x, null);
        }
        if (MISSING_MARKERS.contains(cell)) {
            return new Parsed(Kind.MISSING, Double.NaN, cell.isEmpty() ? "empty cell (a missing value)"
                    : Csv.quote(cell) + " marks a missing value");
        }
        if (INFINITY.matcher(cell).matches()) { // pandas takes no spaces around these
            return new Parsed(Kind.INFINITE, cell.startsWith("-") ? Double.NEGATIVE_INFINITY
                    : Double.POSITIVE_INFINITY, Csv.quote(cell) + " is infinite");
        }
        return new Parsed(Kind.INVALID, Double.NaN, Csv.quote(cell) + " is not a number" + hint(t));
    }

    private static String hint(String t) {
        if (t.isEmpty()) {
            return " (only spaces)";
        }
        if (SUFFIXED.matcher(t).matches()) {
            return " (the type suffix " + t.charAt(t.length() - 1) + " is a programming-language literal; write "
                    + t.substring(0, t.length() - 1) + ")";
        }
        if (HEX.matcher(t).matches()) {
            return " (hexadecimal numbers are programming-language literals; write the value in decimal)";
        }
        if (DECIMAL_COMMA.matcher(t).matches()) {
            return " (a decimal comma; write " + t.replace(',', '.') + ": the decimal mark is '.')";
        }
        if (UNDERSCORES.matcher(t).matches()) {
            return " (digit separators are not read; write " + t.replace("_", "") + ")";
        }
        return "";
    }

    /** Returns whether s is {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?} (hand-written: it is hot). */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }
}
