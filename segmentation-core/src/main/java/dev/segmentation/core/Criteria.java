package dev.segmentation.core;

import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.FittedTransform;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.criteria.Transform;
import dev.segmentation.core.criteria.UnseenCategoryPolicy;
import dev.segmentation.core.internal.CriterionValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.Mean;

/**
 * What to segment by: an ordered list of numeric and categorical criteria, each with its transforms,
 * weight and missing-value policy. Fitting criteria on a table ({@link #fit(AccountTable)}) learns the
 * statistics (means, standard deviations, quantiles, imputed values, category levels) so that new
 * accounts are transformed exactly as the training accounts were.
 *
 * <pre>{@code
 * Criteria criteria = Criteria.builder()
 *     .numeric("turnover").log1p().standardize()
 *     .numeric("potential").log1p().standardize().weight(2.0)
 *     .ratio("share_of_wallet", "turnover", "potential")   // derived
 *     .categorical("industry")
 *     .missing(MissingPolicy.MEDIAN)
 *     .build();
 * FittedCriteria fitted = criteria.fit(accounts);
 * FeatureMatrix x = fitted.transform(accounts);            // n x d, row-major
 * }</pre>
 *
 * <p><b>Definitions.</b> For each criterion the raw value (a column, a ratio, a difference or a custom
 * function) is imputed if missing, then passed through the transforms in the order given, then
 * multiplied by {@code sqrt(weight)}. Missing values are imputed with statistics of the raw training
 * values; each transform is fitted on the output of the previous one over the training accounts that
 * get a feature row. Z-scores use the population standard deviation; quantiles use
 * {@link QuantileMethod#TYPE_7} unless another method is given. Categorical criteria are one-hot
 * encoded over the training levels in sorted order ({@link String#compareTo}).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class Criteria {

  private final List<Criterion> criteria;
  private final MissingPolicy defaultMissingPolicy;

  private Criteria(List<Criterion> criteria, MissingPolicy defaultMissingPolicy) {
    this.criteria = List.copyOf(criteria);
    this.defaultMissingPolicy = defaultMissingPolicy;
  }

  /**
   * Creates criteria from already built criterion values (as read from JSON).
   *
   * @param criteria the criteria, at least one, with distinct names
   * @param defaultMissingPolicy the policy given to criteria that did not set their own
   * @return the criteria
   * @throws IllegalArgumentException when the list is empty or names repeat
   */
  public static Criteria of(List<Criterion> criteria, MissingPolicy defaultMissingPolicy) {
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(defaultMissingPolicy, "defaultMissingPolicy");
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException("Criteria need at least one criterion.");
    }
    Set<String> names = new HashSet<>();
    for (Criterion c : criteria) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException(
            "Criterion '" + c.name() + "' is defined twice; criterion names must be unique.");
      }
    }
    return new Criteria(criteria, defaultMissingPolicy);
  }

  /**
   * Starts a fluent definition.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the criteria in definition order.
   *
   * @return an unmodifiable list
   */
  public List<Criterion> criteria() {
    return criteria;
  }

  /**
   * Returns the default missing-value policy (given by {@link Builder#missing(MissingPolicy)}), which
   * criteria without their own policy received.
   *
   * @return the default policy
   */
  public MissingPolicy defaultMissingPolicy() {
    return defaultMissingPolicy;
  }

  /**
   * Returns the names of the criteria in definition order.
   *
   * @return an unmodifiable list of names
   */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (Criterion c : criteria) {
      out.add(c.name());
    }
    return List.copyOf(out);
  }

  /**
   * Learns the statistics of every criterion from a table.
   *
   * <p>Accounts with a missing value under {@link MissingPolicy#MARK_UNASSIGNED} (for any criterion) are
   * left out of every statistic, so the fitted features of the remaining accounts have exactly the
   * documented properties (for example mean 0 and standard deviation 1 after {@code standardize()}).
   *
   * @param table the training accounts
   * @return the fitted criteria
   * @throws DataValidationException when the table is empty, a column is unknown or has the wrong type,
   *     a value is infinite or missing under {@link MissingPolicy#REJECT}, a criterion has no usable
   *     value, or a transform is undefined for a value (log1p of a value {@code <= -1}); the message names
   *     the criterion and, where it applies, the account id
   */
  public FittedCriteria fit(AccountTable table) {
    Objects.requireNonNull(table, "table");
    int n = table.rowCount();
    if (n == 0) {
      throw new DataValidationException("Cannot fit criteria on an empty table (0 accounts).");
    }
    for (Criterion c : criteria) {
      CriterionValues.checkColumns(table, c);
    }
    int k = criteria.size();
    double[][] raw = new double[k][];
    CriterionValues.Labels[] labels = new CriterionValues.Labels[k];
    boolean[] excluded = new boolean[n];
    for (int j = 0; j < k; j++) {
      Criterion c = criteria.get(j);
      MissingPolicy policy = c.missingPolicy();
      if (c.kind() == CriterionKind.NUMERIC) {
        double[] values = CriterionValues.numeric(table, c);
        raw[j] = values;
        for (int i = 0; i < n; i++) {
          if (Double.isNaN(values[i])) {
            markMissing(table, c, policy, i, excluded);
          }
        }
      } else {
        labels[j] = CriterionValues.categoryLabels(table, c);
        int[] codes = labels[j].codes();
        for (int i = 0; i < n; i++) {
          if (codes[i] == CriterionValues.MISSING) {
            markMissing(table, c, policy, i, excluded);
          }
        }
      }
    }
    int kept = 0;
    for (boolean e : excluded) {
      if (!e) {
        kept++;
      }
    }
    if (kept == 0) {
      throw new DataValidationException(
          "Cannot fit criteria: all " + n + " accounts have a missing value under MARK_UNASSIGNED.");
    }
    List<FittedCriterion> fitted = new ArrayList<>(k);
    List<String> warnings = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      Criterion c = criteria.get(j);
      if (c.kind() == CriterionKind.NUMERIC) {
        fitted.add(fitNumeric(table, c, raw[j], excluded, kept, warnings));
      } else {
        fitted.add(fitCategorical(c, labels[j], excluded, warnings));
      }
    }
    return FittedCriteria.of(this, fitted, warnings, kept);
  }

  /** A missing value of criterion {@code c} in row {@code i}: rejected, excluded or imputed later. */
  private static void markMissing(
      AccountTable table, Criterion c, MissingPolicy policy, int i, boolean[] excluded) {
    if (policy == MissingPolicy.REJECT) {
      throw missingValue(table, c, i);
    }
    if (policy == MissingPolicy.MARK_UNASSIGNED) {
      excluded[i] = true;
    }
  }

  private static DataValidationException missingValue(AccountTable table, Criterion c, int row) {
    return new DataValidationException(
        "Criterion '" + c.name() + "', account \"" + table.id(row) + "\" (row " + row
            + "): the value is missing and the policy is REJECT.\n"
            + "Choose MEDIAN, MEAN, CONSTANT or MARK_UNASSIGNED to accept missing values.",
        table.id(row), c.name(), -1, null);
  }

  private static FittedCriterion fitNumeric(
      AccountTable table, Criterion c, double[] raw, boolean[] excluded, int kept,
      List<String> warnings) {
    int n = raw.length;
    // the non-missing raw values of the training rows, in row order (only what is needed is built)
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (!excluded[i] && !Double.isNaN(raw[i])) {
        m++;
      }
    }
    MissingPolicy policy = c.missingPolicy();
    double impute = Double.NaN;
    if ((policy == MissingPolicy.MEDIAN || policy == MissingPolicy.MEAN) && m > 0) {
      double[] values = m == n ? raw : new double[m];
      if (values != raw) {
        int v = 0;
        for (int i = 0; i < n; i++) {
          if (!excluded[i] && !Double.isNaN(raw[i])) {
            values[v++] = raw[i];
          }
        }
      }
      // QuantileMethod and Mean do not modify their input
      impute = policy == MissingPolicy.MEDIAN
          ? QuantileMethod.TYPE_7.quantile(values, 0.5) : Mean.of(values).getAsDouble();
    } else if (policy == MissingPolicy.CONSTANT) {
      impute = c.missingConstant();
    }
    if (m == 0 && policy != MissingPolicy.CONSTANT) {
      throw new DataValidationException(
          "Criterion '" + c.name() + "' has no non-missing value among the " + kept
              + " training accounts; cannot learn its statistics.",
          null, c.name(), -1, null);
    }
    if (c.transforms().isEmpty()) {
      return FittedCriterion.numeric(c, impute, List.of());
    }
    int[] rows = new int[kept];
    double[] cur = new double[kept];
    int r = 0;
    for (int i = 0; i < n; i++) {
      if (!excluded[i]) {
        rows[r] = i;
        double v = raw[i];
        cur[r++] = Double.isNaN(v) ? impute : v;
      }
    }
    List<FittedTransform> steps = new ArrayList<>();
    for (Transform tr : c.transforms()) {
      FittedTransform f = tr.fit(cur.clone());
      for (int t = 0; t < kept; t++) {
        double y = f.apply(cur[t]);
        if (Double.isNaN(y)) {
          throw transformUndefined(table, c, tr, rows[t], cur[t]);
        }
        cur[t] = y;
      }
      if (f.degenerate()) {
        warnings.add("Criterion '" + c.name() + "': " + tr + " found a constant value on the "
            + kept + " training accounts; the criterion is a column of zeros.");
      }
      steps.add(f);
    }
    return FittedCriterion.numeric(c, impute, steps);
  }

  static DataValidationException transformUndefined(
      AccountTable table, Criterion c, Transform tr, int row, double x) {
    return new DataValidationException(
        String.format(Locale.ROOT,
            "Criterion '%s', account \"%s\": %s is undefined for %s (expected a value > -1).",
            c.name(), table.id(row), tr, x),
        table.id(row), c.name(), -1, null);
  }

  private static FittedCriterion fitCategorical(
      Criterion c, CriterionValues.Labels labels, boolean[] excluded, List<String> warnings) {
    int[] codes = labels.codes();
    int[] counts = new int[labels.levels().size()];
    for (int i = 0; i < codes.length; i++) {
      if (!excluded[i] && codes[i] != CriterionValues.MISSING) {
        counts[codes[i]]++;
      }
    }
    TreeSet<String> seen = new TreeSet<>();
    for (int code = 0; code < counts.length; code++) {
      if (counts[code] > 0) {
        seen.add(labels.levels().get(code));
      }
    }
    if (seen.isEmpty()) {
      throw new DataValidationException(
          "Criterion '" + c.name() + "' has no category among the training accounts; cannot learn "
              + "its levels.",
          null, c.name(), -1, null);
    }
    List<String> levels = List.copyOf(seen);
    int imputeLevel = -1;
    if (c.missingPolicy() == MissingPolicy.MEDIAN || c.missingPolicy() == MissingPolicy.MEAN) {
      int best = -1;
      int bestCount = -1;
      for (int l = 0; l < levels.size(); l++) {
        int cnt = counts[labels.levels().indexOf(levels.get(l))];
        if (cnt > bestCount) {
          best = l;
          bestCount = cnt;
        }
      }
      imputeLevel = best;
    }
    if (levels.size() == 1) {
      warnings.add("Criterion '" + c.name() + "' has a single level \"" + levels.get(0)
          + "\" in training; its one-hot column is constant.");
    }
    return FittedCriterion.categorical(c, levels, imputeLevel);
  }

  /**
   * Compares the criteria list and default policy.
   *
   * @param o the other object
   * @return {@code true} for equal definitions
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Criteria other
        && criteria.equals(other.criteria)
        && defaultMissingPolicy == other.defaultMissingPolicy;
  }

  @Override
  public int hashCode() {
    return Objects.hash(criteria, defaultMissingPolicy);
  }

  /**
   * Lists the criteria, one per line.
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Criteria[" + criteria.size() + " criteria, default missing "
        + defaultMissingPolicy + "]\n");
    for (Criterion c : criteria) {
      sb.append("  ").append(c).append('\n');
    }
    return sb.toString();
  }

  /**
   * The calls available at any point of a criteria definition: start another criterion, set the
   * default missing-value policy, or build.
   *
   * @since 0.1
   */
  public interface Steps {

    /**
     * Adds a numeric criterion read from the column of the same name.
     *
     * @param column a numeric column
     * @return the step to add transforms, weight and policy
     * @throws IllegalStateException when a criterion of that name exists
     */
    NumericStep numeric(String column);

    /**
     * Adds a derived numeric criterion {@code numerator / denominator}; a zero denominator gives a
     * missing value.
     *
     * @param name the criterion name
     * @param numerator numeric column
     * @param denominator numeric column
     * @return the step to add transforms, weight and policy
     * @throws IllegalStateException when a criterion of that name exists
     */
    NumericStep ratio(String name, String numerator, String denominator);

    /**
     * Adds a derived numeric criterion {@code minuend - subtrahend}, for example whitespace =
     * potential - turnover.
     *
     * @param name the criterion name
     * @param minuend numeric column
     * @param subtrahend numeric column
     * @return the step to add transforms, weight and policy
     * @throws IllegalStateException when a criterion of that name exists
     */
    NumericStep difference(String name, String minuend, String subtrahend);

    /**
     * Adds a numeric criterion computed by user code; {@code NaN} is a missing value. Such criteria
     * cannot be written to JSON.
     *
     * @param name the criterion name
     * @param description a human-readable description of the function
     * @param function computes the value of a row; must be pure and thread-safe
     * @return the step to add transforms, weight and policy
     * @throws IllegalStateException when a criterion of that name exists
     */
    NumericStep derived(String name, String description, ToDoubleFunction<Row> function);

    /**
     * Adds a categorical criterion read from the column of the same name (categorical, or numeric codes
     * used as labels), one-hot encoded over the training levels.
     *
     * @param column a categorical or numeric column
     * @return the step to set weight and policies
     * @throws IllegalStateException when a criterion of that name exists
     */
    CategoricalStep categorical(String column);

    /**
     * Sets the missing-value policy of every criterion that does not set its own (default
     * {@link MissingPolicy#REJECT}), wherever it is called in the chain.
     *
     * @param policy the policy; for {@link MissingPolicy#CONSTANT} use {@link #missingConstant(double)}
     * @return the builder
     */
    Steps missing(MissingPolicy policy);

    /**
     * Sets the default policy to {@link MissingPolicy#CONSTANT} with the given value.
     *
     * @param value the imputed value, finite
     * @return the builder
     */
    Steps missingConstant(double value);

    /**
     * Validates and builds the criteria.
     *
     * @return the immutable criteria
     * @throws IllegalStateException when no criterion was defined
     */
    Criteria build();
  }

  /**
   * Options of the numeric criterion just added.
   *
   * @since 0.1
   */
  public interface NumericStep extends Steps {

    /**
     * Appends {@code log1p(x) = ln(1 + x)}; values must be {@code > -1}.
     *
     * @return this step
     */
    NumericStep log1p();

    /**
     * Appends a z-score with the population standard deviation.
     *
     * @return this step
     */
    NumericStep standardize();

    /**
     * Appends min-max scaling to {@code [0, 1]} over the training values.
     *
     * @return this step
     */
    NumericStep minMax();

    /**
     * Appends robust scaling {@code (x - median) / IQR} with {@link QuantileMethod#TYPE_7}.
     *
     * @return this step
     */
    NumericStep robust();

    /**
     * Appends robust scaling {@code (x - median) / IQR} with the given quantile method.
     *
     * @param method the quantile definition
     * @return this step
     */
    NumericStep robust(QuantileMethod method);

    /**
     * Appends winsorizing at the {@code lower} and {@code upper} training quantiles
     * ({@link QuantileMethod#TYPE_7}).
     *
     * @param lower lower probability, for example 0.01
     * @param upper upper probability, for example 0.99
     * @return this step
     * @throws IllegalArgumentException unless {@code 0 <= lower < upper <= 1}
     */
    NumericStep winsorize(double lower, double upper);

    /**
     * Appends clipping to fixed bounds.
     *
     * @param min lower bound
     * @param max upper bound, {@code > min}
     * @return this step
     * @throws IllegalArgumentException unless {@code min < max}
     */
    NumericStep clip(double min, double max);

    /**
     * Sets the weight; the criterion's share of squared distance is multiplied by it.
     *
     * @param weight finite and {@code > 0}; default 1
     * @return this step
     * @throws IllegalArgumentException for a non-positive or non-finite weight
     */
    NumericStep weight(double weight);

    /**
     * Sets this criterion's own missing-value policy.
     *
     * @param policy the policy; for {@link MissingPolicy#CONSTANT} use {@link #ifMissingImpute(double)}
     * @return this step
     */
    NumericStep ifMissing(MissingPolicy policy);

    /**
     * Imputes a constant for a missing value of this criterion.
     *
     * @param value the imputed raw value, finite
     * @return this step
     */
    NumericStep ifMissingImpute(double value);
  }

  /**
   * Options of the categorical criterion just added.
   *
   * @since 0.1
   */
  public interface CategoricalStep extends Steps {

    /**
     * Chooses one-hot encoding (one 0/1 feature per training level); the default and, for now, the
     * only encoding.
     *
     * @return this step
     */
    CategoricalStep oneHot();

    /**
     * Sets the weight; every indicator column is scaled by {@code sqrt(weight)}.
     *
     * @param weight finite and {@code > 0}; default 1
     * @return this step
     * @throws IllegalArgumentException for a non-positive or non-finite weight
     */
    CategoricalStep weight(double weight);

    /**
     * Sets this criterion's own missing-value policy.
     *
     * @param policy the policy
     * @return this step
     */
    CategoricalStep ifMissing(MissingPolicy policy);

    /**
     * Sets what happens to a level not seen in training (default {@link UnseenCategoryPolicy#ERROR}).
     *
     * @param policy the policy
     * @return this step
     */
    CategoricalStep unseen(UnseenCategoryPolicy policy);
  }

  /**
   * The fluent builder of {@link Criteria}. Mutable and not thread-safe; {@link #build()} copies, so a
   * builder can be reused.
   *
   * @since 0.1
   */
  public static final class Builder implements Steps {

    private final List<Draft> drafts = new ArrayList<>();
    private MissingPolicy defaultPolicy = MissingPolicy.REJECT;
    private double defaultConstant;

    private Builder() {}

    private static final class Draft {
      final String name;
      final CriterionKind kind;
      final Criterion.Source source;
      final List<Transform> transforms = new ArrayList<>();
      double weight = 1.0;
      MissingPolicy policy;
      double constant;
      UnseenCategoryPolicy unseen = UnseenCategoryPolicy.ERROR;

      Draft(String name, CriterionKind kind, Criterion.Source source) {
        this.name = name;
        this.kind = kind;
        this.source = source;
      }
    }

    private Draft add(String name, CriterionKind kind, Criterion.Source source) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("Criterion name must be non-blank.");
      }
      for (Draft d : drafts) {
        if (d.name.equals(name)) {
          throw new IllegalStateException("Criterion '" + name + "' is defined twice.");
        }
      }
      Draft d = new Draft(name, kind, source);
      drafts.add(d);
      return d;
    }

    @Override
    public NumericStep numeric(String column) {
      return new Numeric(add(column, CriterionKind.NUMERIC, new Criterion.Source.ColumnValue(column)));
    }

    @Override
    public NumericStep ratio(String name, String numerator, String denominator) {
      return new Numeric(
          add(name, CriterionKind.NUMERIC, new Criterion.Source.Ratio(numerator, denominator)));
    }

    @Override
    public NumericStep difference(String name, String minuend, String subtrahend) {
      return new Numeric(
          add(name, CriterionKind.NUMERIC, new Criterion.Source.Difference(minuend, subtrahend)));
    }

    @Override
    public NumericStep derived(String name, String description, ToDoubleFunction<Row> function) {
      return new Numeric(
          add(name, CriterionKind.NUMERIC, new Criterion.Source.Custom(description, function)));
    }

    @Override
    public CategoricalStep categorical(String column) {
      return new Categorical(
          add(column, CriterionKind.CATEGORICAL, new Criterion.Source.ColumnValue(column)));
    }

    @Override
    public Builder missing(MissingPolicy policy) {
      this.defaultPolicy = Objects.requireNonNull(policy, "policy");
      this.defaultConstant = 0.0;
      return this;
    }

    @Override
    public Builder missingConstant(double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("missingConstant must be finite, was " + value + ".");
      }
      this.defaultPolicy = MissingPolicy.CONSTANT;
      this.defaultConstant = value;
      return this;
    }

    @Override
    public Criteria build() {
      if (drafts.isEmpty()) {
        throw new IllegalStateException("Criteria need at least one criterion; none was defined.");
      }
      List<Criterion> out = new ArrayList<>();
      for (Draft d : drafts) {
        MissingPolicy p = d.policy != null ? d.policy : defaultPolicy;
        double constant = d.policy != null ? d.constant : defaultConstant;
        out.add(new Criterion(d.name, d.kind, d.source, d.transforms, d.weight, p,
            p == MissingPolicy.CONSTANT && d.kind == CriterionKind.NUMERIC ? constant : 0.0,
            d.unseen));
      }
      return Criteria.of(out, defaultPolicy);
    }

    private abstract class Delegate implements Steps {
      @Override
      public NumericStep numeric(String column) {
        return Builder.this.numeric(column);
      }

      @Override
      public NumericStep ratio(String name, String numerator, String denominator) {
        return Builder.this.ratio(name, numerator, denominator);
      }

      @Override
      public NumericStep difference(String name, String minuend, String subtrahend) {
        return Builder.this.difference(name, minuend, subtrahend);
      }

      @Override
      public NumericStep derived(String name, String description, ToDoubleFunction<Row> function) {
        return Builder.this.derived(name, description, function);
      }

      @Override
      public CategoricalStep categorical(String column) {
        return Builder.this.categorical(column);
      }

      @Override
      public Steps missing(MissingPolicy policy) {
        return Builder.this.missing(policy);
      }

      @Override
      public Steps missingConstant(double value) {
        return Builder.this.missingConstant(value);
      }

      @Override
      public Criteria build() {
        return Builder.this.build();
      }
    }

    private final class Numeric extends Delegate implements NumericStep {
      private final Draft d;

      Numeric(Draft d) {
        this.d = d;
      }

      @Override
      public NumericStep log1p() {
        d.transforms.add(new Transform.Log1p());
        return this;
      }

      @Override
      public NumericStep standardize() {
        d.transforms.add(new Transform.Standardize());
        return this;
      }

      @Override
      public NumericStep minMax() {
        d.transforms.add(new Transform.MinMax());
        return this;
      }

      @Override
      public NumericStep robust() {
        return robust(QuantileMethod.TYPE_7);
      }

      @Override
      public NumericStep robust(QuantileMethod method) {
        d.transforms.add(new Transform.Robust(method));
        return this;
      }

      @Override
      public NumericStep winsorize(double lower, double upper) {
        d.transforms.add(new Transform.Winsorize(lower, upper, QuantileMethod.TYPE_7));
        return this;
      }

      @Override
      public NumericStep clip(double min, double max) {
        d.transforms.add(new Transform.Clip(min, max));
        return this;
      }

      @Override
      public NumericStep weight(double weight) {
        checkWeight(d.name, weight);
        d.weight = weight;
        return this;
      }

      @Override
      public NumericStep ifMissing(MissingPolicy policy) {
        d.policy = Objects.requireNonNull(policy, "policy");
        d.constant = 0.0;
        return this;
      }

      @Override
      public NumericStep ifMissingImpute(double value) {
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              "Criterion '" + d.name + "': the imputed constant must be finite, was " + value + ".");
        }
        d.policy = MissingPolicy.CONSTANT;
        d.constant = value;
        return this;
      }
    }

    private final class Categorical extends Delegate implements CategoricalStep {
      private final Draft d;

      Categorical(Draft d) {
        this.d = d;
      }

      @Override
      public CategoricalStep oneHot() {
        return this;
      }

      @Override
      public CategoricalStep weight(double weight) {
        checkWeight(d.name, weight);
        d.weight = weight;
        return this;
      }

      @Override
      public CategoricalStep ifMissing(MissingPolicy policy) {
        d.policy = Objects.requireNonNull(policy, "policy");
        d.constant = 0.0;
        return this;
      }

      @Override
      public CategoricalStep unseen(UnseenCategoryPolicy policy) {
        d.unseen = Objects.requireNonNull(policy, "policy");
        return this;
      }
    }

    private static void checkWeight(String name, double weight) {
      if (!(Double.isFinite(weight) && weight > 0)) {
        throw new IllegalArgumentException(
            "Criterion '" + name + "': weight must be finite and > 0, was " + weight + ".");
      }
    }
  }
}
