package dev.segmentation.core.criteria;

import dev.segmentation.core.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One criterion of a {@code Criteria} definition: where its value comes from, how it is transformed,
 * its weight and its missing-value policy. Built with {@code Criteria.builder()}.
 *
 * <p>The weight {@code w} scales the final feature by {@code sqrt(w)}, so that the criterion's
 * contribution to the squared Euclidean distance between accounts (and to k-means inertia) is multiplied
 * by {@code w}: {@code weight(2.0)} makes a criterion count double.
 *
 * <p>Instances are immutable and safe to share between threads (a {@link Source.Custom} function must
 * itself be thread-safe).
 *
 * @param name the criterion name, unique within its criteria; also the feature name (numeric) or the
 *     prefix of the feature names {@code name=level} (categorical)
 * @param kind numeric or categorical
 * @param source where the raw value comes from
 * @param transforms numeric transform steps in application order (empty for categorical)
 * @param weight the weight, finite and {@code > 0}
 * @param missingPolicy what to do with a missing value
 * @param missingConstant the imputed value under {@link MissingPolicy#CONSTANT} (numeric); 0 otherwise
 * @param unseenCategory what to do with a level not seen in training (categorical)
 * @since 0.1
 */
public record Criterion(
    String name,
    CriterionKind kind,
    Source source,
    List<Transform> transforms,
    double weight,
    MissingPolicy missingPolicy,
    double missingConstant,
    UnseenCategoryPolicy unseenCategory) {

  /**
   * Validates and copies.
   *
   * @param name the criterion name
   * @param kind numeric or categorical
   * @param source where the raw value comes from
   * @param transforms numeric transform steps
   * @param weight the weight
   * @param missingPolicy what to do with a missing value
   * @param missingConstant the constant for {@link MissingPolicy#CONSTANT}
   * @param unseenCategory what to do with an unseen level
   * @throws IllegalArgumentException for a blank name, a non-positive or non-finite weight, a
   *     non-finite constant, transforms on a categorical criterion, or a derived categorical source
   */
  public Criterion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    transforms = List.copyOf(transforms);
    Objects.requireNonNull(missingPolicy, "missingPolicy");
    Objects.requireNonNull(unseenCategory, "unseenCategory");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Criterion name must be non-blank.");
    }
    if (!(Double.isFinite(weight) && weight > 0)) {
      throw new IllegalArgumentException(
          "Criterion '" + name + "': weight must be finite and > 0, was " + weight + ".");
    }
    if (!Double.isFinite(missingConstant)) {
      throw new IllegalArgumentException(
          "Criterion '" + name + "': the missing-value constant must be finite, was "
              + missingConstant + ".");
    }
    if (kind == CriterionKind.CATEGORICAL) {
      if (!transforms.isEmpty()) {
        throw new IllegalArgumentException(
            "Criterion '" + name + "' is categorical; numeric transforms " + transforms
                + " do not apply.");
      }
      if (!(source instanceof Source.ColumnValue)) {
        throw new IllegalArgumentException(
            "Criterion '" + name + "' is categorical; its source must be a column, was " + source + ".");
      }
    }
  }

  /**
   * Returns the number of feature columns this criterion produces once fitted: 1 for numeric, the
   * number of training levels for categorical (unknown before fitting, so -1).
   *
   * @return 1 for numeric criteria, -1 for categorical ones
   */
  public int fixedDimension() {
    return kind == CriterionKind.NUMERIC ? 1 : -1;
  }

  /**
   * Describes the criterion in one line, for example
   * {@code potential: column potential | log1p, standardize | weight 2.0 | missing MEDIAN}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add(name + ": " + source);
    if (kind == CriterionKind.CATEGORICAL) {
      parts.add("categorical one-hot, unseen " + unseenCategory);
    } else if (!transforms.isEmpty()) {
      List<String> t = new ArrayList<>();
      for (Transform x : transforms) {
        t.add(x.toString());
      }
      parts.add(String.join(", ", t));
    }
    parts.add("weight " + weight);
    parts.add("missing " + missingPolicy
        + (missingPolicy == MissingPolicy.CONSTANT && kind == CriterionKind.NUMERIC
            ? "(" + String.format(Locale.ROOT, "%s", missingConstant) + ")" : ""));
    return String.join(" | ", parts);
  }

  /**
   * Where the raw value of a criterion comes from.
   *
   * @since 0.1
   */
  public sealed interface Source
      permits Source.ColumnValue, Source.Ratio, Source.Difference, Source.Custom {

    /**
     * Returns the table columns this source reads.
     *
     * @return the column names, in a fixed order
     */
    List<String> columns();

    /**
     * The value of a table column (numeric; or categorical for a categorical criterion, where a numeric
     * column's values are used as labels in their {@code Column.format} form, for example region codes
     * {@code "1"}, {@code "2"}).
     *
     * @param column the column name
     * @since 0.1
     */
    record ColumnValue(String column) implements Source {
      /**
       * Validates.
       *
       * @param column the column name, non-blank
       */
      public ColumnValue {
        requireColumn(column, "column");
      }

      @Override
      public List<String> columns() {
        return List.of(column);
      }

      @Override
      public String toString() {
        return "column " + column;
      }
    }

    /**
     * {@code numerator / denominator}; a zero denominator gives a missing value.
     *
     * @param numerator numeric column name
     * @param denominator numeric column name
     * @since 0.1
     */
    record Ratio(String numerator, String denominator) implements Source {
      /**
       * Validates.
       *
       * @param numerator numeric column name, non-blank
       * @param denominator numeric column name, non-blank
       */
      public Ratio {
        requireColumn(numerator, "numerator");
        requireColumn(denominator, "denominator");
      }

      @Override
      public List<String> columns() {
        return List.of(numerator, denominator);
      }

      @Override
      public String toString() {
        return numerator + " / " + denominator;
      }
    }

    /**
     * {@code minuend - subtrahend}, for example whitespace = potential - turnover.
     *
     * @param minuend numeric column name
     * @param subtrahend numeric column name
     * @since 0.1
     */
    record Difference(String minuend, String subtrahend) implements Source {
      /**
       * Validates.
       *
       * @param minuend numeric column name, non-blank
       * @param subtrahend numeric column name, non-blank
       */
      public Difference {
        requireColumn(minuend, "minuend");
        requireColumn(subtrahend, "subtrahend");
      }

      @Override
      public List<String> columns() {
        return List.of(minuend, subtrahend);
      }

      @Override
      public String toString() {
        return minuend + " - " + subtrahend;
      }
    }

    /**
     * A value computed by user code from a row. It has no JSON form: writing criteria that contain one
     * fails with {@code ModelFormatException}. The function must be pure and thread-safe; a {@code NaN}
     * result is a missing value.
     *
     * @param description a human-readable description
     * @param function computes the value of a row
     * @since 0.1
     */
    record Custom(String description, ToDoubleFunction<Row> function) implements Source {
      /**
       * Validates.
       *
       * @param description a human-readable description
       * @param function computes the value of a row
       */
      public Custom {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(function, "function");
      }

      @Override
      public List<String> columns() {
        return List.of();
      }

      @Override
      public String toString() {
        return "custom(" + description + ")";
      }
    }
  }

  private static void requireColumn(String column, String what) {
    Objects.requireNonNull(column, what);
    if (column.isBlank()) {
      throw new IllegalArgumentException("The " + what + " column name must be non-blank.");
    }
  }
}
