package dev.segmentation.allocation.calltime;

/**
 * The exponential saturation curve {@code r(h) = ceiling * (1 - exp(-h / scaleHours))}; create it with
 * {@link ResponseCurve#exponential}.
 *
 * <p>It is concave with {@code r(0) = 0}, initial marginal response {@code ceiling / scaleHours}, and
 * inverse marginal {@code h(mu) = scaleHours * log(ceiling / (scaleHours * mu))} (0 when
 * {@code mu >= ceiling / scaleHours}).
 *
 * <pre>{@code
 * ExponentialCurve e = ResponseCurve.exponential(50_000, 20); // 63% of 50k at 20 hours
 * e.hoursAtMarginal(500);                                     // 20 * log(2500 / 500) = 32.19 h
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param ceiling the response as hours grow without bound, finite and {@code >= 0}
 * @param scaleHours the e-folding hours, finite and {@code > 0}
 * @since 0.1
 */
public record ExponentialCurve(double ceiling, double scaleHours) implements ResponseCurve {

  private static final String[] LABELS = {"ceiling", "scaleHours"};

  /**
   * Validates the parameters.
   *
   * @param ceiling the response as hours grow without bound
   * @param scaleHours the e-folding hours
   * @throws IllegalArgumentException when a parameter is NaN, infinite or out of range
   */
  public ExponentialCurve {
    String problem = CurveMath.checkExponential(ceiling, scaleHours, LABELS);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
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
    return CurveMath.expValue(ceiling, scaleHours, CurveMath.checkHours(hours));
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
    return CurveMath.expDerivative(ceiling, scaleHours, CurveMath.checkHours(hours));
  }

  /**
   * {@inheritDoc}
   *
   * @return always {@code true}
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
    return CurveMath.expHoursAtMarginal(
        ceiling, scaleHours, CurveMath.expLogInitialMarginal(ceiling, scaleHours),
        CurveMath.checkMarginal(marginal));
  }
}
