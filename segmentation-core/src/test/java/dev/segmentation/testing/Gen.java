package dev.segmentation.testing;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded generator of valid and awkward inputs for property tests (CONVENTIONS section 10). Each test
 * case builds its input from its own seed; print the seed in every assertion message so that a failing
 * case can be replayed and kept as a named regression test.
 *
 * <p>Not thread-safe: one instance per test case.
 */
public final class Gen {

  private static final String[] ID_PARTS = {
    "A", "acct", "Kunde-", "客户", "Ωmega", "🙂", "C 0042", "x,y", "q\"uote", "ünïcödé"
  };
  private static final String[] LEVELS = {
    "Pharma", "Chemicals", "Retail", "Horeca", "Öl & Gas", "日本", "a,b", "with \"quote\"", " padded",
    "Z"
  };

  private final long seed;
  private final UniformRandomProvider rng;

  /**
   * Creates a generator.
   *
   * @param seed the case seed
   */
  public Gen(long seed) {
    this.seed = seed;
    this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
  }

  /**
   * The default seed range of property tests: {@code 0 .. count-1}.
   *
   * @param count number of seeds
   * @return the seeds
   */
  public static LongStream seeds(int count) {
    return LongStream.range(0, count);
  }

  /**
   * Returns the seed, for assertion messages.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the underlying random source.
   *
   * @return the random source
   */
  public UniformRandomProvider rng() {
    return rng;
  }

  /**
   * Returns an int in {@code [lo, hi]}.
   *
   * @param lo lower bound
   * @param hi upper bound, inclusive
   * @return the int
   */
  public int intBetween(int lo, int hi) {
    return lo + rng.nextInt(hi - lo + 1);
  }

  /**
   * Returns {@code true} with the given probability.
   *
   * @param p probability
   * @return the draw
   */
  public boolean chance(double p) {
    return rng.nextDouble() < p;
  }

  /**
   * Picks one element.
   *
   * @param values the choices
   * @param <T> element type
   * @return one of them
   */
  @SafeVarargs
  public final <T> T pick(T... values) {
    return values[rng.nextInt(values.length)];
  }

  /**
   * A finite "business" number: integers, decimals, zeros, negative zero, tiny and huge magnitudes.
   *
   * @return the number
   */
  public double awkwardFinite() {
    switch (rng.nextInt(10)) {
      case 0:
        return 0.0;
      case 1:
        return -0.0;
      case 2:
        return rng.nextInt(1_000_000);
      case 3:
        return pick(1e-300, -1e-300, 1e300, -1e300, Double.MIN_VALUE, 1e-12);
      case 4:
        return -rng.nextInt(1000);
      default:
        return rng.nextDouble() * Math.pow(10, rng.nextInt(8));
    }
  }

  /**
   * A numeric cell for tables: mostly finite, sometimes missing ({@code NaN}) or infinite.
   *
   * @param missingRate probability of {@code NaN}
   * @param infinities whether infinities may appear
   * @return the value
   */
  public double cell(double missingRate, boolean infinities) {
    if (chance(missingRate)) {
      return Double.NaN;
    }
    if (infinities && chance(0.02)) {
      return pick(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }
    return awkwardFinite();
  }

  /**
   * A well-scaled number for statistical properties: lognormal-like spend in {@code [0, 1e7)}.
   *
   * @return the value
   */
  public double spend() {
    return Math.floor(Math.exp(rng.nextDouble() * 16.0));
  }

  /**
   * Unique ids, some with unicode, spaces, commas and quotes.
   *
   * @param n number of ids
   * @return n distinct non-blank ids
   */
  public String[] ids(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = pick(ID_PARTS) + i;
    }
    return out;
  }

  /**
   * A category label, sometimes missing ({@code null}).
   *
   * @param levels how many distinct levels to draw from (1..10)
   * @param missingRate probability of {@code null}
   * @return the label or {@code null}
   */
  public String level(int levels, double missingRate) {
    if (chance(missingRate)) {
      return null;
    }
    return LEVELS[rng.nextInt(Math.min(levels, LEVELS.length))];
  }

