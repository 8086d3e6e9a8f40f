package dev.segmentation.allocation.calltime;

import java.util.Arrays;

/**
 * Primitive kernels of the response curves, shared by the {@link ResponseCurve} value types and the
 * array-based solver so that both compute bit-identical numbers.
 *
 * <p>Every {@code hoursAtMarginal} kernel returns the smallest {@code h >= 0} at which the right
 * derivative of the concave envelope is {@code <= mu}, for {@code mu >= 0} (or {@code +Infinity} when
 * no such {@code h} exists). The functions are non-increasing in {@code mu}: exactly for the closed
 * forms (Java's {@code log}, {@code sqrt} and division are semi-monotonic), to a few ulps for the Newton
 * iteration of the ADBUDG curve with {@code shape != 1}.
 */
final class CurveMath {

  /** Iteration cap of the Newton solve; convergence takes well under 60 steps (quadratic). */
  private static final int MAX_NEWTON = 200;

  private CurveMath() {}

  /** Rejects negative or NaN hours. */
  static double checkHours(double hours) {
    if (!(hours >= 0)) {
      throw new IllegalArgumentException("hours must be >= 0, was " + hours + ".");
    }
    return hours;
  }

  /** Rejects negative or NaN marginal values. */
  static double checkMarginal(double marginal) {
    if (!(marginal >= 0)) {
      throw new IllegalArgumentException("marginal must be >= 0, was " + marginal + ".");
    }
    return marginal;
  }

  // ---------------------------------------------------------------------------------------------
  // Exponential saturation r(h) = c * (1 - exp(-h / s))

  /** The constant {@code log(c) - log(s)} of {@link #expHoursAtMarginal}. */
  static double expLogInitialMarginal(double c, double s) {
    return Math.log(c) - Math.log(s);
  }

  static double expValue(double c, double s, double h) {
    return -c * Math.expm1(-h / s);
  }

  static double expDerivative(double c, double s, double h) {
    return c / s * Math.exp(-h / s);
  }

