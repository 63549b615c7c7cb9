package dev.tunebench.app.charts;

/** What the x axis counts. */
public enum XAxisUnit {
    /** Global optimiser steps; an epoch point sits at the last step of its epoch. */
    STEPS("step"),
    /** Epochs; a batch point sits at {@code epoch - 1 + batch / batchesPerEpoch}. */
    EPOCHS("epoch");

    private final String label;

    XAxisUnit(String label) {
        this.label = label;
    }

    /** Returns the axis label. */
    public String label() {
        return label;
    }
}
