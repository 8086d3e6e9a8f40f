package dev.segmentation.allocation.internal;

import java.util.Arrays;

/**
 * Turns the per-account choices at the dual multipliers into a feasible plan (repair) and then spends
 * the remaining slack on the most efficient upgrades (improve). Deterministic: candidates are ordered by
 * score, ties by account index.
 */
public final class Rounding {

  /** Relative feasibility tolerance of a row: {@code usage <= rhs + FEAS_TOL * max(1, |rhs|)}. */
  public static final double FEAS_TOL = 1e-9;

  private Rounding() {}

  /**
   * Tolerance of a row.
   *
   * @param rhs right-hand side
   * @return absolute tolerance
   */
  public static double tol(double rhs) {
    return FEAS_TOL * Math.max(1.0, Math.abs(rhs));
  }

  /**
   * Row use of a choice vector.
   *
   * @param p the instance
   * @param choice candidate per account
   * @return use per row
   */
  public static double[] usage(Mckp p, int[] choice) {
    double[] u = new double[p.m];
    for (int i = 0; i < p.n; i++) {
      int base = choice[i] * p.m;
      for (int r = 0; r < p.m; r++) {
        u[r] += p.use[base + r];
      }
    }
    return u;
  }

  /**
   * Tells whether a choice vector satisfies every row.
   *
   * @param p the instance
   * @param usage its row use
   * @return {@code true} when feasible
   */
  public static boolean feasible(Mckp p, double[] usage) {
    for (int r = 0; r < p.m; r++) {
      if (usage[r] > p.rhs[r] + tol(p.rhs[r])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Repairs then improves a choice vector in place.
   *
   * @param p the instance
   * @param choice candidate per account, modified
   * @param prices non-negative prices of the rows used to rank moves (the dual multipliers)
   * @return {@code true} when the result is feasible
   */
  public static boolean repairAndImprove(Mckp p, int[] choice, double[] prices) {
    double[] usage = usage(p, choice);
    double[] scale = new double[p.m];
    for (int r = 0; r < p.m; r++) {
      scale[r] = Math.max(1e-12, Math.max(Math.abs(p.rhs[r]), 1.0));
    }
    for (int pass = 0; pass < 200 && !feasible(p, usage); pass++) {
      double before = violation(p, usage, scale);
      repairPass(p, choice, usage, scale);
      if (!(violation(p, usage, scale) < before)) {
        break;
      }
    }
    if (!feasible(p, usage)) {
      return false;
    }
    for (int pass = 0; pass < 20; pass++) {
      if (!improvePass(p, choice, usage, prices, scale)) {
        break;
      }
    }
    return true;
  }

  /** Total scaled violation of the rows. */
  private static double violation(Mckp p, double[] usage, double[] scale) {
    double v = 0;
    for (int r = 0; r < p.m; r++) {
      double over = usage[r] - p.rhs[r] - tol(p.rhs[r]);
      if (over > 0) {
        v += over / scale[r];
      }
    }
    return v;
  }

  /**
   * One repair pass: every account proposes the move that lowers the total scaled violation most per
   * unit of value lost; moves are applied in that order while they still lower the violation (a move may
   * overfill a satisfied row if it relieves more elsewhere).
   */
  private static void repairPass(Mckp p, int[] choice, double[] usage, double[] scale) {
    int m = p.m;
    double v0 = violation(p, usage, scale);
    double[] score = new double[p.n];
    int[] move = new int[p.n];
    int count = 0;
    double[] after = new double[m];
    for (int i = 0; i < p.n; i++) {
      int cur = choice[i];
      double bestScore = Double.POSITIVE_INFINITY;
      int bestK = -1;
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        if (k == cur) {
          continue;
        }
        for (int r = 0; r < m; r++) {
          after[r] = usage[r] - p.use[cur * m + r] + p.use[k * m + r];
        }
        double relief = v0 - violation(p, after, scale);
        if (!(relief > 0)) {
          continue;
        }
        double s = (p.value[cur] - p.value[k]) / relief;
        if (s < bestScore) {
          bestScore = s;
          bestK = k;
        }
      }
      score[i] = bestScore;
      move[i] = bestK;
      if (bestK >= 0) {
        count++;
      }
    }
    int[] order = sortedByKey(score, move, count, false);
    double v = v0;
    for (int idx : order) {
      if (v <= 0) {
        return;
      }
      int cur = choice[idx];
      int k = move[idx];
      for (int r = 0; r < m; r++) {
        after[r] = usage[r] - p.use[cur * m + r] + p.use[k * m + r];
      }
      double va = violation(p, after, scale);
      if (va < v) {
        apply(p, choice, usage, idx, k);
        v = va;
      }
    }
  }

  private static boolean improvePass(
      Mckp p, int[] choice, double[] usage, double[] prices, double[] scale) {
    int m = p.m;
    double[] eff = new double[p.n];
    int[] move = new int[p.n];
    int count = 0;
    for (int i = 0; i < p.n; i++) {
      int cur = choice[i];
      double bestEff = 0;
      int bestK = -1;
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        double gain = p.value[k] - p.value[cur];
        if (k == cur || !(gain > 0)) {
          continue;
        }
        boolean fits = true;
        double price = 0;
        for (int r = 0; r < m; r++) {
          double d = p.use[k * m + r] - p.use[cur * m + r];
          if (d > 0) {
            if (usage[r] + d > p.rhs[r] + tol(p.rhs[r])) {
              fits = false;
              break;
            }
            price += d * Math.max(prices[r], 1e-9 / scale[r]);
          }
        }
        if (!fits) {
          continue;
        }
        double e = price <= 0 ? Double.POSITIVE_INFINITY : gain / price;
        if (e > bestEff || (e == bestEff && bestK >= 0 && p.value[k] > p.value[bestK])) {
          bestEff = e;
          bestK = k;
        }
      }
      eff[i] = bestEff;
      move[i] = bestK;
      if (bestK >= 0) {
        count++;
      }
    }
    if (count == 0) {
      return false;
    }
    int[] order = sortedByKey(eff, move, count, true);
    boolean changed = false;
    for (int idx : order) {
      int cur = choice[idx];
      int k = move[idx];
      boolean fits = true;
      for (int r = 0; r < m; r++) {
        double after = usage[r] - p.use[cur * m + r] + p.use[k * m + r];
        if (after > usage[r] && after > p.rhs[r] + tol(p.rhs[r])) {
          fits = false;
          break;
        }
      }
      if (fits) {
        apply(p, choice, usage, idx, k);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Indices {@code i} with {@code move[i] >= 0}, sorted by {@code key[i]} (ascending, or descending),
   * ties by index. Keys are compared in single precision, which is enough to order heuristic moves; the
   * sort is on primitive longs {@code (orderable float bits << 32) | index}.
   */
  static int[] sortedByKey(double[] key, int[] move, int count, boolean descending) {
    long[] packed = new long[count];
    int q = 0;
    for (int i = 0; i < move.length; i++) {
      if (move[i] >= 0) {
        float f = (float) (descending ? -key[i] : key[i]);
        int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
        int orderable = bits ^ ((bits >> 31) & 0x7FFFFFFF);
        long hi = (long) (orderable ^ Integer.MIN_VALUE) & 0xFFFFFFFFL;
        packed[q++] = (hi << 32) | (i & 0xFFFFFFFFL);
      }
    }
    Arrays.sort(packed);
    int[] out = new int[count];
    for (int t = 0; t < count; t++) {
      out[t] = (int) packed[t];
    }
    return out;
  }

  private static void apply(Mckp p, int[] choice, double[] usage, int i, int k) {
    int m = p.m;
    int cur = choice[i];
    for (int r = 0; r < m; r++) {
      usage[r] += p.use[k * m + r] - p.use[cur * m + r];
    }
    choice[i] = k;
  }

  /**
   * Objective value of a choice vector.
   *
   * @param p the instance
   * @param choice candidate per account
   * @return the total value
   */
  public static double value(Mckp p, int[] choice) {
    double v = 0;
    for (int k : choice) {
      v += p.value[k];
    }
    return v;
  }
}
