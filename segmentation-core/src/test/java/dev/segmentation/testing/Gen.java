package dev.segmentation.testing;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
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
}
