package dev.tunebench.app.charts;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Formats chart numbers compactly: four significant digits between 0.001 and 100000 ("0.4123", "1250"),
 * scientific outside ("3.00e-05"), so a learning rate and a loss read equally well on axes and in the crosshair.
 */
final class CompactNumberFormat extends NumberFormat {
    static final CompactNumberFormat INSTANCE = new CompactNumberFormat();

    static String format(Number n) {
        return INSTANCE.format(n.doubleValue());
    }

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
        return to.append(text(v));
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
        return to.append(v);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("display only");
    }

    static String text(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e-3 && a < 1e5) {
            if (v == Math.rint(v)) {
                return Long.toString((long) v);
            }
            String s = String.format(Locale.ROOT, "%.4g", v);
            if (s.contains(".") && !s.contains("e")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        String sci = String.format(Locale.ROOT, "%.2e", v); // e.g. 9.50e-04 -> 9.5e-04, 1.00e-04 -> 1e-04
        int e = sci.indexOf('e');
        String mantissa = sci.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + sci.substring(e);
    }
}