  /**
   * Solves {@code (c / s) exp(-h / s) = mu}: {@code h = s (log(c / s) - log(mu))}, and 0 when
   * {@code mu >= c / s}.
   */
  static double expHoursAtMarginal(double c, double s, double logInitialMarginal, double mu) {
    if (c == 0 || mu >= c / s) {
      return 0;
    }
    if (mu == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(0, s * (logInitialMarginal - Math.log(mu)));
  }

  static String checkExponential(double ceiling, double scaleHours, String[] labels) {
    if (!(Double.isFinite(ceiling) && ceiling >= 0)) {
      return "exponential " + labels[0] + " must be a finite number >= 0, was " + ceiling + ".";
    }
    if (!(Double.isFinite(scaleHours) && scaleHours > 0)) {
      return "exponential " + labels[1] + " must be a finite number > 0, was " + scaleHours + ".";
    }
    return null;
  }

  /** Index of the first bad exponential parameter (0 ceiling, 1 scale), or -1. */
  static int badExponentialParameter(double ceiling, double scaleHours) {
    if (!(Double.isFinite(ceiling) && ceiling >= 0)) {
      return 0;
    }
    return Double.isFinite(scaleHours) && scaleHours > 0 ? -1 : 1;
  }

  // ---------------------------------------------------------------------------------------------
  // ADBUDG r(h) = f + A * x / (1 + x), x = (h / d)^g, A = ceiling - floor

  static double adbudgValue(double f, double a, double d, double g, double h) {
    if (h == 0) {
      return f;
    }
    double x = Math.pow(h / d, g);
    return f + a / (1 + 1 / x);
  }

  static double adbudgDerivative(double a, double d, double g, double h) {
    if (a == 0 || h == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (h == 0) {
      return g < 1 ? Double.POSITIVE_INFINITY : g == 1 ? a / d : 0;
    }
    // r'(h) = (A g / d) x^(1 - 1/g) / (1 + x)^2 with log x = g log(h / d): no overflow or 0/0 for
    // tiny or huge hours
    double logX = g * (Math.log(h) - Math.log(d));
    return a * g / d * Math.exp((1 - 1 / g) * logX - 2 * softplus(logX));
  }

  /** The hours {@code t = d (g - 1)^(1/g)} where the envelope's tangent from (0, floor) touches. */
  static double adbudgTangentHours(double d, double g) {
    return g > 1 ? d * Math.pow(g - 1, 1 / g) : 0;
  }

  /** The envelope slope {@code L = r'(t) = A (g - 1)^(1 - 1/g) / (g d)} on {@code [0, t]}. */
  static double adbudgEnvelopeSlope(double a, double d, double g) {
    return g > 1 ? a * Math.pow(g - 1, 1 - 1 / g) / (g * d) : Double.NaN;
  }

  /** The constant {@code log(d) - log(A) - log(g)} of the Newton solve. */
  static double adbudgLogScale(double a, double d, double g) {
    return Math.log(d) - Math.log(a) - Math.log(g);
  }

  static double adbudgEnvelopeValue(
      double f, double a, double d, double g, double t, double slope, double h) {
    if (g > 1 && h < t) {
      return f + slope * h;
    }
    return adbudgValue(f, a, d, g, h);
  }

  static double adbudgEnvelopeDerivative(
      double a, double d, double g, double t, double slope, double h) {
    if (g > 1 && h < t) {
      return a == 0 ? 0 : slope;
    }
    return adbudgDerivative(a, d, g, h);
  }

  /**
   * Smallest hours with envelope marginal {@code <= mu}. With {@code x = (h/d)^g} and
   * {@code u = log x}, the equation {@code r'(h) = mu} reads
   * {@code psi(u) = (1 - 1/g) u - 2 log(1 + e^u) = log(mu d / (A g))}; {@code psi} is strictly concave
   * and (on the relevant branch) strictly decreasing, so Newton's method started to the right of the
   * root decreases monotonically to it; it stops when an iterate no longer decreases. For
   * {@code g < 1} the result is at least {@code Double.MIN_VALUE} (the marginal response at 0 is
   * infinite), so that a finite multiplier never rounds an account's hours to exactly 0.
   */
  static double adbudgHoursAtMarginal(
      double a, double d, double g, double logScale, double sqrtAOverD, double t, double slope,
      double mu) {
    if (a == 0 || mu == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (mu == 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (g == 1) {
      // A d / (d + h)^2 = mu
      return mu >= a / d ? 0 : Math.max(0, d * (sqrtAOverD / Math.sqrt(mu) - 1));
    }
    if (g > 1 && mu >= slope) {
      return 0;
    }
    double target = Math.log(mu) + logScale;
    double e = 1 - 1 / g;
    // psi(u) <= (e - 2) u for all u, and psi(u) <= e u when e < 0: both bound the root from the right
    double u = target / (e - 2);
    if (e < 0) {
      u = Math.min(u, target / e);
    }
    for (int it = 0; it < MAX_NEWTON; it++) {
      double psi = e * u - 2 * softplus(u);
      double dpsi = e - 2 / (1 + Math.exp(-u));
      double next = u + (target - psi) / dpsi;
      if (!(next < u)) {
        break;
      }
      u = next;
    }
    double h = Math.exp(Math.log(d) + u / g);
    // g < 1: r'(0) = +Infinity, so a finite mu always buys some hours, if only the smallest double
    return g > 1 ? Math.max(h, t) : Math.max(h, Double.MIN_VALUE);
  }

  private static double softplus(double u) {
    return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
  }

  /** Index of the first bad ADBUDG parameter (0 floor, 1 ceiling, 2 half-saturation, 3 shape), or -1. */
  static int badAdbudgParameter(double floor, double ceiling, double d, double g) {
    if (!Double.isFinite(floor)) {
      return 0;
    }
    if (!(Double.isFinite(ceiling) && ceiling >= floor && Double.isFinite(ceiling - floor))) {
      return 1;
    }
    if (!(Double.isFinite(d) && d > 0)) {
      return 2;
    }
    return Double.isFinite(g) && g > 0 ? -1 : 3;
  }

  static String checkAdbudg(double floor, double ceiling, double d, double g, String[] labels) {
    switch (badAdbudgParameter(floor, ceiling, d, g)) {
      case 0:
        return "ADBUDG " + labels[0] + " must be a finite number, was " + floor + ".";
      case 1:
        return Double.isFinite(ceiling) && !(ceiling >= floor)
            ? "ADBUDG " + labels[1] + " (" + ceiling + ") must be >= " + labels[0] + " (" + floor
                + "); the response may not fall as hours grow."
            : "ADBUDG " + labels[1] + " must be a finite number with a finite distance to "
                + labels[0] + ", was " + ceiling + ".";
      case 2:
        return "ADBUDG " + labels[2] + " must be a finite number > 0, was " + d + ".";
      case 3:
        return "ADBUDG " + labels[3] + " must be a finite number > 0, was " + g + ".";
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Piecewise linear, points (hs[off + k], vs[off + k]), k < n, slopes ss[off + k], k < n - 1,
  // flat after the last point.

  /** Largest k in [0, n - 2] with hs[off + k] <= h, for h < hs[off + n - 1]. */
  private static int segment(double[] hs, int off, int n, double h) {
    int idx = Arrays.binarySearch(hs, off, off + n, h);
    int k = idx >= 0 ? idx : -idx - 2;
    return k - off;
  }

  static double plValue(double[] hs, double[] vs, double[] ss, int off, int n, double h) {
    if (h >= hs[off + n - 1]) {
      return vs[off + n - 1];
    }
    int k = segment(hs, off, n, h);
    return vs[off + k] + ss[off + k] * (h - hs[off + k]);
  }

  static double plDerivative(double[] hs, double[] ss, int off, int n, double h) {
    if (h >= hs[off + n - 1]) {
      return 0;
    }
    return ss[off + segment(hs, off, n, h)];
  }

  /** Left derivative (the slope of the segment ending at or containing {@code h}). */
  static double plLeftDerivative(double[] hs, double[] ss, int off, int n, double h) {
    if (h <= 0) {
      return n > 1 ? ss[off] : 0;
    }
    if (h > hs[off + n - 1]) {
      return 0;
    }
    int idx = Arrays.binarySearch(hs, off, off + n, h);
    int k = (idx >= 0 ? idx - 1 : -idx - 2) - off;
    return ss[off + Math.max(0, Math.min(k, n - 2))];
  }

  /** The first point whose outgoing slope is {@code <= mu} (the last point has slope 0). */
  static double plHoursAtMarginal(double[] hs, double[] ss, int off, int n, double mu) {
    int lo = 0;
    int hi = n - 1; // slope index n - 1 stands for the flat part after the last point
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ss[off + mid] <= mu) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return hs[off + lo];
  }

  /**
   * Validates points; returns an error message or {@code null}. The slopes are written to
   * {@code slopesOut} (length {@code n - 1}) when the points are valid.
   */
  static String checkPiecewise(double[] hours, double[] values, double[] slopesOut) {
    int n = hours.length;
    if (n != values.length) {
      return "piecewise-linear curve has " + n + " hours but " + values.length
          + " values; give one value per point.";
    }
    if (n == 0) {
      return "piecewise-linear curve needs at least one point, the first at 0 hours.";
    }
    for (int k = 0; k < n; k++) {
      if (!Double.isFinite(hours[k]) || !Double.isFinite(values[k])) {
        return "piecewise-linear point " + k + " is (" + hours[k] + ", " + values[k]
            + "); hours and values must be finite numbers.";
      }
    }
    if (hours[0] != 0) {
      return "piecewise-linear curve must start at 0 hours, starts at " + hours[0] + ".";
    }
    for (int k = 1; k < n; k++) {
      if (!(hours[k] > hours[k - 1])) {
        return "piecewise-linear hours must increase strictly, but point " + k + " has "
            + hours[k] + " after " + hours[k - 1] + ".";
      }
      double s = (values[k] - values[k - 1]) / (hours[k] - hours[k - 1]);
      if (!Double.isFinite(s)) {
        return "piecewise-linear slope between points " + (k - 1) + " and " + k
            + " is not finite (" + s + ").";
      }
      if (s < 0) {
        return "piecewise-linear values must not decrease, but fall from " + values[k - 1] + " to "
            + values[k] + " between " + hours[k - 1] + " and " + hours[k] + " hours.";
      }
      if (k >= 2 && s > slopesOut[k - 2]) {
        return "piecewise-linear curve is not concave: slope " + s + " on [" + hours[k - 1] + ", "
            + hours[k] + "] hours exceeds slope " + slopesOut[k - 2] + " on [" + hours[k - 2]
            + ", " + hours[k - 1] + "]; slopes must not increase.\n"
            + "Drop points below the upper concave hull, or model an S-shaped response with "
            + "ResponseCurve.adbudg(...) and shape > 1.";
      }
      slopesOut[k - 1] = s;
    }
    return null;
  }
}
