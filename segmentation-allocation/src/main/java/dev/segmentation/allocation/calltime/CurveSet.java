package dev.segmentation.allocation.calltime;

import java.util.Arrays;

/**
 * Response curves of many accounts in flat arrays, so that the solver touches no per-account objects:
 * a kind per account, 9 parameters per account (with derived constants precomputed) and the points of
 * piecewise-linear curves in shared arrays. Immutable once built.
 */
final class CurveSet {

  static final byte EXPONENTIAL = 0;
  static final byte ADBUDG = 1;
  static final byte PIECEWISE = 2;
  static final int STRIDE = 9;

  // EXPONENTIAL: [0] ceiling, [1] scaleHours, [2] log(ceiling / scaleHours)
  // ADBUDG: [0] floor, [1] lift A, [2] d, [3] g, [4] log(d / (A g)), [5] sqrt(A / d), [6] t, [7] L,
  //   [8] ceiling
  // PIECEWISE: [0] offset into the point arrays, [1] number of points
  private final byte[] kind;
  private final double[] par;
  private final double[] plHours;
  private final double[] plValues;
  private final double[] plSlopes;

  private CurveSet(byte[] kind, double[] par, double[] plHours, double[] plValues, double[] plSlopes) {
    this.kind = kind;
    this.par = par;
    this.plHours = plHours;
    this.plValues = plValues;
    this.plSlopes = plSlopes;
  }

  int size() {
    return kind.length;
  }

  double value(int i, double h) {
    int o = i * STRIDE;
    switch (kind[i]) {
      case EXPONENTIAL:
        return CurveMath.expValue(par[o], par[o + 1], h);
      case ADBUDG:
        return CurveMath.adbudgValue(par[o], par[o + 1], par[o + 2], par[o + 3], h);
      default:
        return CurveMath.plValue(plHours, plValues, plSlopes, (int) par[o], (int) par[o + 1], h);
    }
  }

  double envelopeValue(int i, double h) {
    if (kind[i] == ADBUDG) {
      int o = i * STRIDE;
      return CurveMath.adbudgEnvelopeValue(
          par[o], par[o + 1], par[o + 2], par[o + 3], par[o + 6], par[o + 7], h);
    }
    return value(i, h);
  }

  double envelopeDerivative(int i, double h) {
    int o = i * STRIDE;
    switch (kind[i]) {
      case EXPONENTIAL:
        return CurveMath.expDerivative(par[o], par[o + 1], h);
      case ADBUDG:
        return CurveMath.adbudgEnvelopeDerivative(
            par[o + 1], par[o + 2], par[o + 3], par[o + 6], par[o + 7], h);
      default:
        return CurveMath.plDerivative(plHours, plSlopes, (int) par[o], (int) par[o + 1], h);
    }
  }

  double hoursAtMarginal(int i, double mu) {
    int o = i * STRIDE;
    switch (kind[i]) {
      case EXPONENTIAL:
        return CurveMath.expHoursAtMarginal(par[o], par[o + 1], par[o + 2], mu);
      case ADBUDG:
        return CurveMath.adbudgHoursAtMarginal(
            par[o + 1], par[o + 2], par[o + 3], par[o + 4], par[o + 5], par[o + 6], par[o + 7], mu);
      default:
        return CurveMath.plHoursAtMarginal(plHours, plSlopes, (int) par[o], (int) par[o + 1], mu);
    }
  }

  /** Recreates the value object of one account's curve. */
  ResponseCurve curve(int i) {
    int o = i * STRIDE;
    switch (kind[i]) {
      case EXPONENTIAL:
        return new ExponentialCurve(par[o], par[o + 1]);
      case ADBUDG:
        return new AdbudgCurve(par[o], par[o + 8], par[o + 2], par[o + 3]);
      default:
        int off = (int) par[o];
        int n = (int) par[o + 1];
        return PiecewiseLinearCurve.of(
            Arrays.copyOfRange(plHours, off, off + n), Arrays.copyOfRange(plValues, off, off + n));
    }
  }

  /** Content equality on kinds, parameters and points. */
  boolean sameAs(CurveSet other) {
    return Arrays.equals(kind, other.kind)
        && Arrays.equals(par, other.par)
        && Arrays.equals(plHours, other.plHours)
        && Arrays.equals(plValues, other.plValues);
  }

  int contentHash() {
    return (Arrays.hashCode(kind) * 31 + Arrays.hashCode(par)) * 31 + Arrays.hashCode(plHours);
  }

  /** Appends curves in account order. Not thread-safe. */
  static final class Builder {
    private byte[] kind;
    private double[] par;
    private int n;
    private double[] plHours = new double[16];
    private double[] plValues = new double[16];
    private double[] plSlopes = new double[16];
    private int points;

    Builder(int expected) {
      int cap = Math.max(expected, 4);
      kind = new byte[cap];
      par = new double[cap * STRIDE];
    }

    private int next(byte k) {
      if (n == kind.length) {
        int cap = kind.length * 2;
        kind = Arrays.copyOf(kind, cap);
        par = Arrays.copyOf(par, cap * STRIDE);
      }
      kind[n] = k;
      return n++ * STRIDE;
    }

    /** Adds a validated exponential curve. */
    void exponential(double ceiling, double scaleHours) {
      int o = next(EXPONENTIAL);
      par[o] = ceiling;
      par[o + 1] = scaleHours;
      par[o + 2] = CurveMath.expLogInitialMarginal(ceiling, scaleHours);
    }

    /** Adds a validated ADBUDG curve. */
    void adbudg(double floor, double ceiling, double d, double g) {
      int o = next(ADBUDG);
      double a = ceiling - floor;
      par[o] = floor;
      par[o + 1] = a;
      par[o + 2] = d;
      par[o + 3] = g;
      par[o + 4] = CurveMath.adbudgLogScale(a, d, g);
      par[o + 5] = Math.sqrt(a / d);
      par[o + 6] = CurveMath.adbudgTangentHours(d, g);
      par[o + 7] = CurveMath.adbudgEnvelopeSlope(a, d, g);
      par[o + 8] = ceiling;
    }

    /** Adds validated points with their slopes. */
    void piecewise(double[] h, double[] v, double[] s) {
      int o = next(PIECEWISE);
      int m = h.length;
      while (points + m > plHours.length) {
        int cap = plHours.length * 2;
        plHours = Arrays.copyOf(plHours, cap);
        plValues = Arrays.copyOf(plValues, cap);
        plSlopes = Arrays.copyOf(plSlopes, cap);
      }
      System.arraycopy(h, 0, plHours, points, m);
      System.arraycopy(v, 0, plValues, points, m);
      System.arraycopy(s, 0, plSlopes, points, m);
      par[o] = points;
      par[o + 1] = m;
      points += m;
    }

    void add(ResponseCurve curve) {
      if (curve instanceof ExponentialCurve e) {
        exponential(e.ceiling(), e.scaleHours());
      } else if (curve instanceof AdbudgCurve a) {
        adbudg(a.floor(), a.ceiling(), a.halfSaturationHours(), a.shape());
      } else {
        PiecewiseLinearCurve p = (PiecewiseLinearCurve) curve;
        piecewise(p.hoursArray(), p.valuesArray(), p.slopesArray());
      }
    }

    CurveSet build() {
      return new CurveSet(
          Arrays.copyOf(kind, n), Arrays.copyOf(par, n * STRIDE), Arrays.copyOf(plHours, points),
          Arrays.copyOf(plValues, points), Arrays.copyOf(plSlopes, points));
    }
  }
}
