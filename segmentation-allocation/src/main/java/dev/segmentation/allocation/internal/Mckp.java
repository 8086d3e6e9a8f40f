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
    Eval e = new Eval(n, m);
    int blocks = BlockExecutor.blocks(n);
    double[] partBound = new double[blocks];
    double[] partValue = new double[blocks];
    double[][] partUse = new double[blocks][m];
    exec.run(blocks, b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      double bound = 0;
      double total = 0;
      double[] usage = partUse[b];
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
        e.choice[i] = best;
        bound += bestRed;
        total += value[best];
        int base = best * m;
        for (int r = 0; r < m; r++) {
          usage[r] += use[base + r];
        }
      }
      partBound[b] = bound;
      partValue[b] = total;
    });
    double bound = 0;
    for (int r = 0; r < m; r++) {
      bound += lambda[r] * rhs[r];
    }
    double total = 0;
    for (int b = 0; b < blocks; b++) {
      bound += partBound[b];
      total += partValue[b];
      for (int r = 0; r < m; r++) {
        e.usage[r] += partUse[b][r];
      }
    }
    e.bound = bound;
    e.value = total;
    return e;
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
}
