package dev.tunebench.app.common;

import java.net.URL;
import javafx.scene.Parent;
import javafx.scene.Scene;

/** The one stylesheet and its light and dark themes. */
public final class Theme {
    /** Class-path name of the stylesheet. */
    public static final String STYLESHEET = "/assets/css/tunebench.css";

    private Theme() {
    }

    /** Returns the stylesheet URL. @throws IllegalStateException when it is missing from the class path */
    public static String stylesheet() {
        URL url = Theme.class.getResource(STYLESHEET);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + STYLESHEET + " is missing from the class path");
        }
        return url.toExternalForm();
    }

    /** Adds the stylesheet to a scene. */
    public static void install(Scene scene) {
        scene.getStylesheets().add(stylesheet());
    }

    /** Switches a root between the light and the dark theme. */
    public static void apply(Parent root, boolean dark) {
        root.getStyleClass().remove("dark");
        if (dark) {
            root.getStyleClass().add("dark");
        }
    }
}
