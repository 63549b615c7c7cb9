package dev.tunebench.app.charts;

import java.awt.Color;

/**
 * Colours of the charts for a light or a dark background. Train is blue and eval orange throughout (the
 * TensorBoard and Keras habit); a raw series is the faint version of its colour, a smoothed one solid.
 */
record ChartTheme(
        boolean dark,
        Color background,
        Color plotBackground,
        Color grid,
        Color text,
        Color mutedText,
        Color train,
        Color trainEpoch,
        Color eval,
        Color learningRate,
        Color gradBefore,
        Color gradAfter,
        Color best,
        Color threshold,
        Color patienceFill,
        Color stop,
        Color[] runs) {

    static final ChartTheme LIGHT = new ChartTheme(false,
            new Color(0xFFFFFF), new Color(0xFAFBFC), new Color(0xDADDE1), new Color(0x1F2328), new Color(0x59636E),
            new Color(0x1F77B4), new Color(0x0B3D91), new Color(0xE8710A), new Color(0x2CA02C),
            new Color(0xD62728), new Color(0x138D9C), new Color(0xC2185B), new Color(0x6A737D),
            new Color(255, 193, 7, 40), new Color(0xB00020),
            new Color[] {new Color(0x1F77B4), new Color(0xE8710A), new Color(0x2CA02C), new Color(0xD62728),
                new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
                new Color(0xBCBD22), new Color(0x17BECF)});

    static final ChartTheme DARK = new ChartTheme(true,
            new Color(0x1E1F22), new Color(0x25272B), new Color(0x3A3D42), new Color(0xE6E6E6), new Color(0xA0A4AA),
            new Color(0x5AAEF0), new Color(0xA8D1FF), new Color(0xFFA040), new Color(0x6BD66B),
            new Color(0xFF6B6B), new Color(0x3FD0E0), new Color(0xFF5C9A), new Color(0xB0B4BA),
            new Color(255, 213, 79, 38), new Color(0xFF6E6E),
            new Color[] {new Color(0x5AAEF0), new Color(0xFFA040), new Color(0x6BD66B), new Color(0xFF6B6B),
                new Color(0xC39BE8), new Color(0xD7A58F), new Color(0xF49AD6), new Color(0xC8C8C8),
                new Color(0xE0E15A), new Color(0x4FE0F0)});

    static ChartTheme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    /** Returns the colour of a series of {@code style}; {@code index} picks a run's colour from the palette. */
    Color colour(SeriesStyle style, int index) {
        return switch (style) {
            case BATCH_RAW -> withAlpha(train, dark ? 95 : 75);
            case BATCH_SMOOTHED -> train;
            case EPOCH_TRAIN -> index % 2 == 0 ? trainEpoch : withAlpha(trainEpoch, 170);
            case EPOCH_EVAL -> index % 2 == 0 ? eval : withAlpha(eval, 170);
            case LEARNING_RATE -> learningRate;
            case LEARNING_RATE_PLAN -> withAlpha(learningRate, dark ? 150 : 135);
            case GRAD_BEFORE -> withAlpha(gradBefore, dark ? 150 : 130);
            case GRAD_AFTER -> gradAfter;
            case RUN -> runs[Math.floorMod(index, runs.length)];
        };
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** Returns the CSS colour of {@code c} for JavaFX inline styles. */
    static String css(Color c) {
        return String.format(java.util.Locale.ROOT, "rgba(%d,%d,%d,%.3f)", c.getRed(), c.getGreen(), c.getBlue(),
                c.getAlpha() / 255.0);
    }
}
