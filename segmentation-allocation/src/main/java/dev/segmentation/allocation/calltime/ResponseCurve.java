package dev.segmentation.allocation.calltime;

/**
 * The expected response of one account (sales, margin or any value in the account table's currency)
 * as a function of the hours per year {@code h >= 0} spent on it.
 *
 * <p>Three shapes exist, each an immutable value:
 *
 * <ul>
 *   <li>{@link #adbudg ADBUDG} (Little 1970):
 *       {@code r(h) = floor + (ceiling - floor) * h^g / (d^g + h^g)}; concave for {@code g <= 1},
 *       S-shaped for {@code g > 1};
 *   <li>{@link #exponential exponential saturation}: {@code r(h) = ceiling * (1 - exp(-h / scale))};
 *   <li>{@link #piecewiseLinear piecewise linear}: user-supplied concave points, flat after the last.
 * </ul>
 *
 * <p><b>Concave envelope.</b> The call-time solver maximises concave functions. For concave curves the
 * {@linkplain #envelopeValue envelope} is the curve itself. For an S-shaped ADBUDG curve it is the least
 * concave majorant on {@code [0, +Infinity)}: the straight line from {@code (0, floor)} to the point of
 * tangency {@code t = d (g - 1)^(1/g)}, then the curve. {@link #value} and {@link #derivative} always
 * describe the curve itself; {@link #envelopeValue}, {@link #envelopeDerivative} and
 * {@link #hoursAtMarginal} describe the envelope.
 *
 * <p>Derivatives are right derivatives (at a kink of a piecewise-linear curve, the slope of the segment
 * that starts there). Hours may be {@code +Infinity}, where the value is the curve's limit and the
 * derivative 0.
 *
 * <pre>{@code
 * ResponseCurve visits = ResponseCurve.adbudg(0.0, 120_000.0, 40.0, 0.8); // half of the lift at 40 h
 * double marginal = visits.derivative(25.0);                             // value of hour 26, roughly
 * double hours = visits.hoursAtMarginal(500.0);                          // where an hour earns 500
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public sealed interface ResponseCurve permits AdbudgCurve, ExponentialCurve, PiecewiseLinearCurve {

  /**
   * Creates an ADBUDG curve {@code r(h) = floor + (ceiling - floor) * h^g / (d^g + h^g)} (Little 1970):
   * {@code r(0) = floor}, {@code r(d) = (floor + ceiling) / 2}, {@code r -> ceiling} as {@code h} grows.
   * It is concave for {@code shape <= 1} and S-shaped for {@code shape > 1}, in which case the solver
   * uses its concave envelope (see the class documentation and {@link CallTimePlan#upperBound()}).
   *
   * @param floor the response at 0 hours, finite
   * @param ceiling the response as hours grow without bound, finite and {@code >= floor}
   * @param halfSaturationHours the hours {@code d > 0} at which half of the lift is reached
   * @param shape the exponent {@code g > 0}, finite
   * @return the curve
   * @throws IllegalArgumentException when a parameter is NaN, infinite or out of range
   */
  static AdbudgCurve adbudg(double floor, double ceiling, double halfSaturationHours, double shape) {
    return new AdbudgCurve(floor, ceiling, halfSaturationHours, shape);
  }

  /**
   * Creates an exponential saturation curve {@code r(h) = ceiling * (1 - exp(-h / scaleHours))}:
   * {@code r(0) = 0}, {@code r'(0) = ceiling / scaleHours}, about 63% of the ceiling at
   * {@code h = scaleHours}.
   *
   * @param ceiling the response as hours grow without bound, finite and {@code >= 0}
   * @param scaleHours the e-folding hours, finite and {@code > 0}
   * @return the curve
   * @throws IllegalArgumentException when a parameter is NaN, infinite or out of range
   */
  static ExponentialCurve exponential(double ceiling, double scaleHours) {
    return new ExponentialCurve(ceiling, scaleHours);
  }

  /**
   * Creates a concave piecewise-linear curve through the given points; it is flat after the last point.
   *
   * <pre>{@code
   * ResponseCurve r = ResponseCurve.piecewiseLinear(
   *     new double[] {0, 10, 30, 60},          // hours per year
   *     new double[] {0, 5_000, 9_000, 10_500}); // expected margin
   * }</pre>
   *
   * @param hours the hours of the points: the first is 0, strictly increasing, finite; copied
   * @param values the response at each point: finite, non-decreasing; copied
   * @return the curve
   * @throws IllegalArgumentException when the arrays differ in length or are empty, when a number is
   *     not finite, the first hours are not 0, hours do not increase, values fall, or the slopes
   *     increase (the curve is not concave); the message names the points
   */
  static PiecewiseLinearCurve piecewiseLinear(double[] hours, double[] values) {
    return PiecewiseLinearCurve.of(hours, values);
  }

  /**
   * Returns the response at the given hours.
   *
   * @param hours hours per year, {@code >= 0} (may be {@code +Infinity})
   * @return the expected response
   * @throws IllegalArgumentException when {@code hours} is negative or NaN
   */
  double value(double hours);

  /**
   * Returns the right derivative of the response: the value of one more hour, per hour.
   *
   * @param hours hours per year, {@code >= 0} (may be {@code +Infinity})
   * @return the marginal response, {@code >= 0}; {@code +Infinity} at 0 hours for ADBUDG with
   *     {@code shape < 1}
   * @throws IllegalArgumentException when {@code hours} is negative or NaN
   */
  double derivative(double hours);

  /**
   * Tells whether the curve is concave, so that its envelope is the curve itself.
   *
   * @return {@code false} only for ADBUDG curves with {@code shape > 1}
   */
  boolean isConcave();

  /**
   * Returns the concave envelope (least concave majorant on {@code [0, +Infinity)}) at the given
   * hours; equal to {@link #value} for concave curves.
   *
   * @param hours hours per year, {@code >= 0} (may be {@code +Infinity})
   * @return the envelope response, {@code >= value(hours)}
   * @throws IllegalArgumentException when {@code hours} is negative or NaN
   */
  double envelopeValue(double hours);

  /**
   * Returns the right derivative of the concave envelope; equal to {@link #derivative} for concave
   * curves. It is non-increasing in {@code hours}.
   *
   * @param hours hours per year, {@code >= 0} (may be {@code +Infinity})
   * @return the marginal envelope response, {@code >= 0}
   * @throws IllegalArgumentException when {@code hours} is negative or NaN
   */
  double envelopeDerivative(double hours);

  /**
   * Inverts the marginal response: returns the smallest hours {@code h >= 0} at which
   * {@link #envelopeDerivative}{@code (h) <= marginal}, so that every hour below {@code h} earns more
   * than {@code marginal}. Exact closed forms for the exponential curve, ADBUDG with
   * {@code shape = 1} and piecewise-linear curves; for other ADBUDG shapes a monotone Newton iteration
   * on {@code log (h/d)^g}, run until it stops improving (relative error a few units of the last place).
   * For ADBUDG with {@code shape < 1} the marginal response is infinite at 0, so the result for a
   * finite {@code marginal} is positive; a root below the double range is returned as
   * {@code Double.MIN_VALUE}.
   *
   * @param marginal the marginal value of an hour, {@code >= 0} (may be {@code +Infinity}, giving 0)
   * @return the hours, {@code >= 0}; {@code +Infinity} when the marginal response never falls to
   *     {@code marginal} (for example {@code marginal = 0} and an exponential curve)
   * @throws IllegalArgumentException when {@code marginal} is negative or NaN
   */
  double hoursAtMarginal(double marginal);
}
