package dev.tunebench.engine.djl.init;

/** Householder QR on doubles (DJL has no QR), used for {@code torch.nn.init.orthogonal_} semantics. */
final class Orthogonal {
    private Orthogonal() {
    }

    /**
     * Returns the orthogonal matrix that torch's {@code orthogonal_} derives from the normal matrix {@code a} of size
     * rows x cols: for rows >= cols the thin QR factor {@code Q} (rows x cols) with column j multiplied by
     * {@code sign(R_jj)}; for rows < cols the same on {@code a}'s transpose, transposed back.
     */
    static double[][] draw(double[][] a, int rows, int cols) {
        if (rows >= cols) {
            return signedQ(a, rows, cols);
        }
        double[][] t = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = a[r][c];
            }
        }
        double[][] q = signedQ(t, cols, rows);
        double[][] back = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                back[r][c] = q[c][r];
            }
        }
        return back;
    }

    /** Returns Q of a = QR (m >= n) with the signs normalised so that R has a non-negative diagonal. */
    static double[][] signedQ(double[][] input, int m, int n) {
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = input[i].clone();
        }
        double[][] vs = new double[n][];
        double[] rDiag = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += a[i][k] * a[i][k];
            }
            norm = Math.sqrt(norm);
            // alpha = -sign(a_kk)*||x|| avoids cancellation; R_kk = alpha.
            double alpha = a[k][k] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = k; i < m; i++) {
                v[i] = a[i][k];
            }
            v[k] -= alpha;
            double vNorm2 = 0;
            for (int i = k; i < m; i++) {
                vNorm2 += v[i] * v[i];
            }
            rDiag[k] = alpha;
            if (vNorm2 == 0) {
                vs[k] = null;
                continue;
            }
            vs[k] = v;
            for (int j = k; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i] * a[i][j];
                }
                double f = 2 * dot / vNorm2;
                for (int i = k; i < m; i++) {
                    a[i][j] -= f * v[i];
                }
            }
        }
        // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
        double[][] q = new double[m][n];
        for (int j = 0; j < n; j++) {
            q[j][j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] v = vs[k];
            if (v == null) {
                continue;
            }
            double vNorm2 = 0;
            for (int i = k; i < m; i++) {
                vNorm2 += v[i] * v[i];
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i] * q[i][j];
                }
                double f = 2 * dot / vNorm2;
                for (int i = k; i < m; i++) {
                    q[i][j] -= f * v[i];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (rDiag[j] < 0) {
                for (int i = 0; i < m; i++) {
                    q[i][j] = -q[i][j];
                }
            }
        }
        return q;
    }
}
