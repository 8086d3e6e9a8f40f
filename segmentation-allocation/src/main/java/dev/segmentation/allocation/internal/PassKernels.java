package dev.segmentation.allocation.internal;

/**
 * The per-account work of the passes of {@link AccountPasses}: one function per kind of pass, called
 * for each account where the accounts live (on threads over one instance, or in a Spark partition over
 * the partition's own instance, whose candidate indices are local). Being the one copy of this
 * arithmetic is what makes every implementation give the same proposals bit for bit.
 */
public final class PassKernels {

  private PassKernels() {}

  /**
   * Total scaled violation of the rows.
   *
   * @param rhs right-hand sides
   * @param usage row use
   * @param scale row scales
   * @return {@code sum_r max(0, usage_r - rhs_r - tol_r) / scale_r}
   */
  public static double violation(double[] rhs, double[] usage, double[] scale) {
    double v = 0;
    for (int r = 0; r < rhs.length; r++) {
      double over = usage[r] - rhs[r] - Rounding.tol(rhs[r]);
      if (over > 0) {
        v += over / scale[r];
      }
    }
    return v;
  }

  /**
   * One account's repair proposal: the candidate that lowers the total scaled violation most per unit
   * of value lost (ties: the first).
   *
   * @param p the instance holding the account
   * @param i the account
   * @param cur its current candidate
   * @param usage row use of the current choice
   * @param scale row scales
   * @param v0 the violation of {@code usage}
   * @param trial scratch space of {@code m} entries
   * @param score receives the score in entry 0 ({@code +infinity} without a move)
   * @return the proposed candidate, or -1
   */
  public static int repairMove(Mckp p, int i, int cur, double[] usage, double[] scale, double v0,
      double[] trial, double[] score) {
    int m = p.m;
    double bestScore = Double.POSITIVE_INFINITY;
    int bestK = -1;
    for (int k = p.start[i]; k < p.start[i + 1]; k++) {
      if (k == cur) {
        continue;
      }
      for (int r = 0; r < m; r++) {
        trial[r] = usage[r] - p.use[cur * m + r] + p.use[k * m + r];
      }
      double relief = v0 - violation(p.rhs, trial, scale);
      if (!(relief > 0)) {
        continue;
      }
      double s = (p.value[cur] - p.value[k]) / relief;
      if (s < bestScore) {
        bestScore = s;
        bestK = k;
      }
    }
    score[0] = bestScore;
    return bestK;
  }

