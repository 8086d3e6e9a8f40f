package dev.segmentation.allocation.internal;

import dev.segmentation.core.internal.BlockExecutor;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

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
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      return repairAndImprove(p, choice, prices, exec, () -> false);
    }
  }

  /**
   * Repairs, then improves a choice vector in place. The per-account scoring of each pass runs in
   * blocks of {@link BlockExecutor#BLOCK_ROWS} accounts on {@code exec}; every account's proposal
   * depends only on the state before the pass, so the result does not depend on the number of
   * threads. {@code stop} is checked before each improvement pass (not during the repair, which the
   * feasibility of the plan needs): once it is {@code true} the plan is returned as it is, feasible
   * but with spare capacity left unused.
   *
   * @param p the instance
   * @param choice candidate per account, modified
   * @param prices non-negative prices of the rows used to rank moves (the dual multipliers)
   * @param exec the executor of the scoring passes
   * @param stop tells when to skip the remaining improvement passes
   * @return {@code true} when the result is feasible
   */
  public static boolean repairAndImprove(
      Mckp p, int[] choice, double[] prices, BlockExecutor exec, BooleanSupplier stop) {
    double[] usage = usage(p, choice);
    double[] scale = new double[p.m];
    for (int r = 0; r < p.m; r++) {
      scale[r] = Math.max(1e-12, Math.max(Math.abs(p.rhs[r]), 1.0));
    }
    for (int pass = 0; pass < 200 && !feasible(p, usage); pass++) {
      double before = violation(p, usage, scale);
      repairPass(p, choice, usage, scale, exec);
      if (!(violation(p, usage, scale) < before)) {
        break;
      }
    }
    if (!feasible(p, usage)) {
      return false;
    }
    for (int pass = 0; pass < 20 && !stop.getAsBoolean(); pass++) {
      if (!improvePass(p, choice, usage, prices, scale, exec)) {
        break;
      }
    }
    return true;
  }

  /**
   * Weights of the rows in {@link #leastUsing}: {@code 1 / max(1, |rhs|)}.
   *
   * @param p the instance
   * @return one weight per row
   */
  public static double[] leastUsingWeights(Mckp p) {
    double[] w = new double[p.m];
    for (int r = 0; r < p.m; r++) {
      w[r] = 1.0 / Math.max(1.0, Math.abs(p.rhs[r]));
    }
    return w;
  }

  /**
   * An account's candidate of least weighted use (ties: the lower candidate).
   *
   * @param p the instance
   * @param i the account
   * @param w the row weights of {@link #leastUsingWeights}
   * @return the candidate
   */
  public static int leastUsing(Mckp p, int i, double[] w) {
    int best = p.start[i];
    double bu = Double.POSITIVE_INFINITY;
    for (int k = p.start[i]; k < p.start[i + 1]; k++) {
      double u = 0;
      for (int r = 0; r < p.m; r++) {
        u += w[r] * p.use[k * p.m + r];
      }
      if (u < bu) {
        bu = u;
        best = k;
      }
    }
    return best;
  }

  /**
   * Repairs a choice vector in place by moving accounts to their {@linkplain #leastUsing least-using
   * candidates}, when these together are feasible. Each account that differs from that target is
   * rated by the value it loses per unit of scaled violation its move relieves at the start (moves
   * that relieve nothing come last); the accounts are grouped by rating in 65,536 buckets of
   * increasing rating, and the moves of whole buckets are applied up to the first bucket whose moves
   * make the plan feasible; within that bucket, moves are applied in rating order (ties by account
   * index) until it is. As every account on its target is feasible, so is the result. The cost is a
   * few passes over the accounts in their order (the first and last on {@code exec}) and a sort of one
   * bucket, whatever the violation: this is the repair after a stop, where a feasible plan is needed
   * quickly and the improvement passes are skipped.
   *
   * @param p the instance
   * @param choice candidate per account, modified only when this returns {@code true}
   * @param exec the executor of the passes over blocks of accounts
   * @return {@code true} when the result is feasible; {@code false}, with {@code choice} unchanged,
   *     when the least-using candidates together are not feasible
   */
  public static boolean repairTowardsLeastUsing(Mckp p, int[] choice, BlockExecutor exec) {
    int m = p.m;
    int n = p.n;
    double[] w = leastUsingWeights(p);
    int[] target = new int[n];
    int blocks = BlockExecutor.blocks(n);
    double[][] parts = new double[blocks][];
    exec.run(blocks, b -> {
      int to = Math.min(n, (b + 1) * BlockExecutor.BLOCK_ROWS);
      double[] sums = new double[2 * m];
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
        int k = leastUsing(p, i, w);
        target[i] = k;
        for (int r = 0; r < m; r++) {
          sums[r] += p.use[choice[i] * m + r];
          sums[m + r] += p.use[k * m + r];
        }
      }
      parts[b] = sums;
    });
    double[] usage = new double[m];
    double[] targetUsage = new double[m];
    for (double[] sums : parts) {
      for (int r = 0; r < m; r++) {
        usage[r] += sums[r];
        targetUsage[r] += sums[m + r];
      }
    }
    if (feasible(p, usage)) {
      return true;
    }
    if (!feasible(p, targetUsage)) {
      return false;
    }
    double[] scale = new double[m];
    for (int r = 0; r < m; r++) {
      scale[r] = Math.max(1e-12, Math.max(Math.abs(p.rhs[r]), 1.0));
    }
    double v0 = violation(p, usage, scale);
    double[] score = new double[n];
    int[] bucket = new int[n];
    exec.run(BlockExecutor.blocks(n), b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      double[] trial = new double[m];
      for (int i = from; i < to; i++) {
        int cur = choice[i];
        int k = target[i];
        if (cur == k) {
          bucket[i] = -1;
          continue;
        }
        for (int r = 0; r < m; r++) {
          trial[r] = usage[r] - p.use[cur * m + r] + p.use[k * m + r];
        }
        double relief = v0 - violation(p, trial, scale);
        score[i] = relief > 0 ? (p.value[cur] - p.value[k]) / relief : Double.POSITIVE_INFINITY;
        bucket[i] = (int) (orderable(score[i]) >>> (32 - BUCKET_BITS));
      }
    });
    // use change of each bucket's moves, summed in account order
    double[] delta = new double[BUCKETS * m];
    boolean[] filled = new boolean[BUCKETS];
    for (int i = 0; i < n; i++) {
      int b = bucket[i];
      if (b >= 0) {
        filled[b] = true;
        for (int r = 0; r < m; r++) {
          delta[b * m + r] += p.use[target[i] * m + r] - p.use[choice[i] * m + r];
        }
      }
    }
    // the first bucket after whose moves (with those of every lower bucket) the plan is feasible
    int last = -1;
    double[] running = usage.clone();
    double[] next = new double[m];
    for (int b = 0; b < BUCKETS; b++) {
      if (filled[b]) {
        last = b;
        for (int r = 0; r < m; r++) {
          next[r] = running[r] + delta[b * m + r];
        }
        if (feasible(p, next)) {
          break;
        }
        System.arraycopy(next, 0, running, 0, m);
      }
    }
    int cut = last;
    int inCut = 0;
    for (int i = 0; i < n; i++) {
      if (bucket[i] >= 0 && bucket[i] < cut) {
        apply(p, choice, usage, i, target[i]);
      } else if (bucket[i] == cut) {
        inCut++;
      }
    }
    long[] packed = new long[inCut];
    int q = 0;
    for (int i = 0; i < n; i++) {
      if (bucket[i] == cut) {
        packed[q++] = (orderable(score[i]) << 32) | i;
      }
    }
    Arrays.sort(packed);
    for (long key : packed) {
      if (feasible(p, usage)) {
        break;
      }
      int i = (int) key;
      apply(p, choice, usage, i, target[i]);
    }
    if (!feasible(p, blockUsage(p, choice, exec))) {
      // rounding of the running sums: finish on the target, which is feasible
      System.arraycopy(target, 0, choice, 0, n);
    }
    return true;
  }

  /** Row use of a choice vector, summed per block of accounts, blocks combined in order. */
  private static double[] blockUsage(Mckp p, int[] choice, BlockExecutor exec) {
    int m = p.m;
    int blocks = BlockExecutor.blocks(p.n);
    double[][] parts = new double[blocks][];
    exec.run(blocks, b -> {
      int to = Math.min(p.n, (b + 1) * BlockExecutor.BLOCK_ROWS);
      double[] sums = new double[m];
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
        for (int r = 0; r < m; r++) {
          sums[r] += p.use[choice[i] * m + r];
        }
      }
      parts[b] = sums;
    });
    double[] u = new double[m];
    for (double[] sums : parts) {
      for (int r = 0; r < m; r++) {
        u[r] += sums[r];
      }
    }
    return u;
  }

  /** Buckets of {@link #repairTowardsLeastUsing}: leading bits of a rating in orderable form. */
  private static final int BUCKET_BITS = 16;

  private static final int BUCKETS = 1 << BUCKET_BITS;

  /**
   * The single-precision form of a key as an unsigned 32-bit number in the key's order ({@code -0.0}
   * as {@code 0.0}), in the low bits of a {@code long}.
   */
  private static long orderable(double key) {
    float f = (float) key;
    int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
    int orderable = bits ^ ((bits >> 31) & 0x7FFFFFFF);
    return (long) (orderable ^ Integer.MIN_VALUE) & 0xFFFFFFFFL;
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
  private static void repairPass(
      Mckp p, int[] choice, double[] usage, double[] scale, BlockExecutor exec) {
    int m = p.m;
    double v0 = violation(p, usage, scale);
    double[] score = new double[p.n];
    int[] move = new int[p.n];
    exec.run(BlockExecutor.blocks(p.n), b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(p.n, from + BlockExecutor.BLOCK_ROWS);
      double[] trial = new double[m];
      for (int i = from; i < to; i++) {
        int cur = choice[i];
        double bestScore = Double.POSITIVE_INFINITY;
        int bestK = -1;
        for (int k = p.start[i]; k < p.start[i + 1]; k++) {
          if (k == cur) {
            continue;
          }
          for (int r = 0; r < m; r++) {
            trial[r] = usage[r] - p.use[cur * m + r] + p.use[k * m + r];
          }
          double relief = v0 - violation(p, trial, scale);
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
      }
    });
    int count = count(move);
    double[] after = new double[m];
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

  private static boolean improvePass(Mckp p, int[] choice, double[] usage, double[] prices,
      double[] scale, BlockExecutor exec) {
    int m = p.m;
    double[] eff = new double[p.n];
    int[] move = new int[p.n];
    exec.run(BlockExecutor.blocks(p.n), b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(p.n, from + BlockExecutor.BLOCK_ROWS);
      for (int i = from; i < to; i++) {
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
      }
    });
    int count = count(move);
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

  /** Number of accounts with a proposed move. */
  private static int count(int[] move) {
    int count = 0;
    for (int k : move) {
      if (k >= 0) {
        count++;
      }
    }
    return count;
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
        packed[q++] = (orderable(descending ? -key[i] : key[i]) << 32) | (i & 0xFFFFFFFFL);
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
