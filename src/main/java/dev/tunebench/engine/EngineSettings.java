package dev.tunebench.engine;

/** Process-wide settings that must be in place before DJL loads. */
public final class EngineSettings {
    private EngineSettings() {
    }

    /**
     * Turns on DJL's offline mode (unless the user set {@code ai.djl.offline} explicitly), so that an accidental
     * download fails loudly: the PyTorch native library comes from the jar on the class path.
     */
    public static void offline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
