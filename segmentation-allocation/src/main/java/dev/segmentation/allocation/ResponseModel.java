package dev.segmentation.allocation;

import java.util.Objects;

/**
 * The built-in value model of coverage options:
 * {@code value(i, o) = revenue_i * retention(o) + whitespace_i * conversion * e(effort(o))} with
 * {@code whitespace_i = max(0, potential_i - revenue_i)} and the ADBUDG-style response
 * {@code e(x) = x^g / (d^g + x^g)} (Little 1970): {@code e(0) = 0}, {@code e(d) = 1/2}, {@code e -> 1}
 * as effort grows; {@code g <= 1} gives a concave response, {@code g > 1} an S-shaped one.
 *
 * @param revenueColumn numeric column of current revenue per year
 * @param potentialColumn numeric column of potential revenue per year
 * @param conversion share of the whitespace won at full response, in {@code [0, 1]}
 * @param halfSaturation effort {@code d} at which the response is one half, {@code > 0}
 * @param shape exponent {@code g}, {@code > 0}
 * @since 0.1
 */
public record ResponseModel(
    String revenueColumn, String potentialColumn, double conversion, double halfSaturation,
    double shape) {

  /**
   * Validates.
   *
   * @param revenueColumn revenue column
   * @param potentialColumn potential column
   * @param conversion conversion share
   * @param halfSaturation half-saturation effort
   * @param shape exponent
   * @throws IllegalArgumentException for out-of-range parameters
   */
  public ResponseModel {
    Objects.requireNonNull(revenueColumn, "revenueColumn");
    Objects.requireNonNull(potentialColumn, "potentialColumn");
    if (!(conversion >= 0 && conversion <= 1) || !(halfSaturation > 0 && Double.isFinite(halfSaturation))
        || !(shape > 0 && Double.isFinite(shape))) {
      throw new IllegalArgumentException("ResponseModel needs conversion in [0, 1], halfSaturation > 0 "
          + "and shape > 0, was " + conversion + ", " + halfSaturation + ", " + shape + ".");
    }
  }

  /**
   * The response {@code e(x) = x^g / (d^g + x^g)}.
   *
   * @param effort effort {@code x >= 0}
   * @return the response in {@code [0, 1)}
   */
  public double response(double effort) {
    if (effort <= 0) {
      return 0;
    }
    double xg = Math.pow(effort, shape);
    return xg / (Math.pow(halfSaturation, shape) + xg);
  }

  /**
   * The value of an option for an account.
   *
   * @param revenue current revenue, finite
   * @param potential potential revenue, finite
   * @param retention the option's retention
   * @param effort the option's effort
   * @return the value
   */
  public double value(double revenue, double potential, double retention, double effort) {
    return revenue * retention + Math.max(0, potential - revenue) * conversion * response(effort);
  }
}
