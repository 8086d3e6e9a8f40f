package dev.segmentation.core.criteria;

import java.util.Objects;

/**
 * A transform step with its learned parameters; applying it to a value gives exactly what the training
 * accounts got.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public sealed interface FittedTransform
    permits FittedTransform.Log1p,
        FittedTransform.ZScore,
        FittedTransform.MinMax,
        FittedTransform.Robust,
        FittedTransform.Winsorize,
        FittedTransform.Clip {

  /**
   * Applies the step.
   *
   * @param x a finite input value
   * @return the transformed value; {@code NaN} only for {@link Log1p} of {@code x <= -1}, which
   *     callers report as an error
   */
  double apply(double x);

  /**
   * Tells whether the learned scale is zero, so the step outputs a constant 0.
   *
   * @return {@code true} for a degenerate scale
   */
  default boolean degenerate() {
    return false;
  }

  /**
   * {@code ln(1 + x)}.
   *
   * @since 0.1
   */
  record Log1p() implements FittedTransform {
    @Override
    public double apply(double x) {
      return x > -1 ? Math.log1p(x) : Double.NaN;
    }
  }

  /**
   * {@code (x - mean) / std}, or 0 when {@code std == 0}.
   *
   * @param mean training mean
   * @param std training population standard deviation, {@code >= 0}
   * @since 0.1
   */
  record ZScore(double mean, double std) implements FittedTransform {
    /**
     * Validates the parameters.
     *
     * @param mean training mean, finite
     * @param std training population standard deviation, finite and {@code >= 0}
     * @throws IllegalArgumentException for non-finite or negative values
     */
    public ZScore {
      Checks.finite("mean", mean);
      Checks.nonNegative("std", std);
    }

    @Override
    public double apply(double x) {
      return std == 0 ? 0.0 : (x - mean) / std;
    }

    @Override
    public boolean degenerate() {
      return std == 0;
    }
  }

  /**
   * {@code (x - min) / (max - min)}, or 0 when {@code max == min}.
   *
   * @param min training minimum
   * @param max training maximum, {@code >= min}
   * @since 0.1
   */
  record MinMax(double min, double max) implements FittedTransform {
    /**
     * Validates the parameters.
     *
     * @param min training minimum, finite
     * @param max training maximum, finite and {@code >= min}
     * @throws IllegalArgumentException for non-finite values or {@code max < min}
     */
    public MinMax {
      Checks.finite("min", min);
      Checks.finite("max", max);
      if (max < min) {
        throw new IllegalArgumentException("MinMax needs max >= min, was " + min + " > " + max + ".");
      }
    }

    @Override
    public double apply(double x) {
      return max == min ? 0.0 : (x - min) / (max - min);
    }

    @Override
    public boolean degenerate() {
      return max == min;
    }
  }

  /**
   * {@code (x - median) / iqr}, or 0 when {@code iqr == 0}.
   *
   * @param median training median
   * @param iqr training interquartile range, {@code >= 0}
   * @since 0.1
   */
  record Robust(double median, double iqr) implements FittedTransform {
    /**
     * Validates the parameters.
     *
     * @param median training median, finite
     * @param iqr training interquartile range, finite and {@code >= 0}
     * @throws IllegalArgumentException for non-finite or negative values
     */
    public Robust {
      Checks.finite("median", median);
      Checks.nonNegative("iqr", iqr);
    }

    @Override
    public double apply(double x) {
      return iqr == 0 ? 0.0 : (x - median) / iqr;
    }

    @Override
    public boolean degenerate() {
      return iqr == 0;
    }
  }

  /**
   * Clamps to {@code [lowerValue, upperValue]}, the training quantiles at {@code lower} and
   * {@code upper}.
   *
   * @param lower lower probability
   * @param upper upper probability
   * @param method quantile definition used
   * @param lowerValue learned lower bound
   * @param upperValue learned upper bound, {@code >= lowerValue}
   * @since 0.1
   */
  record Winsorize(
      double lower, double upper, QuantileMethod method, double lowerValue, double upperValue)
      implements FittedTransform {
    /**
     * Validates the parameters.
     *
     * @param lower lower probability
     * @param upper upper probability
     * @param method quantile definition used
     * @param lowerValue learned lower bound, finite
     * @param upperValue learned upper bound, finite and {@code >= lowerValue}
     * @throws IllegalArgumentException for non-finite bounds or {@code upperValue < lowerValue}
     */
    public Winsorize {
      Objects.requireNonNull(method, "method");
      new Transform.Winsorize(lower, upper, method);
      Checks.finite("lowerValue", lowerValue);
      Checks.finite("upperValue", upperValue);
      if (upperValue < lowerValue) {
        throw new IllegalArgumentException(
            "Winsorize needs upperValue >= lowerValue, was " + lowerValue + " > " + upperValue + ".");
      }
    }

    @Override
    public double apply(double x) {
      return Math.min(upperValue, Math.max(lowerValue, x));
    }
  }

  /**
   * Clamps to {@code [min, max]}.
   *
   * @param min lower bound
   * @param max upper bound
   * @since 0.1
   */
  record Clip(double min, double max) implements FittedTransform {
    /**
     * Validates the bounds.
     *
     * @param min lower bound
     * @param max upper bound, {@code > min}
     * @throws IllegalArgumentException unless {@code min < max}
     */
    public Clip {
      new Transform.Clip(min, max);
    }

    @Override
    public double apply(double x) {
      return Math.min(max, Math.max(min, x));
    }
  }
}
