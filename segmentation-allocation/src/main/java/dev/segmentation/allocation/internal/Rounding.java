package dev.segmentation.allocation.internal;

import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
   * Repairs, then improves a choice vector in place ({@link #repairAndImprove(AccountPasses,
   * double[], BooleanSupplier)} over {@link LocalAccounts}). The per-account scoring of each pass runs
   * in blocks of {@link BlockExecutor#BLOCK_ROWS} accounts on {@code exec}; every account's proposal
   * depends only on the state before the pass, so the result does not depend on the number of
   * threads.
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
    return repairAndImprove(new LocalAccounts(p, null, null, exec, choice), prices, stop);
  }

  /**
   * Repairs, then improves the choice of some accounts. Each pass asks the accounts for their
   * proposals ({@link AccountPasses#repairProposals}, {@link AccountPasses#improveProposals}: every
   * account's proposal depends only on the state before the pass), takes them in the order they are
   * handed out (by {@link #sortKey}: key, then account index) and applies them on this thread while
   * they still help, tracking the row use. The row use at the start is the block sum of {@link AccountPasses#usage}. {@code stop}
   * is checked before each improvement pass (not during the repair, which the feasibility of the plan
   * needs): once it is {@code true} the plan is returned as it is, feasible but with spare capacity
   * left unused.
   *
   * @param a the accounts and their choice, modified
   * @param prices non-negative prices of the rows used to rank moves (the dual multipliers)
   * @param stop tells when to skip the remaining improvement passes
   * @return {@code true} when the result is feasible
   */
  public static boolean repairAndImprove(AccountPasses a, double[] prices, BooleanSupplier stop) {
    double[] rhs = a.rhs();
    int m = rhs.length;
    double[] usage = a.usage();
    double[] scale = new double[m];
    for (int r = 0; r < m; r++) {
      scale[r] = Math.max(1e-12, Math.max(Math.abs(rhs[r]), 1.0));
    }
    for (int pass = 0; pass < 200 && !feasible(rhs, usage); pass++) {
      double before = PassKernels.violation(rhs, usage, scale);
      repairPass(a, rhs, usage, scale);
      if (!(PassKernels.violation(rhs, usage, scale) < before)) {
        break;
      }
    }
    if (!feasible(rhs, usage)) {
      return false;
    }
    for (int pass = 0; pass < 20 && !stop.getAsBoolean(); pass++) {
      if (!improvePass(a, rhs, usage, prices, scale)) {
        break;
      }
    }
    return true;
  }

  /** Tells whether a row use satisfies every row. */
  static boolean feasible(double[] rhs, double[] usage) {
    for (int r = 0; r < rhs.length; r++) {
      if (usage[r] > rhs[r] + tol(rhs[r])) {
        return false;
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
   * Repairs a choice vector in place by moving accounts to their least-using candidates ({@link
   * #repairTowardsLeastUsing(AccountPasses)} over {@link LocalAccounts}).
   *
   * @param p the instance
   * @param choice candidate per account, modified only when this returns {@code true}
   * @param exec the executor of the passes over blocks of accounts
   * @return {@code true} when the result is feasible; {@code false}, with {@code choice} unchanged,
   *     when the least-using candidates together are not feasible
   */
  public static boolean repairTowardsLeastUsing(Mckp p, int[] choice, BlockExecutor exec) {
    return repairTowardsLeastUsing(new LocalAccounts(p, null, null, exec, choice));
  }

  /**
   * Repairs the choice by moving accounts to their {@linkplain #leastUsing least-using candidates},
   * when these together are feasible. Each account that differs from that target is rated by the
   * value it loses per unit of scaled violation its move relieves at the start (moves that relieve
   * nothing come last; {@link PassKernels#leastUsingMove}); the accounts are grouped by rating in
   * 65,536 buckets of increasing rating ({@link #bucket}), and the moves of whole buckets are applied
   * up to the first bucket whose moves make the plan feasible; within that bucket, moves are applied
   * in rating order (ties by account index) until it is. The bucket is found in two levels of 256
   * groups ({@link AccountPasses#ratingHistogram}: use changes summed per block of accounts, blocks
   * in order, then groups in order). As every account on its target is feasible, so is the result
   * (if the sums' rounding leaves it infeasible, every account takes its target). The cost is a few
   * passes over the accounts and a sort of one bucket, whatever the violation: this is the repair
   * after a stop, where a feasible plan is needed quickly and the improvement passes are skipped.
   *
   * @param a the accounts and their choice, modified only when this returns {@code true}
   * @return {@code true} when the result is feasible; {@code false}, with the choice unchanged, when
   *     the least-using candidates together are not feasible
   */
  public static boolean repairTowardsLeastUsing(AccountPasses a) {
    double[] rhs = a.rhs();
    int m = rhs.length;
    double[] sums = a.leastUsingSums();
    double[] usage = Arrays.copyOf(sums, m);
    double[] targetUsage = Arrays.copyOfRange(sums, m, 2 * m);
    if (feasible(rhs, usage)) {
      return true;
    }
    if (!feasible(rhs, targetUsage)) {
      return false;
    }
    double[] scale = new double[m];
    for (int r = 0; r < m; r++) {
      scale[r] = Math.max(1e-12, Math.max(Math.abs(rhs[r]), 1.0));
    }
    double v0 = PassKernels.violation(rhs, usage, scale);
    // the first group (of the high byte, then of the low byte) after whose moves, with those of
    // every lower group, the plan is feasible
    double[] running = usage.clone();
    int coarse = cutGroup(rhs, a.ratingHistogram(usage, scale, v0, -1), running);
    int fine = coarse < 0 ? -1
        : cutGroup(rhs, a.ratingHistogram(usage, scale, v0, coarse), running);
    if (fine < 0) {
      a.leastUsing();
      return true;
    }
    int cut = coarse << 8 | fine;
    // within the cut bucket: moves in rating order until feasible
    AccountPasses.Proposals in = a.bucketAccounts(usage, scale, v0, cut);
    List<long[]> keyed = new ArrayList<>();
    for (int j = in.next(); j >= 0; j = in.next()) {
      keyed.add(new long[] {sortKey(in.key(j), false, in.account(j)), j});
    }
    keyed.sort((x, y) -> Long.compare(x[0], y[0]));
    int[] applied = new int[keyed.size()];
    int count = 0;
    for (long[] e : keyed) {
      if (feasible(rhs, running)) {
        break;
      }
      int j = (int) e[1];
      for (int r = 0; r < m; r++) {
        running[r] += in.to(j, r) - in.from(j, r);
      }
      applied[count++] = j;
    }
    a.moveBelow(usage, scale, v0, cut, in, applied, count);
    if (!feasible(rhs, a.usage())) {
      // rounding of the running sums: finish on the target, which is feasible
      a.leastUsing();
    }
    return true;
  }

  /**
   * Adds the groups of a histogram level to {@code running} in order up to the first after whose
   * addition the plan is feasible (that one not added); returns it, or the last non-empty group.
   */
  private static int cutGroup(double[] rhs, double[] hist, double[] running) {
    int m = rhs.length;
    int last = -1;
    double[] next = new double[m];
    for (int g = 0; g < 256; g++) {
      if (hist[256 * m + g] > 0) {
        last = g;
        for (int r = 0; r < m; r++) {
          next[r] = running[r] + hist[g * m + r];
        }
        if (feasible(rhs, next)) {
          break;
        }
        System.arraycopy(next, 0, running, 0, m);
      }
    }
    return last;
  }

  /**
   * The bucket of a rating in the fast repair: the leading 16 bits of its single-precision form in
   * orderable form.
   *
   * @param score the rating
   * @return the bucket, in {@code [0, 65536)}
   */
  public static int bucket(double score) {
    return (int) (orderable(score) >>> (32 - BUCKET_BITS));
  }

  /** Buckets of {@link #repairTowardsLeastUsing}: leading bits of a rating in orderable form. */
  private static final int BUCKET_BITS = 16;

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

  /**
   * One repair pass: every account proposes the move that lowers the total scaled violation most per
   * unit of value lost; moves are applied in that order while they still lower the violation (a move may
   * overfill a satisfied row if it relieves more elsewhere).
   */
  private static void repairPass(AccountPasses a, double[] rhs, double[] usage, double[] scale) {
    int m = rhs.length;
    double v0 = PassKernels.violation(rhs, usage, scale);
    AccountPasses.Proposals props = a.repairProposals(usage, scale, v0);
    double[] after = new double[m];
    int[] applied = new int[16];
    int count = 0;
    double v = v0;
    while (v > 0) {
      int j = props.next();
      if (j < 0) {
        break;
      }
      for (int r = 0; r < m; r++) {
        after[r] = usage[r] - props.from(j, r) + props.to(j, r);
      }
      double va = PassKernels.violation(rhs, after, scale);
      if (va < v) {
        for (int r = 0; r < m; r++) {
          usage[r] += props.to(j, r) - props.from(j, r);
        }
        if (count == applied.length) {
          applied = Arrays.copyOf(applied, 2 * count);
        }
        applied[count++] = j;
        v = va;
      }
    }
    a.accept(props, applied, count);
  }

  private static boolean improvePass(AccountPasses a, double[] rhs, double[] usage, double[] prices,
      double[] scale) {
    int m = rhs.length;
    AccountPasses.Proposals props = a.improveProposals(usage, prices, scale);
    int[] applied = new int[16];
    int count = 0;
    for (int j = props.next(); j >= 0; j = props.next()) {
      boolean fits = true;
      for (int r = 0; r < m; r++) {
        double after = usage[r] - props.from(j, r) + props.to(j, r);
        if (after > usage[r] && after > rhs[r] + tol(rhs[r])) {
          fits = false;
          break;
        }
      }
      if (fits) {
        for (int r = 0; r < m; r++) {
          usage[r] += props.to(j, r) - props.from(j, r);
        }
        if (count == applied.length) {
          applied = Arrays.copyOf(applied, 2 * count);
        }
        applied[count++] = j;
      }
    }
    a.accept(props, applied, count);
    return count > 0;
  }

  /**
   * The order in which proposals are tried: {@code (orderable float bits of the key << 32) | account},
   * compared as signed longs (the key negated for a descending order). Keys are compared in single
   * precision, which is enough to order heuristic moves; ties go by account index.
   *
   * @param key the proposal's key
   * @param descending whether larger keys come first
   * @param account the proposing account
   * @return the sort key
   */
  public static long sortKey(double key, boolean descending, int account) {
    return (orderable(descending ? -key : key) << 32) | (account & 0xFFFFFFFFL);
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
