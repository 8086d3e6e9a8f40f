package dev.segmentation.core.criteria;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.internal.FeatureTransform;
import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Criteria together with the statistics learned from a training table: imputed values, fitted
 * transforms and category levels. {@link #transform(AccountTable)} turns any table with the needed
 * columns into the dense feature matrix that models use, transforming new accounts exactly as the
 * training accounts were.
 *
 * <pre>{@code
 * FittedCriteria fitted = criteria.fit(training);
 * FeatureMatrix x = fitted.transform(newAccounts);
 * String json = ModelJson.write(fitted);                     // saved with its statistics
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class FittedCriteria {

  private final Criteria criteria;
  private final List<FittedCriterion> fitted;
  private final List<String> warnings;
  private final int trainingRows;
  private final List<String> featureNames;

  private FittedCriteria(
      Criteria criteria, List<FittedCriterion> fitted, List<String> warnings, int trainingRows) {
    this.criteria = criteria;
    this.fitted = List.copyOf(fitted);
    this.warnings = List.copyOf(warnings);
    this.trainingRows = trainingRows;
    List<String> names = new ArrayList<>();
    for (FittedCriterion f : this.fitted) {
      if (f.criterion().kind() == CriterionKind.NUMERIC) {
        names.add(f.criterion().name());
      } else {
        for (String level : f.levels()) {
          names.add(f.criterion().name() + "=" + level);
        }
      }
    }
    this.featureNames = List.copyOf(names);
  }

  /**
   * Assembles fitted criteria from their parts (as fitting or reading JSON does).
   *
   * @param criteria the definition
   * @param fitted one fitted criterion per definition criterion, in the same order
   * @param warnings notes from fitting, for example constant columns
   * @param trainingRows the number of accounts the statistics were learned from, {@code >= 1}
   * @return the fitted criteria
   * @throws IllegalArgumentException when the parts do not match the definition
   */
  public static FittedCriteria of(
      Criteria criteria, List<FittedCriterion> fitted, List<String> warnings, int trainingRows) {
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(fitted, "fitted");
    Objects.requireNonNull(warnings, "warnings");
    if (fitted.size() != criteria.criteria().size()) {
      throw new IllegalArgumentException(fitted.size() + " fitted criteria for "
          + criteria.criteria().size() + " criteria.");
    }
    for (int j = 0; j < fitted.size(); j++) {
      if (!fitted.get(j).criterion().equals(criteria.criteria().get(j))) {
        throw new IllegalArgumentException("Fitted criterion " + j + " ('"
            + fitted.get(j).criterion().name() + "') does not match criterion '"
            + criteria.criteria().get(j).name() + "'.");
      }
    }
    if (trainingRows < 1) {
      throw new IllegalArgumentException("trainingRows must be >= 1, was " + trainingRows + ".");
    }
    return new FittedCriteria(criteria, fitted, warnings, trainingRows);
  }

  /**
   * Returns the definition.
   *
   * @return the criteria
   */
  public Criteria criteria() {
    return criteria;
  }

  /**
   * Returns the fitted criteria in definition order.
   *
   * @return an unmodifiable list
   */
  public List<FittedCriterion> fitted() {
    return fitted;
  }

  /**
   * Returns one fitted criterion by name.
   *
   * @param name a criterion name
   * @return the fitted criterion
   * @throws IllegalArgumentException when there is no such criterion; the message lists the names
   */
  public FittedCriterion fitted(String name) {
    for (FittedCriterion f : fitted) {
      if (f.criterion().name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "Unknown criterion '" + name + "'; criteria are: " + String.join(", ", criteria.names()) + ".");
  }

  /**
   * Returns notes from fitting, for example a constant column turned into zeros.
   *
   * @return an unmodifiable list of messages, empty when there were none
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Returns the number of accounts the statistics were learned from (accounts left out under
   * {@link MissingPolicy#MARK_UNASSIGNED} are not counted).
   *
   * @return the number of training accounts
   */
  public int trainingRows() {
    return trainingRows;
  }

  /**
   * Returns the feature column names: the criterion name for numeric criteria, {@code name=level} for
   * each level of a categorical criterion.
   *
   * @return an unmodifiable list of {@link #dimension()} names
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Returns the number of feature columns.
   *
   * @return the dimension {@code d} of the feature matrix
   */
  public int dimension() {
    return featureNames.size();
  }

  /**
   * Transforms a table into the feature matrix. Missing values are imputed with the training
   * statistics; accounts that cannot get features (missing value or unseen category under a
   * {@code MARK_UNASSIGNED} policy) get a row of {@code NaN} and a {@link RowIssue}. As in fitting, the
   * other values of an account with a missing value under {@link MissingPolicy#MARK_UNASSIGNED} are not
   * transformed, so they raise no unseen-category or transform-domain error.
   *
   * @param table accounts with the columns the criteria read
   * @return the {@code n x d} feature matrix
   * @throws DataValidationException when a column is unknown or of the wrong type, a value is infinite,
   *     missing under {@link MissingPolicy#REJECT}, an unseen category under
   *     {@link UnseenCategoryPolicy#ERROR}, or outside a transform's domain; the message names the
   *     criterion and account
   */
  public FeatureMatrix transform(AccountTable table) {
    Objects.requireNonNull(table, "table");
    FeatureTransform.Result r = FeatureTransform.run(this, table);
    return new FeatureMatrix(table.ids(), featureNames, r.data(), r.rows(), r.columns(), r.issues());
  }

  /**
   * Compares definition, fitted statistics, warnings and training row count.
   *
   * @param o the other object
   * @return {@code true} when equal (a JSON round trip gives an equal object)
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FittedCriteria other
        && criteria.equals(other.criteria)
        && fitted.equals(other.fitted)
        && warnings.equals(other.warnings)
        && trainingRows == other.trainingRows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(criteria, fitted, warnings, trainingRows);
  }

  /**
   * Prints one line per criterion with what was learned, as an aligned table.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    TextTable t = new TextTable(
        List.of("criterion", "kind", "weight", "missing", "learned"),
        new boolean[] {false, false, true, false, false});
    for (FittedCriterion f : fitted) {
      Criterion c = f.criterion();
      String learned;
      if (c.kind() == CriterionKind.NUMERIC) {
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(f.imputeValue())) {
          parts.add(String.format(Locale.ROOT, "impute %.4g", f.imputeValue()));
        }
        for (FittedTransform ft : f.transforms()) {
          parts.add(describe(ft));
        }
        learned = parts.isEmpty() ? "-" : String.join("; ", parts);
      } else {
        learned = f.levels().size() + " levels: " + String.join(", ", f.levels());
      }
      t.addRow(c.name(), c.kind().toString().toLowerCase(Locale.ROOT),
          String.format(Locale.ROOT, "%.2f", c.weight()), c.missingPolicy().toString(), learned);
    }
    return "FittedCriteria: " + fitted.size() + " criteria, " + dimension() + " features, "
        + trainingRows + " training accounts\n" + t.render()
        + (warnings.isEmpty() ? "" : "warnings:\n  " + String.join("\n  ", warnings) + "\n");
  }

  private static String describe(FittedTransform ft) {
    if (ft instanceof FittedTransform.ZScore z) {
      return String.format(Locale.ROOT, "z(mean %.4g, std %.4g)", z.mean(), z.std());
    } else if (ft instanceof FittedTransform.MinMax m) {
      return String.format(Locale.ROOT, "minMax(%.4g, %.4g)", m.min(), m.max());
    } else if (ft instanceof FittedTransform.Robust r) {
      return String.format(Locale.ROOT, "robust(median %.4g, iqr %.4g)", r.median(), r.iqr());
    } else if (ft instanceof FittedTransform.Winsorize w) {
      return String.format(Locale.ROOT, "winsorize[%.4g, %.4g]", w.lowerValue(), w.upperValue());
    } else if (ft instanceof FittedTransform.Clip c) {
      return String.format(Locale.ROOT, "clip[%.4g, %.4g]", c.min(), c.max());
    }
    return "log1p";
  }
}
