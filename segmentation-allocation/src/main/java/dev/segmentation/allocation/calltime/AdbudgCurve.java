package dev.segmentation.allocation.calltime;

/**
 * The ADBUDG response curve of Little (1970),
 * {@code r(h) = floor + (ceiling - floor) * h^g / (d^g + h^g)} with {@code d = halfSaturationHours} and
 * {@code g = shape}; create it with {@link ResponseCurve#adbudg}.
 *
 * <p>For {@code shape <= 1} the curve is concave ({@code shape < 1}: infinite marginal response at 0
 * hours; {@code shape = 1}: {@code r'(0) = (ceiling - floor) / d}). For {@code shape > 1} it is
 * S-shaped: its marginal response rises up to an inflection point and then falls. The solver then works
 * on the concave envelope: the line from {@code (0, floor)} with slope
 * {@code L = (ceiling - floor) (g - 1)^(1 - 1/g) / (g d)}, tangent to the curve at
 * {@link #tangentHours() t = d (g - 1)^(1/g)}, followed by the curve for {@code h >= t}. Hours on the
 * curve part and 0 hours give the true response; hours strictly between 0 and {@code t} give less than
 * the envelope, and {@link CallTimePlan#gap()} reports the difference.
 *
 * <pre>{@code
 * AdbudgCurve s = ResponseCurve.adbudg(0, 100, 10, 2); // S-shaped, tangent at 10 h, slope 5 per hour
 * s.tangentHours();                                    // 10.0
 * s.envelopeValue(4);                                  // 20.0 (line) while s.value(4) = 13.79...
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param floor the response at 0 hours, finite
 * @param ceiling the response as hours grow without bound, finite and {@code >= floor}
 * @param halfSaturationHours the hours {@code d > 0} at which the response is halfway from floor to
 *     ceiling
 * @param shape the exponent {@code g > 0}; {@code <= 1} concave, {@code > 1} S-shaped
 * @since 0.1
 */
public record AdbudgCurve(double floor, double ceiling, double halfSaturationHours, double shape)
    implements ResponseCurve {

  private static final String[] LABELS = {"floor", "ceiling", "halfSaturationHours", "shape"};

  /**
   * Validates the parameters.
   *
   * @param floor the response at 0 hours
   * @param ceiling the response as hours grow without bound
   * @param halfSaturationHours the hours of half the lift
   * @param shape the exponent
   * @throws IllegalArgumentException when a parameter is NaN, infinite or out of range
   */
  public AdbudgCurve {
    String problem = CurveMath.checkAdbudg(floor, ceiling, halfSaturationHours, shape, LABELS);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Returns the hours {@code t = d (g - 1)^(1/g)} at which the envelope's line from
   * {@code (0, floor)} touches the curve.
   *
   * @return the tangent hours for {@code shape > 1}, otherwise 0
   */
  public double tangentHours() {
    return CurveMath.adbudgTangentHours(halfSaturationHours, shape);
  }

  private double lift() {
    return ceiling - floor;
  }

  private double envelopeSlope() {
    return CurveMath.adbudgEnvelopeSlope(lift(), halfSaturationHours, shape);
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
    return CurveMath.adbudgValue(
        floor, lift(), halfSaturationHours, shape, CurveMath.checkHours(hours));
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
    return CurveMath.adbudgDerivative(
        lift(), halfSaturationHours, shape, CurveMath.checkHours(hours));
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code true} when {@code shape <= 1}
   */
  @Override
  public boolean isConcave() {
    return shape <= 1;
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
    return CurveMath.adbudgEnvelopeValue(
        floor, lift(), halfSaturationHours, shape, tangentHours(), envelopeSlope(),
        CurveMath.checkHours(hours));
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
    return CurveMath.adbudgEnvelopeDerivative(
        lift(), halfSaturationHours, shape, tangentHours(), envelopeSlope(),
        CurveMath.checkHours(hours));
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
    double a = lift();
    return CurveMath.adbudgHoursAtMarginal(
        a, halfSaturationHours, shape, CurveMath.adbudgLogScale(a, halfSaturationHours, shape),
        Math.sqrt(a / halfSaturationHours), tangentHours(), envelopeSlope(),
        CurveMath.checkMarginal(marginal));
  }
}
