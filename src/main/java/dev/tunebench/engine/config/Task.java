package dev.tunebench.engine.config;

/** The kind of prediction a model makes. */
public enum Task {
    /** One class out of N; softmax cross-entropy; accuracy. */
    CLASSIFICATION,
    /** Real-valued targets (regression or forecasting); MSE, L1 or Huber; MAE and RMSE. */
    REGRESSION
}
