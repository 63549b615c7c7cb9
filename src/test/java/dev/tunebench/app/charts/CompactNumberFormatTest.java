package dev.tunebench.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompactNumberFormatTest {
    @Test
    void readableAcrossMagnitudes() {
        assertEquals("0.4123", CompactNumberFormat.text(0.41234));
        assertEquals("1250", CompactNumberFormat.text(1250));
        assertEquals("0.5", CompactNumberFormat.text(0.5));
        assertEquals("9.5e-04", CompactNumberFormat.text(9.5e-4));
        assertEquals("1e-04", CompactNumberFormat.text(1e-4));
        assertEquals("3.14e+05", CompactNumberFormat.text(314159));
        assertEquals("NaN", CompactNumberFormat.text(Double.NaN));
        assertEquals("0", CompactNumberFormat.text(0));
    }
}
