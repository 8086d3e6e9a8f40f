package dev.segmentation.allocation.internal;

import dev.segmentation.core.internal.BlockExecutor;

/**
 * A multiple-choice knapsack instance with several resource rows, the compiled form of an allocation
 * problem: every account {@code i} picks exactly one of its candidates {@code k in [start[i],
 * start[i+1])}; candidate {@code k} is option {@code option[k]} with objective value {@code value[k]}
 * and use {@code use[k * m + r]} of row {@code r}; rows are limits {@code sum use <= rhs[r]} (a
 * minimum service level is a row with negative use). Candidates of an account are in increasing option
 * order. Immutable after construction by the compiler; no I/O.
 */
public final class Mckp {

  /** Number of accounts. */
  public final int n;
  /** Number of rows (limits). */
  public final int m;
  /** Candidate range of each account, {@code n + 1} entries. */
  public final int[] start;
  /** Option index of each candidate. */
  public final int[] option;
  /** Objective value of each candidate. */
  public final double[] value;
  /** Row use of each candidate, {@code m} per candidate. */
  public final double[] use;
  /** Right-hand side of each row. */
  public final double[] rhs;

  /**
   * Wraps arrays (not copied).
   *
   * @param n accounts
   * @param m rows
   * @param start candidate ranges
   * @param option option per candidate
   * @param value value per candidate
   * @param use row use per candidate
   * @param rhs row right-hand sides
   */
  public Mckp(int n, int m, int[] start, int[] option, double[] value, double[] use, double[] rhs) {
    this.n = n;
    this.m = m;
    this.start = start;
    this.option = option;
    this.value = value;
    this.use = use;
    this.rhs = rhs;
  }

  /** The outcome of evaluating the dual function at a multiplier vector. */
  public static final class Eval {
    /** Dual function value {@code L(lambda)}: an upper bound on the LP (and integer) optimum. */
    public double bound;
    /** Chosen candidate per account (best reduced value; ties: less weighted use, then lower option). */
    public final int[] choice;
    /** Row use of the chosen candidates. */
    public final double[] usage;
    /** Objective value of the chosen candidates. */
    public double value;

    Eval(int n, int m) {
      choice = new int[n];
      usage = new double[m];
    }
  }

  /**
   * Evaluates {@code L(lambda) = sum_r lambda_r rhs_r + sum_i max_k (value_k - lambda . use_k)} on one
   * thread.
   *
   * @param lambda multipliers, {@code >= 0}
   * @param tieWeights weights of the tie-break on use (prefer the candidate with the smallest
   *     {@code tieWeights . use}); may be all zero
   * @return the evaluation
   */
  public Eval evaluate(double[] lambda, double[] tieWeights) {
    return evaluate(lambda, tieWeights, BlockExecutor.create(1, null));
  }

  /**
   * Evaluates the dual function, in fixed blocks of accounts whose partial sums are combined in block
   * order, so the result does not depend on the number of threads.
   *
   * @param lambda multipliers, {@code >= 0}
   * @param tieWeights weights of the tie-break on use
   * @param exec block executor
   * @return the evaluation
   */
  public Eval evaluate(double[] lambda, double[] tieWeights, BlockExecutor exec) {
    return evaluate(lambda, tieWeights, exec, () -> false);
  }

  /**
   * Evaluates the dual function as {@link #evaluate(double[], double[], BlockExecutor)} does, but
   * gives up when {@code abort} (checked before each block of {@link BlockExecutor#BLOCK_ROWS}
   * accounts, on the executor's threads) returns {@code true}: then the remaining blocks are skipped
   * and the result is {@code null}. A completed evaluation equals the one without {@code abort}.
   *
   * @param lambda multipliers, {@code >= 0}
   * @param tieWeights weights of the tie-break on use
   * @param exec block executor
   * @param abort tells when to give up; must be safe to call from any thread
   * @return the evaluation, or {@code null} when it was given up
   */
  public Eval evaluate(
      double[] lambda, double[] tieWeights, BlockExecutor exec, java.util.function.BooleanSupplier abort) {
    Eval e = new Eval(n, m);
    int blocks = BlockExecutor.blocks(n);
    double[][] parts = new double[blocks][];
    java.util.concurrent.atomic.AtomicBoolean gaveUp = new java.util.concurrent.atomic.AtomicBoolean();
    exec.run(blocks, b -> {
      if (gaveUp.get() || abort.getAsBoolean()) {
        gaveUp.set(true);
        return;
      }
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      double[] acc = new double[m + 2];
      price(from, to, lambda, tieWeights, e.choice, 0, acc);
      parts[b] = acc;
    });
    if (gaveUp.get()) {
      return null;
    }
    combine(lambda, java.util.Arrays.asList(parts), e);
    return e;
  }

