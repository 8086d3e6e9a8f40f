package dev.segmentation.core.criteria;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One criterion with what fitting learned: the imputed value and fitted transforms of a numeric
 * criterion, or the training levels and imputed level of a categorical one.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param criterion the definition
 * @param imputeValue the raw value imputed for a missing numeric value ({@code NaN} when the policy does
 *     not impute, and for categorical criteria)
 * @param transforms the fitted steps, one per {@link Criterion#transforms()} step (empty for
 *     categorical criteria)
 * @param levels the training levels of a categorical criterion, sorted and distinct (empty for numeric)
 * @param imputeLevel index into {@code levels} imputed for a missing category, or -1 for none
 * @since 0.1
 */
public record FittedCriterion(
    Criterion criterion,
    double imputeValue,
    List<FittedTransform> transforms,
    List<String> levels,
    int imputeLevel) {

  /**
   * Validates and copies.
   *
   * @param criterion the definition
   * @param imputeValue imputed raw value or {@code NaN}
   * @param transforms the fitted steps
   * @param levels the sorted training levels
   * @param imputeLevel the imputed level index or -1
   * @throws IllegalArgumentException when the parts do not match the definition (step count, sorted
   *     distinct levels, imputation consistent with the policy)
   */
  public FittedCriterion {
    Objects.requireNonNull(criterion, "criterion");
    transforms = List.copyOf(transforms);
    levels = List.copyOf(levels);
    String name = criterion.name();
    if (criterion.kind() == CriterionKind.NUMERIC) {
      if (transforms.size() != criterion.transforms().size()) {
        throw new IllegalArgumentException("Criterion '" + name + "': " + transforms.size()
            + " fitted transforms for " + criterion.transforms().size() + " steps.");
      }
      if (!levels.isEmpty() || imputeLevel != -1) {
        throw new IllegalArgumentException(
            "Criterion '" + name + "' is numeric; it has no levels.");
      }
      boolean imputes = criterion.missingPolicy() == MissingPolicy.MEDIAN
          || criterion.missingPolicy() == MissingPolicy.MEAN
          || criterion.missingPolicy() == MissingPolicy.CONSTANT;
      if (imputes != Double.isFinite(imputeValue) || Double.isInfinite(imputeValue)) {
        throw new IllegalArgumentException("Criterion '" + name + "': imputeValue " + imputeValue
            + " does not match policy " + criterion.missingPolicy() + ".");
      }
    } else {
      if (!transforms.isEmpty() || !Double.isNaN(imputeValue)) {
        throw new IllegalArgumentException(
            "Criterion '" + name + "' is categorical; it has no transforms or imputed value.");
      }
      if (levels.isEmpty()) {
        throw new IllegalArgumentException("Criterion '" + name + "' needs at least one level.");
      }
      HashSet<String> seen = new HashSet<>();
      for (int i = 0; i < levels.size(); i++) {
        String l = Objects.requireNonNull(levels.get(i), "level");
        if (l.isEmpty() || !seen.add(l) || (i > 0 && levels.get(i - 1).compareTo(l) >= 0)) {
          throw new IllegalArgumentException("Criterion '" + name
              + "': levels must be non-empty, distinct and sorted, was " + levels + ".");
        }
      }
      if (imputeLevel < -1 || imputeLevel >= levels.size()) {
        throw new IllegalArgumentException("Criterion '" + name + "': imputeLevel " + imputeLevel
            + " is not -1 or an index into " + levels.size() + " levels.");
      }
    }
  }

  /**
   * Creates a fitted numeric criterion.
   *
   * @param criterion a numeric criterion
   * @param imputeValue imputed raw value, or {@code NaN} when the policy does not impute
   * @param transforms one fitted step per definition step
   * @return the fitted criterion
   */
  public static FittedCriterion numeric(
      Criterion criterion, double imputeValue, List<FittedTransform> transforms) {
    return new FittedCriterion(criterion, imputeValue, transforms, List.of(), -1);
  }

  /**
   * Creates a fitted categorical criterion.
   *
   * @param criterion a categorical criterion
   * @param levels sorted, distinct training levels
   * @param imputeLevel index of the level imputed for a missing value, or -1
   * @return the fitted criterion
   */
  public static FittedCriterion categorical(
      Criterion criterion, List<String> levels, int imputeLevel) {
    return new FittedCriterion(criterion, Double.NaN, List.of(), levels, imputeLevel);
  }

  /**
   * Returns the number of feature columns: 1 for numeric, the number of levels for categorical.
   *
   * @return the dimension
   */
  public int dimension() {
    return criterion.kind() == CriterionKind.NUMERIC ? 1 : levels.size();
  }

  /**
   * Applies imputation-free numeric steps and the weight to a raw, present value.
   *
   * @param raw a finite raw value
   * @return the feature value, {@code NaN} when a step is undefined for the value
   */
  public double applyNumeric(double raw) {
    double v = raw;
    for (FittedTransform t : transforms) {
      v = t.apply(v);
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
    }
    return v * Math.sqrt(criterion.weight());
  }

  /**
   * Compares all parts; {@code NaN} impute values are equal to each other.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FittedCriterion other
        && criterion.equals(other.criterion)
        && Double.compare(imputeValue, other.imputeValue) == 0
        && transforms.equals(other.transforms)
        && levels.equals(other.levels)
        && imputeLevel == other.imputeLevel;
  }

  @Override
  public int hashCode() {
    return Objects.hash(criterion, Double.hashCode(imputeValue), transforms, levels, imputeLevel);
  }
}
