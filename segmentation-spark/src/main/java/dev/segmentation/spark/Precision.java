package dev.segmentation.spark;

import java.util.Locale;

/**
 * How exactly a distributed fit computes its statistics: {@link #exact()} gives the same model as the
 * single-machine fit on the same rows, {@link #approximate(double)} trades a stated error for one
 * cheap pass (Spark's {@code approxQuantile}, the Greenwald-Khanna sketch).
 *
 * <pre>{@code
 * SparkQuantileFit.builder().column("potential").deciles().precision(Precision.exact()).build();
 * SparkQuantileFit.builder().column("potential").deciles()
 *     .precision(Precision.approximate(0.001)).build();   // rank error at most 0.1% of n
 * }</pre>
 *
 * <p><b>Approximate quantiles.</b> With relative error {@code e}, the edge returned for probability
 * {@code p} is a value of the data whose rank {@code r} (among the {@code n} non-missing values,
 * 1-based) satisfies {@code |r - p n| <= e n}; the interpolation of the chosen
 * {@code QuantileMethod} is not applied. A relative error of 0.001 therefore puts at most 0.1% of the
 * accounts on the wrong side of each edge.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class Precision {

  private static final Precision EXACT = new Precision(0.0);

  private final double relativeError;

  private Precision(double relativeError) {
    this.relativeError = relativeError;
  }

  /**
   * Exact statistics: the fitted model equals the single-machine fit on the same rows. Costs a
   * distributed sort of the column (quantiles) or a pass over its distinct values on the driver (ABC).
   *
   * @return the exact precision
   */
  public static Precision exact() {
    return EXACT;
  }

  /**
   * Approximate statistics with a bounded rank error, computed in one pass with Spark's
   * {@code approxQuantile}.
   *
   * @param relativeError the rank error as a fraction of the number of values, in {@code (0, 1)};
   *     for example {@code 0.001}
   * @return the approximate precision
   * @throws IllegalArgumentException when the error is not in {@code (0, 1)}
   */
  public static Precision approximate(double relativeError) {
    if (!(relativeError > 0 && relativeError < 1)) {
      throw new IllegalArgumentException(
          "Precision.approximate relativeError must be in (0, 1), was " + relativeError + ".");
    }
    return new Precision(relativeError);
  }

  /**
   * Returns whether this is {@link #exact()}.
   *
   * @return {@code true} for exact statistics
   */
  public boolean isExact() {
    return relativeError == 0.0;
  }

  /**
   * Returns the relative rank error bound.
   *
   * @return the error, {@code 0} for {@link #exact()}
   */
  public double relativeError() {
    return relativeError;
  }

  /**
   * Compares the error bounds.
   *
   * @param o the other object
   * @return {@code true} when both are exact or have the same relative error
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Precision other
        && Double.compare(relativeError, other.relativeError) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(relativeError);
  }

  /**
   * Describes the precision.
   *
   * @return {@code Precision[exact]} or for example {@code Precision[approximate, relativeError=0.001]}
   */
  @Override
  public String toString() {
    return isExact() ? "Precision[exact]"
        : String.format(Locale.ROOT, "Precision[approximate, relativeError=%s]", relativeError);
  }
}