  /**
   * Prices accounts {@code [from, to)} at the multipliers: each takes its candidate of best reduced
   * value {@code value_k - lambda . use_k} (ties: smaller {@code tieWeights . use_k}, then the lower
   * candidate), and the sums are accumulated in account order into {@code acc}: {@code acc[0] +=}
   * best reduced value, {@code acc[1] +=} its objective value, {@code acc[2 + r] +=} its use of row
   * {@code r}. This is the one per-account pricing loop, run per block of {@link
   * BlockExecutor#BLOCK_ROWS} accounts by {@link #evaluate(double[], double[], BlockExecutor)} and per
   * block of a Spark partition by the distributed solver.
   *
   * @param from first account
   * @param to end account (exclusive)
   * @param lambda multipliers
   * @param tieWeights weights of the tie-break on use
   * @param choice receives the chosen candidate of account {@code i} at {@code i - choiceOffset}, or
   *     {@code null}
   * @param choiceOffset offset of the choice array
   * @param acc the {@code m + 2} running sums
   */
  public void price(int from, int to, double[] lambda, double[] tieWeights, int[] choice,
      int choiceOffset, double[] acc) {
    for (int i = from; i < to; i++) {
      int best = -1;
      double bestRed = Double.NEGATIVE_INFINITY;
      for (int k = start[i]; k < start[i + 1]; k++) {
        double red = value[k];
        int base = k * m;
        for (int r = 0; r < m; r++) {
          red -= lambda[r] * use[base + r];
        }
        if (red > bestRed) {
          best = k;
          bestRed = red;
        } else if (red == bestRed && tie(k, tieWeights) < tie(best, tieWeights)) {
          best = k;
        }
      }
      if (choice != null) {
        choice[i - choiceOffset] = best;
      }
      acc[0] += bestRed;
      acc[1] += value[best];
      int base = best * m;
      for (int r = 0; r < m; r++) {
        acc[2 + r] += use[base + r];
      }
    }
  }

  /**
   * Combines per-block sums of {@link #price} in block order into the dual value, the objective
   * value and the row use: {@code L = sum_r lambda_r rhs_r + sum_b acc_b[0]}.
   *
   * @param lambda multipliers
   * @param parts the sums of each block of {@link BlockExecutor#BLOCK_ROWS} accounts, in block order
   * @return the evaluation (its choice array is empty)
   */
  public Eval combine(double[] lambda, java.util.List<double[]> parts) {
    Eval e = new Eval(0, m);
    combine(lambda, parts, e);
    return e;
  }

  private void combine(double[] lambda, java.util.List<double[]> parts, Eval e) {
    double bound = 0;
    for (int r = 0; r < m; r++) {
      bound += lambda[r] * rhs[r];
    }
    double total = 0;
    for (double[] part : parts) {
      bound += part[0];
      total += part[1];
      for (int r = 0; r < m; r++) {
        e.usage[r] += part[2 + r];
      }
    }
    e.bound = bound;
    e.value = total;
  }

  private double tie(int k, double[] w) {
    double t = 0;
    for (int r = 0; r < m; r++) {
      t += w[r] * use[k * m + r];
    }
    return t;
  }

  /**
   * Reduced value of a candidate.
   *
   * @param k candidate
   * @param lambda multipliers
   * @return {@code value_k - lambda . use_k}
   */
  public double reduced(int k, double[] lambda) {
    double red = value[k];
    for (int r = 0; r < m; r++) {
      red -= lambda[r] * use[k * m + r];
    }
    return red;
  }

  /**
   * The best candidate of an account other than the given one at the multipliers (the runner-up of
   * a plan's explanation; ties: the first in candidate order).
   *
   * @param i account
   * @param k the account's chosen candidate
   * @param lambda multipliers
   * @return the runner-up candidate, or {@code -1} when the account has no other candidate
   */
  public int runnerUp(int i, int k, double[] lambda) {
    double other = Double.NEGATIVE_INFINITY;
    int best = -1;
    for (int q = start[i]; q < start[i + 1]; q++) {
      if (q != k) {
        double red = reduced(q, lambda);
        if (red > other) {
          other = red;
          best = q;
        }
      }
    }
    return best;
  }
}
