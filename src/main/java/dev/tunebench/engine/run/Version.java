package dev.tunebench.engine.run;

/** TuneBench's own version, from the jar manifest when packaged. */
public final class Version {
    private Version() {
    }

    /** Returns the implementation version, or "dev" when running from classes. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