  /**
   * A random table with {@code num} numeric columns {@code x0..} of spend-like values and {@code cat}
   * categorical columns {@code c0..}.
   *
   * @param rows number of accounts
   * @param num number of numeric columns
   * @param cat number of categorical columns
   * @param missingRate probability of a missing cell
   * @return the table
   */
  public AccountTable spendTable(int rows, int num, int cat, double missingRate) {
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < num; j++) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = chance(missingRate) ? Double.NaN : spend();
      }
      cols.add(NumericColumn.of("x" + j, v));
    }
    for (int j = 0; j < cat; j++) {
      String[] v = new String[rows];
      int levels = intBetween(1, 6);
      for (int i = 0; i < rows; i++) {
        v[i] = level(levels, missingRate);
      }
      cols.add(CategoricalColumn.of("c" + j, v));
    }
    return AccountTable.of(ids(rows), cols.toArray(new Column[0]));
  }

  /**
   * A random permutation of {@code 0 .. n-1} (Fisher-Yates).
   *
   * @param n length
   * @return the permutation
   */
  public int[] permutation(int n) {
    int[] p = new int[n];
    Arrays.setAll(p, i -> i);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * A random subset of {@code 0 .. n-1} without repeats, in random order; may be empty or complete.
   *
   * @param n the range
   * @return distinct indices
   */
  public int[] subset(int n) {
    int[] p = permutation(n);
    return Arrays.copyOf(p, n == 0 ? 0 : intBetween(0, n));
  }

  /**
   * A finite numeric column for statistical properties, drawn from one of several awkward but
   * reasonable shapes: spend-like, small counts with many ties and zeros, two distinct values, signed
   * decimals, mixed magnitudes, tiny (around 1e-300) and huge (around 1e300) values. It may be constant
   * (for example when {@code n == 1}); callers that need variation check for it.
   *
   * @param n number of values
   * @return the values, all finite
   */
  public double[] statColumn(int n) {
    double[] v = new double[n];
    int shape = rng.nextInt(7);
    double a = rng.nextDouble() * 100 - 50;
    double b = a + 1 + rng.nextDouble() * 100;
    for (int i = 0; i < n; i++) {
      v[i] =
          switch (shape) {
            case 0 -> spend();
            case 1 -> chance(0.5) ? 0.0 : rng.nextInt(5);
            case 2 -> chance(0.5) ? a : b;
            case 3 -> (rng.nextDouble() - 0.5) * Math.pow(10, intBetween(-3, 6));
            case 4 -> pick(1e-12, 0.0, 1.0, 12.5, 1e6, -3e3) * (1 + rng.nextInt(3));
            case 5 -> (1 + rng.nextDouble()) * 1e-300;
            default -> (rng.nextDouble() - 0.5) * 1e300;
          };
    }
    return v;
  }

  /**
   * Labels of a categorical column, sometimes missing ({@code null}).
   *
   * @param n number of labels
   * @param levels how many distinct levels to draw from (1..10)
   * @param missingRate probability of {@code null}
   * @return the labels
   */
  public String[] labels(int n, int levels, double missingRate) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = level(levels, missingRate);
    }
    return out;
  }

  /**
   * A date, sometimes missing ({@code null}), between the years 1700 and 2300.
   *
   * @param missingRate probability of {@code null}
   * @return the date or {@code null}
   */
  public LocalDate date(double missingRate) {
    if (chance(missingRate)) {
      return null;
    }
    return LocalDate.ofEpochDay(intBetween(-98_000, 120_000));
  }

  /**
   * A random table of awkward cells: {@code num} numeric columns {@code n0..} ({@link #cell} values with
   * {@code NaN}, infinities, signed zeros, tiny and huge magnitudes), {@code cat} categorical columns
   * {@code c0..} and {@code dates} date columns {@code d0..}, all with missing values; unicode ids.
   *
   * @param rows number of accounts
   * @param num number of numeric columns
   * @param cat number of categorical columns
   * @param dates number of date columns
   * @param missingRate probability of a missing cell
   * @return the table
   */
  public AccountTable mixedTable(int rows, int num, int cat, int dates, double missingRate) {
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < num; j++) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = cell(missingRate, true);
      }
      cols.add(NumericColumn.of("n" + j, v));
    }
    for (int j = 0; j < cat; j++) {
      cols.add(CategoricalColumn.of("c" + j, labels(rows, intBetween(1, 10), missingRate)));
    }
    for (int j = 0; j < dates; j++) {
      LocalDate[] v = new LocalDate[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = date(missingRate);
      }
      cols.add(DateColumn.of("d" + j, v));
    }
    return AccountTable.of(ids(rows), cols.toArray(new Column[0]));
  }

  /**
   * A dense row-major matrix of {@code rows x cols} finite, well-scaled values for geometric properties
   * (distances, cluster measures). Each column has one shape: uniform in {@code [-1, 1)} times a power of
   * ten between {@code 1e-3} and {@code 1e3}; small integers {@code 0..3} (many ties and duplicate
   * points); or a constant.
   *
   * @param rows number of rows
   * @param cols number of columns
   * @return {@code rows * cols} values, row-major
   */
  public double[] matrix(int rows, int cols) {
    double[] x = new double[rows * cols];
    for (int t = 0; t < cols; t++) {
      int shape = rng.nextInt(4);
      double scale = Math.pow(10, intBetween(-3, 3));
      double constant = rng.nextDouble() * 10 - 5;
      for (int i = 0; i < rows; i++) {
        x[i * cols + t] =
            switch (shape) {
              case 0 -> rng.nextInt(4);
              case 1 -> constant;
              default -> (rng.nextDouble() * 2 - 1) * scale;
            };
      }
    }
    return x;
  }

  /**
   * Cluster labels: each row is {@code -1} (excluded) with probability {@code excludedRate}, otherwise
   * uniform in {@code [0, k)}; some clusters may be empty.
   *
   * @param n number of rows
   * @param k number of clusters, at least 1
   * @param excludedRate probability of {@code -1}
   * @return the labels
   */
  public int[] clusterLabels(int n, int k, double excludedRate) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = chance(excludedRate) ? -1 : rng.nextInt(k);
    }
    return labels;
  }

  /**
   * Values for quantile and ABC properties, drawn from one of several shapes with heavy ties: a few
   * distinct levels, mostly zeros, spend-like values rounded to a coarse grid, signed values with
   * negatives and zeros, distinct spend values, or one constant. Each value is missing ({@code NaN})
   * with probability {@code missingRate}.
   *
   * @param n number of values
   * @param missingRate probability of {@code NaN}
   * @return the values: finite or {@code NaN}
   */
  public double[] tiedValues(int n, double missingRate) {
    double[] v = new double[n];
    int shape = rng.nextInt(6);
    int levels = intBetween(1, 5);
    double constant = spend();
    for (int i = 0; i < n; i++) {
      if (chance(missingRate)) {
        v[i] = Double.NaN;
        continue;
      }
      v[i] =
          switch (shape) {
            case 0 -> 10.0 * rng.nextInt(levels);
            case 1 -> chance(0.7) ? 0.0 : spend();
            case 2 -> Math.rint(spend() / 1000.0) * 1000.0;
            case 3 -> rng.nextInt(21) - 10.0;
            case 4 -> spend() + rng.nextDouble();
            default -> constant;
          };
    }
    return v;
  }

  // ------------------------------------------------------------------ conditions (rule models)

  /** Column names that need back quotes or escapes in condition text. */
  private static final String[] ODD_NAMES = {
    "Detergents Paper", "and", "MISSING", "in", "x-y", "12", "客户", "a`b", "back\\slash", "with \"q\"",
    "_ok", "Between"
  };

  /**
   * A random column name for condition text tests: plain identifiers, keywords and names that need
   * back quotes (spaces, unicode, back quotes, backslashes).
   *
   * @return a non-blank name
   */
  public String columnName() {
    return chance(0.5) ? pick("potential", "turnover", "x0", "Region", "c_1") : pick(ODD_NAMES);
  }

  /**
   * A threshold for conditions on {@link #spendTable} columns: mostly spend-like values (so that ties
   * with the data occur), sometimes awkward finite numbers (negative, tiny, huge, decimals).
   *
   * @return a finite number
   */
  public double conditionValue() {
    return chance(0.7) ? spend() : awkwardFinite();
  }

  /**
   * A random condition over the given columns, nested at most {@code depth} levels: comparisons and
   * {@code between} on numeric columns, {@code =}, {@code !=}, {@code in}, {@code not in} on
   * categorical columns (labels from {@link #level}, sometimes one that never occurs) and on numeric
   * columns as text, {@code is missing} on any column, and {@code and}/{@code or}/{@code not}.
   *
   * @param numeric numeric column names (at least one)
   * @param categorical categorical column names (may be empty)
   * @param depth maximum nesting depth, {@code >= 0}
   * @return the condition
   */
  public dev.segmentation.core.model.Condition condition(
      String[] numeric, String[] categorical, int depth) {
    if (depth > 0 && chance(0.45)) {
      int k = intBetween(2, 3);
      switch (rng.nextInt(3)) {
        case 0: {
          dev.segmentation.core.model.Condition c = condition(numeric, categorical, depth - 1);
          return dev.segmentation.core.model.Condition.not(c);
        }
        case 1: {
          List<dev.segmentation.core.model.Condition> ops = new ArrayList<>();
          for (int i = 0; i < k; i++) {
            ops.add(condition(numeric, categorical, depth - 1));
          }
          return new dev.segmentation.core.model.Condition.And(ops);
        }
        default: {
          List<dev.segmentation.core.model.Condition> ops = new ArrayList<>();
          for (int i = 0; i < k; i++) {
            ops.add(condition(numeric, categorical, depth - 1));
          }
          return new dev.segmentation.core.model.Condition.Or(ops);
        }
      }
    }
    boolean cat = categorical.length > 0 && chance(0.4);
    String col = cat ? pick(categorical) : pick(numeric);
    dev.segmentation.core.model.Condition.ColumnRef ref = dev.segmentation.core.model.Condition.col(col);
    int kind = rng.nextInt(10);
    if (kind == 0) {
      return chance(0.5) ? ref.isMissing() : ref.isNotMissing();
    }
    if (cat || kind == 1) {
      String[] labels = new String[intBetween(1, 3)];
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        String l;
        do {
          l = cat
              ? (chance(0.1) ? "never-" + rng.nextInt(5) : level(10, 0.0))
              : dev.segmentation.core.table.NumericColumn.of("t", new double[] {conditionValue()})
                  .format(0);
        } while (seen.contains(l));
        seen.add(l);
        labels[i] = l;
      }
      switch (rng.nextInt(4)) {
        case 0:
          return ref.eq(labels[0]);
        case 1:
          return ref.ne(labels[0]);
        case 2:
          return ref.in(labels);
        default:
          return ref.notIn(labels);
      }
    }
    double v = conditionValue();
    switch (rng.nextInt(7)) {
      case 0:
        return ref.lt(v);
      case 1:
        return ref.le(v);
      case 2:
        return ref.gt(v);
      case 3:
        return ref.ge(v);
      case 4:
        return ref.eq(v);
      case 5:
        return ref.ne(v);
      default: {
        double w = conditionValue();
        return ref.between(Math.min(v, w), Math.max(v, w));
      }
    }
  }
}
