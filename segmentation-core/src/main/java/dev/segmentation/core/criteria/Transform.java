package dev.segmentation.core.criteria;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;

/**
 * One step of the numeric transform chain of a criterion, applied in the order given to the builder.
 * Each step is fitted on the output of the previous step over the training accounts and becomes a
 * {@link FittedTransform} holding what it learned.
 *
 * <p>A step whose learned scale is zero (a constant column for {@link Standardize}, {@link MinMax} or
 * {@link Robust}) outputs 0 for every account and the fitted criteria record a warning.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public sealed interface Transform
    permits Transform.Log1p,
        Transform.Standardize,
        Transform.MinMax,
        Transform.Robust,
        Transform.Winsorize,
        Transform.Clip {

  /**
   * Learns the parameters of this step from the training values.
   *
   * @param values the training values after the previous steps; non-empty, finite
   * @return the fitted step
   */
  FittedTransform fit(double[] values);

  /**
   * {@code log1p(x) = ln(1 + x)}, exact for small {@code x}; needs {@code x > -1}. Learns nothing.
   *
   * @since 0.1
   */
  record Log1p() implements Transform {
    @Override
    public FittedTransform fit(double[] values) {
      return new FittedTransform.Log1p();
    }

    @Override
    public String toString() {
      return "log1p";
    }
  }

  /**
   * Z-score: {@code (x - mean) / std} with the <em>population</em> standard deviation (divisor
   * {@code n}), so the training output has mean 0 and population standard deviation 1.
   *
   * @since 0.1
   */
  record Standardize() implements Transform {
    @Override
    public FittedTransform fit(double[] values) {
      // Statistics of the values scaled by a power of two near their largest magnitude: the scaling is
      // exact, so ordinary values give the same result, and squared deviations of magnitudes above
      // 1e154 or below 1e-154 neither overflow (std = NaN) nor underflow (std = 0, a false "constant").
      double maxAbs = 0;
      for (double v : values) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
      int e = maxAbs == 0 ? 0 : Math.getExponent(maxAbs);
      double[] scaled = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        scaled[i] = Math.scalb(values[i], -e);
      }
      double mean = Math.scalb(Mean.of(scaled).getAsDouble(), e);
      double std = Math.scalb(StandardDeviation.of(scaled).setBiased(true).getAsDouble(), e);
      return new FittedTransform.ZScore(mean, std);
    }

    @Override
    public String toString() {
      return "standardize";
    }
  }

  /**
   * Min-max scaling {@code (x - min) / (max - min)}: training values map onto {@code [0, 1]}; new
   * values outside the training range map outside it (they are not clipped).
   *
   * @since 0.1
   */
  record MinMax() implements Transform {
    @Override
    public FittedTransform fit(double[] values) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return new FittedTransform.MinMax(min, max);
    }

    @Override
    public String toString() {
      return "minMax";
    }
  }

  /**
   * Robust scaling {@code (x - median) / IQR}, with median and interquartile range
   * {@code Q(0.75) - Q(0.25)} computed with the given quantile method.
   *
   * @param method the quantile definition, {@link QuantileMethod#TYPE_7} by default
   * @since 0.1
   */
  record Robust(QuantileMethod method) implements Transform {
    /**
     * Validates the method.
     *
     * @param method the quantile definition
     */
    public Robust {
      Objects.requireNonNull(method, "method");
    }

    @Override
    public FittedTransform fit(double[] values) {
      double[] q = method.quantiles(values, 0.25, 0.5, 0.75);
      return new FittedTransform.Robust(q[1], q[2] - q[0]);
    }

    @Override
    public String toString() {
      return method == QuantileMethod.TYPE_7 ? "robust" : "robust(" + method + ")";
    }
  }

  /**
   * Winsorizing: values below the {@code lower} quantile or above the {@code upper} quantile of the
   * training values are replaced by those quantiles.
   *
   * @param lower lower probability in {@code [0, 1)}
   * @param upper upper probability in {@code (lower, 1]}
   * @param method the quantile definition, {@link QuantileMethod#TYPE_7} by default
   * @since 0.1
   */
  record Winsorize(double lower, double upper, QuantileMethod method) implements Transform {
    /**
     * Validates the probabilities.
     *
     * @param lower lower probability
     * @param upper upper probability
     * @param method the quantile definition
     * @throws IllegalArgumentException unless {@code 0 <= lower < upper <= 1}
     */
    public Winsorize {
      Objects.requireNonNull(method, "method");
      if (!(lower >= 0 && lower < upper && upper <= 1)) {
        throw new IllegalArgumentException(
            "winsorize needs 0 <= lower < upper <= 1, was lower=" + lower + ", upper=" + upper + ".");
      }
    }

    @Override
    public FittedTransform fit(double[] values) {
      double[] q = method.quantiles(values, lower, upper);
      return new FittedTransform.Winsorize(lower, upper, method, q[0], q[1]);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "winsorize(%s, %s%s)", lower, upper,
          method == QuantileMethod.TYPE_7 ? "" : ", " + method);
    }
  }

  /**
   * Clipping to fixed bounds {@code [min, max]}; learns nothing.
   *
   * @param min lower bound
   * @param max upper bound, {@code > min}
   * @since 0.1
   */
  record Clip(double min, double max) implements Transform {
    /**
     * Validates the bounds.
     *
     * @param min lower bound
     * @param max upper bound
     * @throws IllegalArgumentException unless {@code min < max} (infinite bounds are allowed)
     */
    public Clip {
      if (!(min < max)) {
        throw new IllegalArgumentException(
            "clip needs min < max, was min=" + min + ", max=" + max + ".");
      }
    }

    @Override
    public FittedTransform fit(double[] values) {
      return new FittedTransform.Clip(min, max);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "clip(%s, %s)", min, max);
    }
  }
}
