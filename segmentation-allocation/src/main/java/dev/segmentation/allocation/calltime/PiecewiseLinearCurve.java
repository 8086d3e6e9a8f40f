package dev.segmentation.allocation.calltime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A concave piecewise-linear response curve through user-supplied points, flat after the last point;
 * create it with {@link ResponseCurve#piecewiseLinear}.
 *
 * <p>The points {@code (hours[k], values[k])} start at 0 hours, have strictly increasing hours,
 * non-decreasing values and non-increasing slopes {@code (values[k+1] - values[k]) / (hours[k+1] -
 * hours[k])}; concavity is checked exactly on the slopes as computed in {@code double}. Between points
 * the curve is linear; beyond the last point it stays at the last value. The derivative at a point is
 * the slope of the segment that starts there (0 from the last point on), and
 * {@link #hoursAtMarginal(double) hoursAtMarginal(mu)} is the first point whose outgoing slope is
 * {@code <= mu}.
 *
 * <pre>{@code
 * PiecewiseLinearCurve r = ResponseCurve.piecewiseLinear(
 *     new double[] {0, 10, 30}, new double[] {0, 1_000, 1_500}); // slopes 100, then 25 per hour
 * r.hoursAtMarginal(50);                                         // 10.0
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class PiecewiseLinearCurve implements ResponseCurve {

  private final double[] hours;
  private final double[] values;
  /** Slopes of the segments, one fewer than points, plus a trailing 0 for the flat part. */
  private final double[] slopes;

  private PiecewiseLinearCurve(double[] hours, double[] values, double[] slopes) {
    this.hours = hours;
    this.values = values;
    this.slopes = slopes;
  }

  static PiecewiseLinearCurve of(double[] hours, double[] values) {
    Objects.requireNonNull(hours, "hours");
    Objects.requireNonNull(values, "values");
    double[] h = hours.clone();
    double[] v = values.clone();
    double[] s = new double[Math.max(1, h.length)];
    String problem = CurveMath.checkPiecewise(h, v, s);
    if (problem != null) {
      throw new IllegalArgumentException(
          Character.toUpperCase(problem.charAt(0)) + problem.substring(1));
    }
    return new PiecewiseLinearCurve(h, v, s);
  }

  /**
   * Returns the number of points.
   *
   * @return the number of points, {@code >= 1}
   */
  public int pointCount() {
    return hours.length;
  }

  /**
   * Returns the hours of the points.
   *
   * @return a copy of the hours, the first 0, strictly increasing
   */
  public double[] hours() {
    return hours.clone();
  }

  /**
   * Returns the values at the points.
   *
   * @return a copy of the values, non-decreasing
   */
  public double[] values() {
    return values.clone();
  }

  double[] hoursArray() {
    return hours;
  }

  double[] valuesArray() {
    return values;
  }

  double[] slopesArray() {
    return slopes;
  }

  /**
   * {@inheritDoc}
   *
   * @param hours {@inheritDoc}
   * @return {@inheritDoc}
   * @throws IllegalArgumentException {@inheritDoc}
   */
  @Override
  public double value(double hours) {
    return CurveMath.plValue(
        this.hours, values, slopes, 0, this.hours.length, CurveMath.checkHours(hours));
  }

  /**
   * {@inheritDoc}
   *
   * @param hours {@inheritDoc}
   * @return {@inheritDoc}
   * @throws IllegalArgumentException {@inheritDoc}
   */
  @Override
  public double derivative(double hours) {
    return CurveMath.plDerivative(this.hours, slopes, 0, this.hours.length, CurveMath.checkHours(hours));
  }

  /**
   * Returns the left derivative: the slope of the segment that ends at, or contains, the given hours
   * (the first slope at 0 hours, 0 beyond the last point). Together with {@link #derivative} it
   * bounds the superdifferential {@code [derivative(h), leftDerivative(h)]} at a kink.
   *
   * @param hours hours per year, {@code >= 0}
   * @return the left derivative, {@code >= derivative(hours)}
   * @throws IllegalArgumentException when {@code hours} is negative or NaN
   */
  public double leftDerivative(double hours) {
    return CurveMath.plLeftDerivative(
        this.hours, slopes, 0, this.hours.length, CurveMath.checkHours(hours));
  }

  /**
   * {@inheritDoc}
   *
   * @return always {@code true} (concavity is checked on creation)
   */
  @Override
  public boolean isConcave() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @param hours {@inheritDoc}
   * @return {@inheritDoc}
   * @throws IllegalArgumentException {@inheritDoc}
   */
  @Override
  public double envelopeValue(double hours) {
    return value(hours);
  }

  /**
   * {@inheritDoc}
   *
   * @param hours {@inheritDoc}
   * @return {@inheritDoc}
   * @throws IllegalArgumentException {@inheritDoc}
   */
  @Override
  public double envelopeDerivative(double hours) {
    return derivative(hours);
  }

  /**
   * {@inheritDoc}
   *
   * @param marginal {@inheritDoc}
   * @return {@inheritDoc}
   * @throws IllegalArgumentException {@inheritDoc}
   */
  @Override
  public double hoursAtMarginal(double marginal) {
    return CurveMath.plHoursAtMarginal(
        hours, slopes, 0, hours.length, CurveMath.checkMarginal(marginal));
  }

  /**
   * Compares the points.
   *
   * @param o the other object
   * @return {@code true} for a piecewise-linear curve with the same points
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof PiecewiseLinearCurve other
        && Arrays.equals(hours, other.hours)
        && Arrays.equals(values, other.values);
  }

  /**
   * Hashes the points.
   *
   * @return a hash of hours and values
   */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hours) + Arrays.hashCode(values);
  }

  /**
   * Lists the points on one line, for example {@code PiecewiseLinearCurve[(0, 0), (10, 1000)]}.
   *
   * @return the points
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("PiecewiseLinearCurve[");
    for (int k = 0; k < hours.length; k++) {
      sb.append(k == 0 ? "(" : ", (").append(num(hours[k])).append(", ").append(num(values[k]))
          .append(')');
    }
    return sb.append(']').toString();
  }

  private static String num(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15
        ? String.format(Locale.ROOT, "%.0f", x)
        : Double.toString(x);
  }
}
