package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.Condition;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Assigning {@code rows} accounts with a 20-rule {@link RuleModel} (first match wins, no default
 * segment), next to its lower bound: the same 20 rules hand-written as a Java {@code if/else} chain
 * over the same {@code double[]} and {@code int[]} (category code) columns, writing one {@code int}
 * per account. The ratio ours / peer is the price of rules as data (bound once per call, evaluated
 * rule by rule over blocks of 1,024 rows) plus building the {@link Segmentation} (copies and checks
 * of the result arrays).
 *
 * <p>A third benchmark, {@link #boundPredicatesRowByRow()}, shows the naive use of the public API:
 * every rule's {@link Condition#bind bound predicate} tested row by row.
 *
 * <p>Data: 6 spend-like numeric columns ({@code floor(exp(14 u))}, 5% missing) and one categorical
 * column of 8 industries, generated in {@link #setUp()} from a fixed seed (not timed); the set-up
 * also checks that model and peer assign every account identically. Run:
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar RuleAssign -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class RuleAssignBenchmark {

  /** Fixed seed of the generated data. */
  private static final long SEED = 20261125L;

  private static final String[] INDUSTRIES = {
    "Pharma", "Chemicals", "Retail", "Horeca", "Logistics", "Energy", "Public", "Other"
  };

  /** The 20 rules, in order; {@link #handWrittenIfElse()} implements exactly these. */
  static final List<String> RULES = List.of(
      "x0 > 500000 and x1 > 100000",
      "x2 between 10000 and 20000",
      "industry in (\"Pharma\", \"Chemicals\") and x3 > 50000",
      "x4 is missing",
      "x0 > 200000 or x5 > 300000",
      "x1 <= 10",
      "x2 > 100000 and not (x3 > 1000)",
      "industry = \"Retail\" and x0 between 1000 and 10000",
      "x5 < 20",
      "x3 != 0 and x4 > 50000",
      "industry not in (\"Public\", \"Other\", \"Energy\") and x1 > 20000",
      "x0 < 100 or x2 < 100",
      "x3 >= 5000 and x5 >= 5000",
      "x1 is missing or x2 is missing",
      "x4 between 100 and 1000 and industry = \"Horeca\"",
      "x5 > 40000",
      "x0 > 3000 and x1 > 3000 and x2 > 3000",
      "industry is missing",
      "x3 <= 500",
      "x4 > 2000");

  /** Number of accounts. */
  @Param({"1000000"})
  public int rows;

  private AccountTable table;
  private RuleModel model;
  private IntPredicate[] bound;
  private double[] x0;
  private double[] x1;
  private double[] x2;
  private double[] x3;
  private double[] x4;
  private double[] x5;
  private int[] industry;
  private int pharma;
  private int chemicals;
  private int retail;
  private int horeca;
  private int energy;
  private int publicSector;
  private int other;

  /** Generates the accounts and builds the model (not timed); checks that model and peer agree. */
  @Setup(Level.Trial)
  public void setUp() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
    double[][] x = new double[6][rows];
    for (double[] col : x) {
      for (int i = 0; i < rows; i++) {
        col[i] = rng.nextDouble() < 0.05 ? Double.NaN : Math.floor(Math.exp(rng.nextDouble() * 14));
      }
    }
    String[] labels = new String[rows];
    String[] ids = new String[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = rng.nextDouble() < 0.03 ? null : INDUSTRIES[rng.nextInt(INDUSTRIES.length)];
      ids[i] = "C-" + i;
    }
    Column[] cols = new Column[7];
    for (int j = 0; j < 6; j++) {
      cols[j] = NumericColumn.of("x" + j, x[j]);
    }
    CategoricalColumn ind = CategoricalColumn.of("industry", labels);
    cols[6] = ind;
    table = AccountTable.of(ids, cols);
    x0 = x[0];
    x1 = x[1];
    x2 = x[2];
    x3 = x[3];
    x4 = x[4];
    x5 = x[5];
    industry = ind.codes();
    pharma = ind.indexOfLevel("Pharma");
    chemicals = ind.indexOfLevel("Chemicals");
    retail = ind.indexOfLevel("Retail");
    horeca = ind.indexOfLevel("Horeca");
    energy = ind.indexOfLevel("Energy");
    publicSector = ind.indexOfLevel("Public");
    other = ind.indexOfLevel("Other");
    RuleModel.Builder b = RuleModel.builder();
    for (int r = 0; r < RULES.size(); r++) {
      b.segment("Rule " + (r + 1)).when(RULES.get(r));
    }
    model = b.build();
    bound = new IntPredicate[RULES.size()];
    for (int r = 0; r < bound.length; r++) {
      bound[r] = model.rules().get(r).condition().bind(table);
    }
    int[] ours = model.assign(table).segmentIndices();
    int[] peer = handWrittenIfElse();
    int[] naive = boundPredicatesRowByRow();
    if (!Arrays.equals(ours, peer) || !Arrays.equals(ours, naive)) {
      throw new IllegalStateException("Rule model, bound predicates and hand-written chain disagree");
    }
  }

  /**
   * Ours: {@code RuleModel.assign}, returning the {@link Segmentation}.
   *
   * @return the segmentation
   */
  @Benchmark
  public Segmentation ruleModelAssign() {
    return model.assign(table);
  }

  /**
   * The naive use of the public API: the 20 bound predicates tested row by row, first match wins.
   *
   * @return one segment index per account, -1 when no rule matched
   */
  @Benchmark
  public int[] boundPredicatesRowByRow() {
    int[] out = new int[rows];
    IntPredicate[] p = bound;
    for (int i = 0; i < rows; i++) {
      int s = -1;
      for (int r = 0; r < p.length; r++) {
        if (p[r].test(i)) {
          s = r;
          break;
        }
      }
      out[i] = s;
    }
    return out;
  }

  /**
   * Peer (lower bound): the 20 rules as a hand-written {@code if/else} chain over the raw arrays.
   *
   * @return one segment index per account, -1 when no rule matched
   */
  @Benchmark
  public int[] handWrittenIfElse() {
    int[] out = new int[rows];
    for (int i = 0; i < rows; i++) {
      double a = x0[i];
      double b = x1[i];
      double c = x2[i];
      double d = x3[i];
      double e = x4[i];
      double f = x5[i];
      int g = industry[i];
      int s;
      if (a > 500000 && b > 100000) {
        s = 0;
      } else if (c >= 10000 && c <= 20000) {
        s = 1;
      } else if ((g == pharma || g == chemicals) && d > 50000) {
        s = 2;
      } else if (e != e) {
        s = 3;
      } else if (a > 200000 || f > 300000) {
        s = 4;
      } else if (b <= 10) {
        s = 5;
      } else if (c > 100000 && !(d > 1000)) {
        s = 6;
      } else if (g == retail && a >= 1000 && a <= 10000) {
        s = 7;
      } else if (f < 20) {
        s = 8;
      } else if (d != 0 && d == d && e > 50000) {
        s = 9;
      } else if (g >= 0 && g != publicSector && g != other && g != energy && b > 20000) {
        s = 10;
      } else if (a < 100 || c < 100) {
        s = 11;
      } else if (d >= 5000 && f >= 5000) {
        s = 12;
      } else if (b != b || c != c) {
        s = 13;
      } else if (e >= 100 && e <= 1000 && g == horeca) {
        s = 14;
      } else if (f > 40000) {
        s = 15;
      } else if (a > 3000 && b > 3000 && c > 3000) {
        s = 16;
      } else if (g < 0) {
        s = 17;
      } else if (d <= 500) {
        s = 18;
      } else if (e > 2000) {
        s = 19;
      } else {
        s = -1;
      }
      out[i] = s;
    }
    return out;
  }
}
