package dev.segmentation.allocation.internal;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Exact depth-first branch and bound for small instances. The bound of a node is the Lagrangian bound
 * at fixed multipliers over the accounts not yet fixed and the remaining capacity (valid for any
 * multipliers {@code >= 0}); candidates are tried in decreasing reduced value. Proves optimality when it
 * finishes within its node limit.
 */
public final class BranchAndBound {

  /** Result of a search. */
  public static final class Result {
    /** Best choice vector found. */
    public final int[] choice;
    /** Its value. */
    public final double value;
    /** Whether the search finished, proving optimality. */
    public final boolean complete;
    /** Nodes explored. */
    public final long nodes;

    Result(int[] choice, double value, boolean complete, long nodes) {
      this.choice = choice;
      this.value = value;
      this.complete = complete;
      this.nodes = nodes;
    }
  }

  private final Mckp p;
  private final double[] lambda;
  private final double[] suffixBest;
  private final double[][] suffixMinUse;
  private final int[][] orderOf;
  private final long nodeLimit;
  private final BooleanSupplier stop;
  private final double[] cap;
  private final int[] cur;
  private int[] best;
  private double bestValue;
  private long nodes;
  private boolean aborted;

  private BranchAndBound(Mckp p, double[] lambda, int[] incumbent, long nodeLimit,
      BooleanSupplier stop) {
    this.p = p;
    this.lambda = lambda;
    this.nodeLimit = nodeLimit;
    this.stop = stop;
    int n = p.n;
    int m = p.m;
    suffixBest = new double[n + 1];
    suffixMinUse = new double[m][n + 1];
    orderOf = new int[n][];
    for (int i = n - 1; i >= 0; i--) {
      double bestRed = Double.NEGATIVE_INFINITY;
      int len = p.start[i + 1] - p.start[i];
      Integer[] ks = new Integer[len];
      double[] red = new double[len];
      for (int q = 0; q < len; q++) {
        int k = p.start[i] + q;
        ks[q] = k;
        red[q] = p.reduced(k, lambda);
        bestRed = Math.max(bestRed, red[q]);
      }
      Integer[] idx = new Integer[len];
      for (int q = 0; q < len; q++) {
        idx[q] = q;
      }
      Arrays.sort(idx, (a, b) -> {
        int c = Double.compare(red[b], red[a]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      orderOf[i] = new int[len];
      for (int q = 0; q < len; q++) {
        orderOf[i][q] = ks[idx[q]];
      }
      suffixBest[i] = suffixBest[i + 1] + bestRed;
      for (int r = 0; r < m; r++) {
        double mn = Double.POSITIVE_INFINITY;
        for (int k = p.start[i]; k < p.start[i + 1]; k++) {
          mn = Math.min(mn, p.use[k * m + r]);
        }
        suffixMinUse[r][i] = suffixMinUse[r][i + 1] + mn;
      }
    }
    cap = p.rhs.clone();
    cur = new int[n];
    best = incumbent == null ? null : incumbent.clone();
    bestValue = incumbent == null ? Double.NEGATIVE_INFINITY : Rounding.value(p, incumbent);
  }

  /**
   * Searches for the optimum.
   *
   * @param p the instance
   * @param lambda multipliers for the bound (the dual optimum gives the tightest root bound)
   * @param incumbent a feasible choice vector to start from, or {@code null}
   * @param nodeLimit maximum number of nodes
   * @param stop polled every 4096 nodes; {@code true} aborts the search
   * @return the best solution found and whether it is proven optimal
   */
  public static Result solve(
      Mckp p, double[] lambda, int[] incumbent, long nodeLimit, BooleanSupplier stop) {
    BranchAndBound b = new BranchAndBound(p, lambda, incumbent, nodeLimit, stop);
    b.dfs(0, 0.0);
    return new Result(b.best, b.bestValue, !b.aborted, b.nodes);
  }

  private void dfs(int i, double valueSoFar) {
    if (aborted) {
      return;
    }
    if (++nodes > nodeLimit || ((nodes & 4095) == 0 && stop.getAsBoolean())) {
      aborted = true;
      return;
    }
    int m = p.m;
    if (i == p.n) {
      if (valueSoFar > bestValue + 1e-12 * Math.max(1, Math.abs(bestValue))) {
        bestValue = valueSoFar;
        best = cur.clone();
      }
      return;
    }
    double bound = valueSoFar + suffixBest[i];
    for (int r = 0; r < m; r++) {
      bound += lambda[r] * cap[r];
      if (suffixMinUse[r][i] > cap[r] + Rounding.tol(p.rhs[r])) {
        return; // the remaining accounts cannot fit
      }
    }
    if (bound <= bestValue + 1e-9 * Math.max(1, Math.abs(bestValue))) {
      return;
    }
    for (int k : orderOf[i]) {
      boolean fits = true;
      for (int r = 0; r < m; r++) {
        if (cap[r] - p.use[k * m + r] + Rounding.tol(p.rhs[r]) < suffixMinUse[r][i + 1]) {
          fits = false;
          break;
        }
      }
      if (!fits) {
        continue;
      }
      for (int r = 0; r < m; r++) {
        cap[r] -= p.use[k * m + r];
      }
      cur[i] = k;
      dfs(i + 1, valueSoFar + p.value[k]);
      for (int r = 0; r < m; r++) {
        cap[r] += p.use[k * m + r];
      }
      if (aborted) {
        return;
      }
    }
  }
}
