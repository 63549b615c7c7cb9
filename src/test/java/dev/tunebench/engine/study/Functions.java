package dev.tunebench.engine.study;

/** Standard test functions of hyperparameter optimisation (as the fixture generator defines them). */
final class Functions {
    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
        {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

    private Functions() {
    }

    /** Branin on x1 in [-5, 10], x2 in [0, 15]; minimum 0.397887. */
    static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    /** Hartmann-6 on [0, 1]^6; minimum -3.32237. */
    static double hartmann6(double[] x) {
        double total = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                inner += A[i][j] * Math.pow(x[j] - P[i][j] * 1e-4, 2);
            }
            total += ALPHA[i] * Math.exp(-inner);
        }
        return -total;
    }
}
