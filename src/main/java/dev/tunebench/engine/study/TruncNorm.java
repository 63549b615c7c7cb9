package dev.tunebench.engine.study;

/**
 * The truncated-normal arithmetic of Optuna 3.1's TPE (optuna/samplers/_tpe/_truncnorm.py), in log space, with
 * erf and erfc after the classic fdlibm algorithm (what glibc's and Optuna's own erf use), so that densities agree
 * with Optuna's to about 1e-12.
 *
 * <p>As in Optuna 3.1, {@link #logPdf} is the standard truncated normal's log-density at the standardised point and
 * leaves out the {@code -log(scale)} term: Optuna's Parzen estimator is built on that form, and parity needs it.
 */
final class TruncNorm {
    private static final double LOG_SQRT_2PI = Math.log(Math.sqrt(2 * Math.PI));
    private static final double SQRT2 = Math.sqrt(2.0);

    private TruncNorm() {
    }

    /** Returns the standard normal CDF as Optuna's scalar {@code _ndtr_single} computes it. */
    static double ndtrSingle(double a) {
        double x = a / SQRT2;
        if (x < -1 / SQRT2) {
            return 0.5 * erfc(-x);
        } else if (x < 1 / SQRT2) {
            return 0.5 + 0.5 * erf(x);
        }
        return 1.0 - 0.5 * erfc(x);
    }

    /** Returns the standard normal CDF as Optuna's vectorised {@code _ndtr} computes it (through erf only). */
    static double ndtr(double a) {
        return 0.5 + 0.5 * erf(a / SQRT2);
    }

    /** Returns log Phi(a), with Optuna's tail handling (an asymptotic series below -20). */
    static double logNdtr(double a) {
        if (a > 6) {
            return -ndtrSingle(-a);
        }
        if (a > -20) {
            return Math.log(ndtrSingle(a));
        }
        double logLhs = -0.5 * a * a - Math.log(-a) - 0.5 * Math.log(2 * Math.PI);
        double lastTotal = 0;
        double rhs = 1;
        double numerator = 1;
        double denomFactor = 1;
        double denomCons = 1 / (a * a);
        int sign = 1;
        int i = 0;
        while (Math.abs(lastTotal - rhs) > Math.ulp(1.0)) {
            i++;
            lastTotal = rhs;
            sign = -sign;
            denomFactor *= denomCons;
            numerator *= 2 * i - 1;
            rhs += sign * numerator * denomFactor;
        }
        return logLhs + Math.log(rhs);
    }

    /** Returns log(exp(p) - exp(q)) for p >= q. */
    private static double logDiff(double logP, double logQ) {
        return logP + Math.log1p(-Math.exp(logQ - logP));
    }

    /** Returns log of the standard normal mass on [a, b]. */
    static double logGaussMass(double a, double b) {
        if (b <= 0) {
            return logDiff(logNdtr(b), logNdtr(a));
        }
        if (a > 0) {
            return logDiff(logNdtr(-a), logNdtr(-b));
        }
        return Math.log1p(-ndtr(a) - ndtr(-b));
    }

    /** Returns log(exp(x) + exp(y)) as numpy's logaddexp does. */
    static double logAddExp(double x, double y) {
        if (x == y) {
            return x + Math.log(2);
        }
        double d = x - y;
        if (d > 0) {
            return x + Math.log1p(Math.exp(-d));
        } else if (d <= 0) {
            return y + Math.log1p(Math.exp(d));
        }
        return d;
    }

    /** Returns the point where logNdtr reaches y, by Optuna's 100-step bisection on [-100, 100]. */
    private static double ndtriExp(double y) {
        double a = -100;
        double b = 100;
        if (logNdtr(a) > y) {
            double t = a;
            a = b;
            b = t;
        }
        double m = 0;
        for (int i = 0; i < 100; i++) {
            m = (a + b) / 2;
            if (logNdtr(m) < y) {
                a = m;
            } else {
                b = m;
            }
        }
        return m;
    }

