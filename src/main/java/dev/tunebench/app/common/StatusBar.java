package dev.tunebench.app.common;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The status bar: the main message on the left, the engine and data state on the right. */
public final class StatusBar extends HBox {
    private final Label message = new Label();
    private final Label right = new Label();

    /** Creates an empty status bar. */
    public StatusBar() {
        getStyleClass().add("status-bar");
        message.setId("status-message");
        right.setId("status-right");
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        getChildren().addAll(message, right);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(16);
        setPadding(new Insets(3, 8, 3, 8));
    }

    /** Shows the given text on the left. */
    public void bindMessage(ObservableStringValue text) {
        message.textProperty().bind(text);
    }

    /** Shows the given text on the right. */
    public void bindRight(ObservableStringValue text) {
        right.textProperty().bind(text);
    }
}
