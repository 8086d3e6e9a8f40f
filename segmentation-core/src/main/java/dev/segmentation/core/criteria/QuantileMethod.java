package dev.segmentation.core.criteria;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The nine sample-quantile definitions of Hyndman and Fan (1996), "Sample quantiles in statistical
 * packages", The American Statistician 50(4):361-365; {@code TYPE_n} equals R's
 * {@code quantile(x, p, type = n)}.
 *
 * <p>{@link #TYPE_7} is the default everywhere in this library (also the default of R and numpy): for
 * sorted values {@code x[1..n]}, {@code h = (n - 1) p + 1} and
 * {@code Q(p) = x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])}.
 *
 * @since 0.1
 */
public enum QuantileMethod {
  /** Inverse of the empirical distribution function (discontinuous). */
  TYPE_1(Quantile.EstimationMethod.HF1),
  /** Like type 1 with averaging at discontinuities (discontinuous). */
  TYPE_2(Quantile.EstimationMethod.HF2),
  /** The observation numbered closest to {@code n p} (SAS definition 2, discontinuous). */
  TYPE_3(Quantile.EstimationMethod.HF3),
  /** Linear interpolation of the empirical distribution function, {@code h = n p}. */
  TYPE_4(Quantile.EstimationMethod.HF4),
  /** Piecewise linear with knots at the midpoints, {@code h = n p + 1/2}. */
  TYPE_5(Quantile.EstimationMethod.HF5),
  /** Linear interpolation of the expectations of the order statistics, {@code h = (n + 1) p}. */
  TYPE_6(Quantile.EstimationMethod.HF6),
  /** Linear interpolation of the modes of the order statistics, {@code h = (n - 1) p + 1}; default. */
  TYPE_7(Quantile.EstimationMethod.HF7),
  /** Approximately median-unbiased, {@code h = (n + 1/3) p + 1/3}. */
  TYPE_8(Quantile.EstimationMethod.HF8),
  /** Approximately unbiased for normal data, {@code h = (n + 1/4) p + 3/8}. */
  TYPE_9(Quantile.EstimationMethod.HF9);

  private final Quantile.EstimationMethod method;

  QuantileMethod(Quantile.EstimationMethod method) {
    this.method = method;
  }

  /**
   * Computes quantiles of values that contain no {@code NaN}. The input is not modified.
   *
   * @param values the sample, at least one value, no {@code NaN}
   * @param probabilities probabilities in {@code [0, 1]}
   * @return one quantile per probability
   * @throws IllegalArgumentException when {@code values} is empty or a probability is outside
   *     {@code [0, 1]}
   */
  public double[] quantiles(double[] values, double... probabilities) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Quantiles need at least one value.");
    }
    for (double p : probabilities) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("Probability must be in [0, 1], was " + p + ".");
      }
    }
    // withCopy(true): Quantile's default partially sorts the array in place.
    return Quantile.withDefaults().withCopy(true).with(method).evaluate(values, probabilities);
  }

  /**
   * Computes one quantile of values that contain no {@code NaN}. The input is not modified.
   *
   * @param values the sample, at least one value, no {@code NaN}
   * @param probability a probability in {@code [0, 1]}
   * @return the quantile
   * @throws IllegalArgumentException when {@code values} is empty or the probability is outside
   *     {@code [0, 1]}
   */
  public double quantile(double[] values, double probability) {
    return quantiles(values, probability)[0];
  }
}