    /** Returns the q-quantile of the standard normal truncated to [a, b]. */
    static double ppf(double q, double a, double b) {
        if (a == b) {
            return Double.NaN;
        }
        if (q == 0) {
            return a;
        }
        if (q == 1) {
            return b;
        }
        if (a < 0) {
            return ndtriExp(logAddExp(logNdtr(a), Math.log(q) + logGaussMass(a, b)));
        }
        return -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-q) + logGaussMass(a, b)));
    }

    /**
     * Returns Optuna 3.1's truncated-normal log-density of x for a component at loc with scale, truncated to the
     * standardised bounds [a, b]; -inf outside them.
     */
    static double logPdf(double x, double a, double b, double loc, double scale) {
        double z = (x - loc) / scale;
        if (a == b) {
            return Double.NaN;
        }
        if (z < a || b < z) {
            return Double.NEGATIVE_INFINITY;
        }
        return -(z * z) / 2.0 - LOG_SQRT_2PI - logGaussMass(a, b);
    }

    // ---- erf and erfc: the fdlibm rational approximations (s_erf.c), accurate to about one ulp ----

    private static final double ERX = 8.45062911510467529297e-01;
    private static final double EFX = 1.28379167095512586316e-01;
    private static final double[] PP = {1.28379167095512558561e-01, -3.25042107247001499370e-01,
        -2.84817495755985104766e-02, -5.77027029648944159157e-03, -2.37630166566501626084e-05};
    private static final double[] QQ = {1, 3.97917223959155352819e-01, 6.50222499887672944485e-02,
        5.08130628187576562776e-03, 1.32494738004321644526e-04, -3.96022827877536812320e-06};
    private static final double[] PA = {-2.36211856075265944077e-03, 4.14856118683748331666e-01,
        -3.72207876035701323847e-01, 3.18346619901161753674e-01, -1.10894694282396677476e-01,
        3.54783043256182359371e-02, -2.16637559486879084300e-03};
    private static final double[] QA = {1, 1.06420880400844228286e-01, 5.40397917702171048937e-01,
        7.18286544141962662868e-02, 1.26171219808761642112e-01, 1.36370839120290507362e-02,
        1.19844998467991074170e-02};
    private static final double[] RA = {-9.86494403484714822705e-03, -6.93858572707181764372e-01,
        -1.05586262253232909814e01, -6.23753324503260060396e01, -1.62396669462573470355e02,
        -1.84605092906711035994e02, -8.12874355063065934246e01, -9.81432934416914548592e00};
    private static final double[] SA = {1, 1.96512716674392571292e01, 1.37657754143519042600e02,
        4.34565877475229228821e02, 6.45387271733267880336e02, 4.29008140027567833386e02,
        1.08635005541779435134e02, 6.57024977031928170135e00, -6.04244152148580987438e-02};
    private static final double[] RB = {-9.86494292470009928597e-03, -7.99283237680523006574e-01,
        -1.77579549177547519889e01, -1.60636384855821916062e02, -6.37566443368389627722e02,
        -1.02509513161107724954e03, -4.83519191608651397019e02};
    private static final double[] SB = {1, 3.03380607434824582924e01, 3.25792512996573918826e02,
        1.53672958608443695994e03, 3.19985821950859553908e03, 2.55305040643316442583e03,
        4.74528541206955367215e02, -2.24409524465858183362e01};

    private static double poly(double[] c, double s) {
        double r = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            r = c[i] + s * r;
        }
        return r;
    }

    /** Returns exp(-x^2 - 0.5625) * exp(R/S) with fdlibm's split of x for accuracy, for 1.25 <= |x| < 28. */
    private static double tail(double ax) {
        double s = 1 / (ax * ax);
        double rs = ax < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & 0xffffffff00000000L);
        return Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs);
    }

    /** Returns erf(x). */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax < 0.84375) {
            if (ax < 0x1p-28) {
                return x + EFX * x;
            }
            double z = x * x;
            return x + x * (poly(PP, z) / poly(QQ, z));
        }
        if (ax < 1.25) {
            double s = ax - 1;
            double v = ERX + poly(PA, s) / poly(QA, s);
            return x >= 0 ? v : -v;
        }
        if (ax >= 6) {
            return x >= 0 ? 1.0 : -1.0;
        }
        double v = 1 - tail(ax) / ax;
        return x >= 0 ? v : -v;
    }

    /** Returns erfc(x) = 1 - erf(x) without cancellation for large x. */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax < 0.84375) {
            if (ax < 0x1p-56) {
                return 1 - x;
            }
            double z = x * x;
            double y = poly(PP, z) / poly(QQ, z);
            if (x < 0.25) {
                return 1 - (x + x * y);
            }
            double r = x * y + (x - 0.5);
            return 0.5 - r;
        }
        if (ax < 1.25) {
            double s = ax - 1;
            double pq = poly(PA, s) / poly(QA, s);
            return x >= 0 ? 1 - ERX - pq : 1 + (ERX + pq);
        }
        if (ax < 28) {
            if (x < -6) {
                return 2;
            }
            double r = tail(ax) / ax;
            return x > 0 ? r : 2 - r;
        }
        return x > 0 ? 0 : 2;
    }
}