  /**
   * One account's improvement proposal: the upgrade of best value gained per priced use that fits in
   * the remaining capacity (ties: the more valuable).
   *
   * @param p the instance holding the account
   * @param i the account
   * @param cur its current candidate
   * @param usage row use of the current choice
   * @param prices row prices
   * @param scale row scales
   * @param eff receives the efficiency in entry 0
   * @return the proposed candidate, or -1
   */
  public static int improveMove(Mckp p, int i, int cur, double[] usage, double[] prices,
      double[] scale, double[] eff) {
    int m = p.m;
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
          if (usage[r] + d > p.rhs[r] + Rounding.tol(p.rhs[r])) {
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
    eff[0] = bestEff;
    return bestK;
  }

  /**
   * An account's rating in the fast repair towards the least-using candidates ({@link
   * Rounding#repairTowardsLeastUsing(AccountPasses)}): the value it loses per unit of scaled violation
   * its move to the target relieves at the start ({@code +infinity} when it relieves nothing).
   *
   * @param p the instance holding the account
   * @param i the account
   * @param cur its current candidate
   * @param w the row weights of {@link Rounding#leastUsingWeights}
   * @param usage row use of the current choice
   * @param scale row scales
   * @param v0 the violation of {@code usage}
   * @param trial scratch space of {@code m} entries
   * @param score receives the rating in entry 0
   * @return the least-using candidate, or -1 when the account is on it
   */
  public static int leastUsingMove(Mckp p, int i, int cur, double[] w, double[] usage,
      double[] scale, double v0, double[] trial, double[] score) {
    int m = p.m;
    int k = Rounding.leastUsing(p, i, w);
    if (cur == k) {
      return -1;
    }
    for (int r = 0; r < m; r++) {
      trial[r] = usage[r] - p.use[cur * m + r] + p.use[k * m + r];
    }
    double relief = v0 - violation(p.rhs, trial, scale);
    score[0] = relief > 0 ? (p.value[cur] - p.value[k]) / relief : Double.POSITIVE_INFINITY;
    return k;
  }

  /**
   * An account's group in a level of the histogram of ratings ({@link
   * AccountPasses#ratingHistogram}).
   *
   * @param bucket the account's 16-bit bucket ({@link Rounding#bucket})
   * @param coarse -1 for the first level (groups: the high byte), else the high byte of the accounts
   *     counted (groups: the low byte)
   * @return the group in {@code [0, 256)}, or -1 when the account is not counted
   */
  public static int group(int bucket, int coarse) {
    if (coarse < 0) {
      return bucket >>> 8;
    }
    return (bucket >>> 8) == coarse ? bucket & 255 : -1;
  }

  /**
   * An account's margin between its two best reduced values.
   *
   * @param p the instance holding the account
   * @param i the account
   * @param lambda multipliers
   * @return the margin, {@code +infinity} for an account with one candidate
   */
  public static double margin(Mckp p, int i, double[] lambda) {
    double b1 = Double.NEGATIVE_INFINITY;
    double b2 = Double.NEGATIVE_INFINITY;
    for (int k = p.start[i]; k < p.start[i + 1]; k++) {
      double r = p.reduced(k, lambda);
      if (r > b1) {
        b2 = b1;
        b1 = r;
      } else if (r > b2) {
        b2 = r;
      }
    }
    return b2 == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : b1 - b2;
  }

  /**
   * Adds an account's least use of each row.
   *
   * @param p the instance holding the account
   * @param i the account
   * @param acc the {@code m} sums
   */
  public static void addMinUse(Mckp p, int i, double[] acc) {
    int m = p.m;
    for (int r = 0; r < m; r++) {
      double mn = Double.POSITIVE_INFINITY;
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        mn = Math.min(mn, p.use[k * m + r]);
      }
      acc[r] += mn;
    }
  }

  /**
   * An account's part of a service-level check: the least use of the capacity row by any candidate,
   * by a qualifying candidate (one with negative use of the service row) and whether a candidate does
   * not qualify.
   *
   * @param p the instance holding the account
   * @param i the account
   * @param s the service-level row
   * @param r the capacity row
   * @param out receives {@code [least use, least qualifying use (+infinity: none), 1 when a candidate
   *     does not qualify else 0]}
   */
  public static void serviceTerms(Mckp p, int i, int s, int r, double[] out) {
    int m = p.m;
    double mnAll = Double.POSITIVE_INFINITY;
    double mnQual = Double.POSITIVE_INFINITY;
    boolean nonQual = false;
    for (int k = p.start[i]; k < p.start[i + 1]; k++) {
      double u = p.use[k * m + r];
      mnAll = Math.min(mnAll, u);
      if (p.use[k * m + s] < 0) {
        mnQual = Math.min(mnQual, u);
      } else {
        nonQual = true;
      }
    }
    out[0] = mnAll;
    out[1] = mnQual;
    out[2] = nonQual ? 1 : 0;
  }

  /**
   * Selects the {@code size} smallest margins (ties: the lower index) of accounts given in increasing
   * index order, skipping infinite margins, by a bounded max-heap. Applied to a partition's accounts
   * and then to the union of the partitions' selections, it gives the selection over all accounts.
   *
   * @param margin margins
   * @param index account index of each margin, increasing
   * @param count number of entries used
   * @param size how many to keep
   * @return positions (in {@code margin}) of the kept entries, in increasing index order
   */
  public static int[] smallest(double[] margin, int[] index, int count, int size) {
    if (size <= 0) {
      return new int[0];
    }
    java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(size + 1, (a, b) -> {
      int c = Double.compare(margin[b], margin[a]);
      return c != 0 ? c : Integer.compare(index[b], index[a]);
    });
    for (int q = 0; q < count; q++) {
      if (margin[q] == Double.POSITIVE_INFINITY) {
        continue;
      }
      if (heap.size() < size) {
        heap.add(q);
      } else {
        int top = heap.peek();
        if (margin[q] < margin[top]) {
          heap.poll();
          heap.add(q);
        }
      }
    }
    int[] out = new int[heap.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = heap.poll();
    }
    java.util.Arrays.sort(out);
    return out;
  }
}
