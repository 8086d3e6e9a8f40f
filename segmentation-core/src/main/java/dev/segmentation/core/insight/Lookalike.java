package dev.segmentation.core.insight;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.RowIssue;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.InsightSupport;
import dev.segmentation.core.internal.KdTree;
import dev.segmentation.core.model.FitLimits;
import dev.segmentation.core.model.FitStatus;
import dev.segmentation.core.model.FitStoppedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Scores how closely every account resembles a reference set of "best customers", from 0 to 100,
 * and explains each score by the criteria that pull it down most.
 *
 * <pre>{@code
 * FittedCriteria fitted = criteria.fit(accounts);
 * LookalikeScores s = Lookalike.builder(fitted)
 *     .reference(ReferenceSet.topFraction("revenue", 0.10))   // top decile by revenue
 *     .parallelism(2)
 *     .build()
 *     .score(accounts);
 * System.out.println(s);                                      // score, distance, drivers per account
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li><b>Space.</b> The fitted criteria's feature space ({@link FittedCriteria#transform}): every
 *       criterion imputed and transformed as fitted, one-hot columns for categories, each criterion
 *       multiplied by the square root of its weight. Distance is Euclidean in that space, so a
 *       criterion's weight multiplies its share of the squared distance.
 *   <li><b>Reference accounts</b> are the rows of the reference table selected by the
 *       {@link ReferenceSet} that have features; selected rows without features are counted in
 *       {@link LookalikeScores#referenceWithoutFeatures()} and otherwise ignored.
 *   <li><b>Distance of an account</b> {@code d} = Euclidean distance to its nearest reference account,
 *       found exactly with a k-d tree built once over the reference accounts (no {@code n x m} brute
 *       force); ties go to the lowest row of the reference table. A reference account scored in its
 *       own table is its own nearest neighbour, so {@code d = 0}.
 *   <li><b>Calibration.</b> {@code d50} = the median (Hyndman–Fan type 7) of the leave-one-out
 *       nearest-neighbour distances of the reference accounts (each reference account's distance to
 *       the nearest <em>other</em> reference account: "as close as the typical best customer"); 0
 *       with fewer than two reference accounts. {@code h} = the half distance: set with
 *       {@link Builder#halfDistance(double)}, else {@code d50} when positive, else the median of the
 *       positive leave-one-out distances, else 1.
 *   <li><b>Score</b> = {@code 100} when {@code d <= d50}, else {@code 100 * 2^(-(d - d50) / h)}: the
 *       score halves with every further {@code h} of distance. It lies in {@code [0, 100]}, never
 *       increases with distance, and every reference account scored in its own table scores exactly
 *       100 (the top).
 *   <li><b>Explanation.</b> For each account, the squared distance to its nearest reference account
 *       is split by criterion (the squared differences of the criterion's feature columns summed,
 *       so the levels of a one-hot criterion count together); the {@link Builder#drivers(int)}
 *       (default {@value #DEFAULT_DRIVERS}) largest positive parts, largest first (ties: criterion
 *       order), with their share of the squared distance, are the criteria that pull the score down
 *       most.
 *   <li><b>Accounts without features</b> (a missing value or unseen category under a
 *       {@code MARK_UNASSIGNED} policy) are kept with score {@code NaN} and an explicit reason.
 * </ul>
 *
 * <p><b>Determinism.</b> Accounts are scored independently, in fixed blocks of rows; the result is
 * identical for any {@link Builder#parallelism(int)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class Lookalike {

  /** The number of explaining criteria per account unless set otherwise. */
  public static final int DEFAULT_DRIVERS = 3;

  private final FittedCriteria criteria;
  private final ReferenceSet reference;
  private final double halfDistance;
  private final int drivers;
  private final int parallelism;
  private final Executor executor;

  private Lookalike(Builder b) {
    this.criteria = b.criteria;
    this.reference = b.reference;
    this.halfDistance = b.halfDistance;
    this.drivers = Math.min(b.drivers, b.criteria.fitted().size());
    this.parallelism = b.parallelism;
    this.executor = b.executor;
  }

  /**
   * Starts a builder.
   *
   * @param criteria the fitted criteria that define the feature space
   * @return a new builder
   */
  public static Builder builder(FittedCriteria criteria) {
    return new Builder(Objects.requireNonNull(criteria, "criteria"));
  }

  /**
   * Returns the fitted criteria.
   *
   * @return the criteria
   */
  public FittedCriteria criteria() {
    return criteria;
  }

  /**
   * Returns the reference set.
   *
   * @return the reference set
   */
  public ReferenceSet reference() {
    return reference;
  }

  /**
   * Scores every account of a table against the reference accounts of the same table.
   *
   * @param table the accounts; the reference set is resolved in this table
   * @return one score per account, in table order
   * @throws DataValidationException when the criteria cannot transform the table, or no reference
   *     account has features
   */
  public LookalikeScores score(AccountTable table) {
    return score(table, FitLimits.none());
  }

  /**
   * Scores every account of a table under limits: the scoring polls the time limit, the cancellation
   * check and the calling thread's interrupt before each block of 4,096 accounts. Scores are all or
   * nothing: a stop throws, leaving the interrupt flag set.
   *
   * @param table the accounts
   * @param limits time limit and cancellation
   * @return one score per account, in table order
   * @throws FitStoppedException when a limit fired before every account was scored
   * @throws DataValidationException when the criteria cannot transform the table, or no reference
   *     account has features
   */
  public LookalikeScores score(AccountTable table, FitLimits limits) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(limits, "limits");
    FeatureMatrix x = criteria.transform(table);
    return run(x, table, x, table, limits);
  }

  /**
   * Scores every account of a table (for example prospects) against the reference accounts of
   * another table (for example customers).
   *
   * @param table the accounts to score
   * @param referenceTable the table in which the reference set is resolved
   * @return one score per account of {@code table}, in table order
   * @throws DataValidationException when the criteria cannot transform a table, or no reference
   *     account has features
   */
  public LookalikeScores score(AccountTable table, AccountTable referenceTable) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(referenceTable, "referenceTable");
    FeatureMatrix x = criteria.transform(table);
    FeatureMatrix r = referenceTable == table ? x : criteria.transform(referenceTable);
    return run(x, table, r, referenceTable, FitLimits.none());
  }

  private LookalikeScores run(FeatureMatrix x, AccountTable table, FeatureMatrix r,
      AccountTable refTable, FitLimits limits) {
    long started = System.nanoTime();
    long budget;
    try {
      budget = limits.timeLimit().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    } catch (ArithmeticException e) {
      budget = Long.MAX_VALUE;
    }
    long timeBudget = budget;
    Thread owner = Thread.currentThread();
    BooleanSupplier cancelled = limits.cancellation();
    AtomicReference<FitStatus> stop = new AtomicReference<>();
    int d = criteria.dimension();
    boolean[] selected = reference.resolve(refTable);
    int m = 0;
    int without = 0;
    int[] refRows = new int[selected.length];
    for (int i = 0; i < selected.length; i++) {
      if (selected[i]) {
        if (r.isComplete(i)) {
          refRows[m++] = i;
        } else {
          without++;
        }
      }
    }
    refRows = Arrays.copyOf(refRows, m);
    if (m == 0) {
      throw new DataValidationException("Reference set '" + reference.description() + "' selects "
          + without + " account(s) with features out of " + selected.length
          + "; lookalike scores need at least one reference account with features.");
    }
    double[] refData = r.toArray();
    double[] data = x == r ? refData : x.toArray();
    KdTree tree = KdTree.build(refData, d, refRows);

    // leave-one-out nearest-neighbour distances of the reference accounts
    double[] loo = new double[m];
    int looCount = 0;
    if (m >= 2) {
      double[] res = new double[2];
      for (int k = 0; k < m; k++) {
        tree.nearest(refData, refRows[k] * d, refRows[k], res);
        loo[looCount++] = Math.sqrt(res[1]);
      }
    }
    double d50 = looCount == 0 ? 0.0 : InsightSupport.median(loo, looCount);
    double h = halfDistance;
    if (Double.isNaN(h)) {
      if (d50 > 0) {
        h = d50;
      } else {
        double[] pos = new double[looCount];
        int p = 0;
        for (int k = 0; k < looCount; k++) {
          if (loo[k] > 0) {
            pos[p++] = loo[k];
          }
        }
        h = p > 0 ? InsightSupport.median(pos, p) : 1.0;
      }
    }

    int n = x.rowCount();
    double[] score = new double[n];
    double[] dist = new double[n];
    String[] nearest = new String[n];
    String[] reason = new String[n];
    String[] driverName = new String[n * drivers];
    double[] driverSq = new double[n * drivers];
    double[] driverShare = new double[n * drivers];
    for (RowIssue issue : x.issues()) {
      int i = issue.row();
      reason[i] = issue.reason().name() + ": criterion '" + issue.criterion() + "'";
    }
    int crit = criteria.fitted().size();
    int[] critStart = new int[crit + 1];
    String[] critName = new String[crit];
    for (int c = 0; c < crit; c++) {
      FittedCriterion f = criteria.fitted().get(c);
      critStart[c + 1] = critStart[c] + f.dimension();
      critName[c] = f.criterion().name();
    }
    double halfDist = h;
    double med = d50;
    // Visit accounts in the order of the tree leaf their point falls into, so that consecutive
    // searches share tree nodes and reference points in the CPU caches; every account's result is
    // exact and written to its own row, so the order changes nothing but speed.
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      long leaf = reason[i] == null ? tree.leafOf(data, i * d) : 0;
      order[i] = (leaf << 32) | i;
    }
    Arrays.sort(order);
    int blocks = BlockExecutor.blocks(n);
    try (BlockExecutor exec = BlockExecutor.create(parallelism, executor)) {
      exec.run(blocks, b -> {
        if (stop.get() != null) {
          return;
        }
        if (owner.isInterrupted() || exec.interruptSeen() || cancelled.getAsBoolean()) {
          stop.compareAndSet(null, FitStatus.CANCELLED);
          return;
        }
        if (timeBudget != Long.MAX_VALUE && System.nanoTime() - started >= timeBudget) {
          stop.compareAndSet(null, FitStatus.TIME_LIMIT);
          return;
        }
        int from = b * BlockExecutor.BLOCK_ROWS;
        int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
        double[] res = new double[2];
        double[] contrib = new double[crit];
        for (int pos = from; pos < to; pos++) {
          int i = (int) order[pos];
          if (reason[i] != null) {
            score[i] = Double.NaN;
            dist[i] = Double.NaN;
            nearest[i] = "";
            continue;
          }
          tree.nearest(data, i * d, -1, res);
          int ref = (int) res[0];
          double sq = res[1];
          double di = Math.sqrt(sq);
          dist[i] = di;
          score[i] = scoreOf(di, med, halfDist);
          nearest[i] = refTable.id(ref);
          if (drivers > 0 && sq > 0) {
            for (int c = 0; c < crit; c++) {
              double s = 0;
              for (int j = critStart[c]; j < critStart[c + 1]; j++) {
                double t = data[i * d + j] - refData[ref * d + j];
                s += t * t;
              }
              contrib[c] = s;
            }
            for (int slot = 0; slot < drivers; slot++) {
              int best = -1;
              for (int c = 0; c < crit; c++) {
                if (contrib[c] > 0 && (best < 0 || contrib[c] > contrib[best])) {
                  best = c;
                }
              }
              if (best < 0) {
                break;
              }
              int at = i * drivers + slot;
              driverName[at] = critName[best];
              driverSq[at] = contrib[best];
              driverShare[at] = Math.min(1.0, contrib[best] / sq);
              contrib[best] = -1;
            }
          }
        }
      });
    }
    if (stop.get() != null) {
      throw new FitStoppedException(stop.get(), "Lookalike scoring of " + n + " accounts");
    }
    for (int i = 0; i < n; i++) {
      if (reason[i] == null) {
        reason[i] = "";
      }
    }
    return new LookalikeScores(reference.description(), m, without, d50, h, drivers, x.accountIds(),
        score, dist, nearest, reason, driverName, driverSq, driverShare);
  }

  /**
   * The calibration: 100 up to {@code d50}, then halving every {@code h}.
   *
   * @param distance the distance to the nearest reference account
   * @param d50 the median leave-one-out distance of the reference accounts
   * @param h the half distance
   * @return the score in {@code [0, 100]}
   */
  static double scoreOf(double distance, double d50, double h) {
    if (distance <= d50) {
      return 100.0;
    }
    return 100.0 * Math.pow(2.0, -(distance - d50) / h);
  }

  /**
   * Returns one line with every parameter.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "Lookalike[reference=%s, features=%d, halfDistance=%s, drivers=%d, parallelism=%d]",
        reference.description(), criteria.dimension(),
        Double.isNaN(halfDistance) ? "auto" : Double.toString(halfDistance), drivers, parallelism);
  }

  /**
   * Builds a {@link Lookalike}. Mutable and not thread-safe; {@link #build()} copies.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final FittedCriteria criteria;
    private ReferenceSet reference;
    private double halfDistance = Double.NaN;
    private int drivers = DEFAULT_DRIVERS;
    private int parallelism = 1;
    private Executor executor;

    private Builder(FittedCriteria criteria) {
      this.criteria = criteria;
    }

    /**
     * Sets the reference set (required).
     *
     * @param reference the best customers
     * @return this builder
     */
    public Builder reference(ReferenceSet reference) {
      this.reference = Objects.requireNonNull(reference, "reference");
      return this;
    }

    /**
     * Sets the half distance {@code h}: beyond {@code d50} the score halves with every {@code h} of
     * further distance. Default: calibrated from the reference accounts (see the class definitions).
     *
     * @param h the half distance in feature-space units, finite and {@code > 0}
     * @return this builder
     * @throws IllegalArgumentException when {@code h} is not finite and positive
     */
    public Builder halfDistance(double h) {
      if (!(h > 0) || Double.isInfinite(h)) {
        throw new IllegalArgumentException(
            "Lookalike.halfDistance must be finite and > 0, was " + h + ".");
      }
      this.halfDistance = h;
      return this;
    }

    /**
     * Sets how many explaining criteria each account gets (default {@value #DEFAULT_DRIVERS}).
     *
     * @param count the number, {@code 0 ..} the number of criteria
     * @return this builder
     * @throws IllegalArgumentException when the count is negative or above the number of criteria
     */
    public Builder drivers(int count) {
      int max = criteria.fitted().size();
      if (count < 0 || count > max) {
        throw new IllegalArgumentException("Lookalike.drivers must be between 0 and the number of "
            + "criteria (" + max + "), was " + count + ".");
      }
      this.drivers = count;
      return this;
    }

    /**
     * Sets the number of threads (default 1, the calling thread). Results do not depend on it.
     *
     * @param threads the number of threads, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException(
            "Lookalike.parallelism must be >= 1, was " + threads + ".");
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Runs the blocks on the caller's executor instead of a private pool (used when
     * {@link #parallelism(int)} is above 1).
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the scorer.
     *
     * @return the scorer
     * @throws IllegalStateException when no reference set was given
     */
    public Lookalike build() {
      if (reference == null) {
        throw new IllegalStateException("Lookalike needs a reference set; call reference(...), for "
            + "example reference(ReferenceSet.topFraction(\"revenue\", 0.1)).");
      }
      return new Lookalike(this);
    }
  }
}
