package dev.segmentation.core.internal;

import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.model.AbcRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The settings, checks and fit notes that the quantile and ABC fits share between core
 * ({@code QuantileModel.Builder}, {@code AbcModel.Builder}) and other modules' fits of the same models
 * (for example {@code segmentation-spark}'s {@code SparkQuantileFit} and {@code SparkAbcFit}), so the
 * rules and the message texts live in one place. Messages start with the owner's name given at
 * construction ({@code "QuantileModel"}, {@code "SparkQuantileFit"}, ...).
 *
 * <p>{@link QuantileBins} and {@link AbcClasses} are the mutable, single-thread state of a builder:
 * each setting may be given once.
 */
public final class BinFitSpec {

  /** The default ABC thresholds: classes A, B, C at 80% and 95% of the total. */
  private static final double[] DEFAULT_THRESHOLDS = {0.80, 0.95};

  private BinFitSpec() {}

  /**
   * Checks quantile probabilities: at least one, each in {@code (0, 1)}, strictly increasing.
   *
   * @param owner the name starting the messages
   * @param p the probabilities (returned as given)
   * @return {@code p}
   * @throws IllegalArgumentException when a probability is out of range or not increasing
   */
  public static double[] checkProbabilities(String owner, double[] p) {
    return checkShares(owner, p, "probability", "probabilities", "bins", false);
  }

  /**
   * Checks ABC thresholds: at least one, each in {@code (0, 1]}, strictly increasing.
   *
   * @param owner the name starting the messages
   * @param t the thresholds (returned as given)
   * @return {@code t}
   * @throws IllegalArgumentException when a threshold is out of range or not increasing
   */
  public static double[] checkThresholds(String owner, double[] t) {
    return checkShares(owner, t, "threshold", "thresholds", "classes", true);
  }

  /** Shares in {@code (0, 1)} (or {@code (0, 1]}), strictly increasing, at least one. */
  private static double[] checkShares(String owner, double[] v, String one, String many,
      String segments, boolean oneAllowed) {
    if (v.length == 0) {
      throw new IllegalArgumentException(
          owner + " needs at least one " + one + " (two " + segments + "), was none.");
    }
    for (int j = 0; j < v.length; j++) {
      if (!(v[j] > 0 && (oneAllowed ? v[j] <= 1 : v[j] < 1))) {
        throw new IllegalArgumentException(owner + " " + many + " must be in (0, 1"
            + (oneAllowed ? "]" : ")") + ", " + one + " " + j + " was " + v[j] + ".");
      }
      if (j > 0 && !(v[j] > v[j - 1])) {
        throw new IllegalArgumentException(owner + " " + many + " must be strictly increasing; "
            + v[j] + " follows " + v[j - 1] + ".");
      }
    }
    return v;
  }

  /**
   * Checks segment names: each non-blank.
   *
   * @param owner the name starting the messages
   * @param names the names
   * @return the names as an unmodifiable list
   * @throws IllegalArgumentException when a name is blank
   */
  public static List<String> checkNames(String owner, String... names) {
    Objects.requireNonNull(names, "names");
    List<String> n = List.of(names);
    for (String s : n) {
      if (s.isBlank()) {
        throw new IllegalArgumentException(owner + " names must be non-blank, was \"" + s + "\".");
      }
    }
    return n;
  }

  /**
   * Shortest text of a value that reads back exactly; integers without a decimal point.
   *
   * @param v the value
   * @return for example {@code "0"}, {@code "12"} or {@code "0.25"}
   */
  public static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return v == 0.0 ? "0" : Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /**
   * Returns the default ABC class id of a 0-based class index: {@code A..Z}, then
   * {@code AA, AB, ...}.
   *
   * @param index the class index, {@code >= 0}
   * @return the id
   */
  public static String letters(int index) {
    StringBuilder sb = new StringBuilder();
    int i = index + 1;
    while (i > 0) {
      int r = (i - 1) % 26;
      sb.append((char) ('A' + r));
      i = (i - 1) / 26;
    }
    return sb.reverse().toString();
  }

  /**
   * Adds the fit note of every run of equal quantiles (they collapse into one edge and the bins
   * above the first are dropped).
   *
   * @param what the value in the message, for example {@code "column 'revenue'"}
   * @param probabilities the probabilities
   * @param q the quantiles, non-decreasing
   * @param ids the bin ids
   * @param notes receives the notes
   */
  public static void collapseWarnings(String what, double[] probabilities, double[] q,
      List<String> ids, List<String> notes) {
    int j = 0;
    while (j < q.length) {
      int b = j;
      while (b + 1 < q.length && !(q[b + 1] > q[j])) {
        b++;
      }
      if (b > j) {
        List<String> ps = new ArrayList<>();
        for (int t = j; t <= b; t++) {
          ps.add(Double.toString(probabilities[t]));
        }
        notes.add("Quantile model on " + what + ": the quantiles at p = " + String.join(", ", ps)
            + " are all " + format(q[j]) + " (ties); they collapse into one edge and "
            + (b - j == 1 ? "bin " : "bins ") + String.join(", ", ids.subList(j + 1, b + 1))
            + (b - j == 1 ? " is" : " are") + " dropped, so " + ids.get(j) + " also covers "
            + (b - j == 1 ? "it." : "them."));
      }
      j = b + 1;
    }
  }

  /**
   * The fit note of a quantile segment without training accounts.
   *
   * @param id the segment id
   * @param description the segment description
   * @param accounts the number of training accounts with a value
   * @return the note
   */
  public static String emptySegmentWarning(String id, String description, long accounts) {
    return "Segment " + id + " (" + description + ") holds none of the " + accounts
        + " training accounts.";
  }

  /**
   * The ABC class of a tie group: under {@link AbcRule#PRIMARY} the first class whose threshold the
   * cumulative share after the group does not exceed, otherwise the first class whose threshold the
   * share before the group is below.
   *
   * @param rule the rule
   * @param thresholds the thresholds
   * @param before the cumulative value before the group
   * @param after the cumulative value after the group
   * @param total the total of the positive values
   * @return the class index
   */
  public static int abcClass(
      AbcRule rule, double[] thresholds, double before, double after, double total) {
    int c = 0;
    if (rule == AbcRule.PRIMARY) {
      double share = after / total;
      while (c < thresholds.length && share > thresholds[c]) {
        c++;
      }
    } else {
      double share = before / total;
      while (c < thresholds.length && share >= thresholds[c]) {
        c++;
      }
    }
    return c;
  }

  /**
   * The fit notes of an ABC model: no positive value, or classes without training accounts.
   *
   * @param column the value column
   * @param ids the class ids
   * @param counts training accounts per class
   * @param positive the number of positive values
   * @param present the number of non-missing values
   * @return the notes, in class order
   */
  public static List<String> abcWarnings(
      String column, List<String> ids, long[] counts, long positive, long present) {
    int k = ids.size();
    List<String> notes = new ArrayList<>();
    if (positive == 0) {
      notes.add("ABC model on column '" + column + "': no value is positive, so every one of the "
          + present + " accounts is in the last class " + ids.get(k - 1) + ".");
    } else {
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0 && c < k - 1) {
          notes.add("ABC model on column '" + column + "': class " + ids.get(c)
              + " holds no training account (one tie group's share jumps over its whole range); "
              + "new accounts are not classed " + ids.get(c) + " either.");
        } else if (counts[c] == 0) {
          notes.add("ABC model on column '" + column + "': the last class " + ids.get(c)
              + " holds no training account; it still takes new accounts below the lowest "
              + "cut-off and accounts with zero or negative values.");
        }
      }
    }
    return notes;
  }

  /** What both kinds of settings share: the owner's name and the segment names. */
  abstract static class Named {
    final String owner;
    private List<String> names;

    Named(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * Throws when a setting was already given.
     *
     * @param current the setting's value so far, {@code null} when unset
     * @param was for example {@code "rule was already set to"}
     */
    final void once(Object current, String was) {
      if (current != null) {
        throw new IllegalStateException(owner + " " + was + " "
            + (current instanceof double[] a ? Arrays.toString(a) : current) + ".");
      }
    }

    /**
     * Names the segments (each non-blank, once).
     *
     * @param n the names
     * @throws IllegalArgumentException when a name is blank
     * @throws IllegalStateException when names were already set
     */
    public final void names(String... n) {
      List<String> list = checkNames(owner, n);
      once(names, "names were already set to");
      this.names = list;
    }

    /**
     * Throws when names were given and their number is not {@code k}.
     *
     * @param k the number of segments
     * @param unit for example {@code "bins"}
     */
    final void checkNameCount(int k, String unit) {
      if (names != null && names.size() != k) {
        throw new IllegalStateException(owner + " has " + k + " " + unit + " but " + names.size()
            + " names " + names + ".");
      }
    }

    /**
     * Returns the segment ids.
     *
     * @return one id per segment
     */
    public abstract List<String> ids();

    /**
     * Returns the segment names.
     *
     * @return the names given, or the ids
     */
    public final List<String> names() {
      return names != null ? names : ids();
    }

    final String describeNames() {
      return "names=" + (names == null ? "default" : names);
    }
  }

  /** The bins of a quantile fit being configured: probabilities, method and names. */
  public static final class QuantileBins extends Named {
    private double[] probabilities;
    private boolean deciles;
    private QuantileMethod method;

    /**
     * Starts empty settings.
     *
     * @param owner the name starting the messages
     */
    public QuantileBins(String owner) {
      super(owner);
    }

    /**
     * Uses {@code k} equal-frequency bins; ten bins are deciles (ids {@code D1..D10}).
     *
     * @param k the number of bins, {@code >= 2}
     * @throws IllegalArgumentException when {@code k < 2}
     * @throws IllegalStateException when the bins were already set
     */
    public void bins(int k) {
      if (k < 2) {
        throw new IllegalArgumentException(owner + ".bins must be >= 2, was " + k + ".");
      }
      checkBinsUnset();
      double[] p = new double[k - 1];
      for (int j = 1; j < k; j++) {
        p[j - 1] = (double) j / k;
      }
      this.probabilities = p;
      this.deciles = k == 10;
    }

    /**
     * Uses bins at the given probabilities (ids {@code Q1..Qk}).
     *
     * @param p strictly increasing, each in {@code (0, 1)}, at least one; copied
     * @throws IllegalArgumentException when a probability is out of range or not increasing
     * @throws IllegalStateException when the bins were already set
     */
    public void probabilities(double... p) {
      Objects.requireNonNull(p, "probabilities");
      double[] copy = checkProbabilities(owner, p.clone());
      checkBinsUnset();
      this.probabilities = copy;
      this.deciles = false;
    }

    private void checkBinsUnset() {
      once(probabilities, "bins were already set to probabilities");
    }

    /**
     * Sets the quantile definition.
     *
     * @param m the method
     * @throws IllegalStateException when the method was already set
     */
    public void method(QuantileMethod m) {
      Objects.requireNonNull(m, "method");
      once(method, "method was already set to");
      this.method = m;
    }

    /**
     * Checks that the bins are set and the names (if any) fit them.
     *
     * @throws IllegalStateException when the bins were not set or the names do not match
     */
    public void checkComplete() {
      if (probabilities == null) {
        throw new IllegalStateException(owner + " needs bins: call bins(k), quartiles(), "
            + "deciles() or probabilities(p...).");
      }
      checkNameCount(probabilities.length + 1, "bins");
    }

    /**
     * Returns the probabilities.
     *
     * @return a copy, or {@code null} when unset
     */
    public double[] probabilities() {
      return probabilities == null ? null : probabilities.clone();
    }

    /**
     * Returns the method.
     *
     * @return the method, {@link QuantileMethod#TYPE_7} when unset
     */
    public QuantileMethod method() {
      return method == null ? QuantileMethod.TYPE_7 : method;
    }

    /**
     * Returns the bin ids: {@code D1..D10} for deciles, otherwise {@code Q1..Qk}.
     *
     * @return the ids (bins must be set)
     */
    @Override
    public List<String> ids() {
      int k = probabilities.length + 1;
      List<String> ids = new ArrayList<>(k);
      for (int j = 1; j <= k; j++) {
        ids.add((deciles ? "D" : "Q") + j);
      }
      return ids;
    }

    /**
     * Describes the settings for a builder's {@code toString}.
     *
     * @return for example {@code probabilities=[0.5], method=TYPE_7, names=default}
     */
    public String describe() {
      return "probabilities=" + (probabilities == null ? "unset" : Arrays.toString(probabilities))
          + ", method=" + method() + ", " + describeNames();
    }
  }

  /** The classes of an ABC fit being configured: thresholds, rule and names. */
  public static final class AbcClasses extends Named {
    private double[] thresholds;
    private AbcRule rule;

    /**
     * Starts empty settings (thresholds 0.80, 0.95 and {@link AbcRule#PRIMARY} by default).
     *
     * @param owner the name starting the messages
     */
    public AbcClasses(String owner) {
      super(owner);
    }

    /**
     * Sets the cumulative-share thresholds.
     *
     * @param t strictly increasing, each in {@code (0, 1]}, at least one; copied
     * @throws IllegalArgumentException when a threshold is out of range or not increasing
     * @throws IllegalStateException when the thresholds were already set
     */
    public void thresholds(double... t) {
      Objects.requireNonNull(t, "thresholds");
      double[] copy = checkThresholds(owner, t.clone());
      once(thresholds, "thresholds were already set to");
      this.thresholds = copy;
    }

    /**
     * Sets the rule for the tie group that crosses a threshold.
     *
     * @param r the rule
     * @throws IllegalStateException when the rule was already set
     */
    public void rule(AbcRule r) {
      Objects.requireNonNull(r, "rule");
      once(rule, "rule was already set to");
      this.rule = r;
    }

    /**
     * Checks that the names (if any) fit the classes.
     *
     * @throws IllegalStateException when the number of names differs from the number of classes
     */
    public void checkComplete() {
      checkNameCount(thresholds().length + 1, "classes");
    }

    /**
     * Returns the thresholds.
     *
     * @return a copy; {@code 0.80, 0.95} when unset
     */
    public double[] thresholds() {
      return (thresholds == null ? DEFAULT_THRESHOLDS : thresholds).clone();
    }

    /**
     * Returns the rule.
     *
     * @return the rule, {@link AbcRule#PRIMARY} when unset
     */
    public AbcRule rule() {
      return rule == null ? AbcRule.PRIMARY : rule;
    }

    /**
     * Returns the class ids {@code A, B, C, ...}.
     *
     * @return one id per class
     */
    @Override
    public List<String> ids() {
      int k = thresholds().length + 1;
      List<String> ids = new ArrayList<>(k);
      for (int c = 0; c < k; c++) {
        ids.add(letters(c));
      }
      return ids;
    }

    /**
     * Describes the settings for a builder's {@code toString}.
     *
     * @return for example {@code thresholds=[0.8, 0.95], rule=PRIMARY, names=default}
     */
    public String describe() {
      return "thresholds=" + Arrays.toString(thresholds()) + ", rule=" + rule() + ", "
          + describeNames();
    }
  }
}
