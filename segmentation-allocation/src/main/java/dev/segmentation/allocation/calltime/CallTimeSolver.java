package dev.segmentation.allocation.calltime;

import java.lang.System.Logger.Level;

/**
 * The Lagrangian solver behind {@link CallTimeProblem#solve()}: per group, bisection on the multiplier
 * over the bit patterns of the non-negative doubles. See {@link CallTimeProblem#solve()} for the rules.
 * Stateless; works on the problem's arrays only.
 */
final class CallTimeSolver {

  private static final System.Logger LOG = System.getLogger(CallTimeProblem.class.getName());

  private static final long POSITIVE_INFINITY_BITS =
      Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

  /** Passes that remove a rounding overshoot of the capacity; one is nearly always enough. */
  private static final int TRIM_PASSES = 4;

  private CallTimeSolver() {}

  static CallTimePlan solve(CallTimeProblem p) {
    CurveSet curves = p.curves();
    double[] min = p.minArray();
    double[] max = p.maxArray();
    int[] members = p.members();
    int[] start = p.groupStart();
    double[] cap = p.capacityArray();
    int n = p.accountCount();
    int groups = p.groupCount();
    double[] h = new double[n];
    GroupPlan[] plans = new GroupPlan[groups];
    for (int g = 0; g < groups; g++) {
      int from = start[g];
      int to = start[g + 1];
      double c = cap[g];
      Sum minSum = new Sum();
      for (int k = from; k < to; k++) {
        minSum.add(min[members[k]]);
      }
      double needed = minSum.value();
      GroupStatus status;
      double mu;
      int iterations = 0;
      if (needed > c) {
        for (int k = from; k < to; k++) {
          h[members[k]] = min[members[k]];
        }
        status = GroupStatus.INFEASIBLE;
        mu = Double.POSITIVE_INFINITY;
      } else if (demand(curves, min, max, members, from, to, 0.0, c) <= c) {
        assign(curves, min, max, members, from, to, 0.0, h);
        status = GroupStatus.NOT_BINDING;
        mu = 0;
      } else {
        // S(+0.0) > C >= S(+Infinity) = sum of minima: bisect on the ordered bit patterns
        long lo = 0L;
        long hi = POSITIVE_INFINITY_BITS;
        while (hi - lo > 1) {
          long mid = lo + ((hi - lo) >>> 1);
          iterations++;
          if (demand(curves, min, max, members, from, to, Double.longBitsToDouble(mid), c) <= c) {
            hi = mid;
          } else {
            lo = mid;
          }
        }
        double muHi = Double.longBitsToDouble(hi);
        double muLo = Double.longBitsToDouble(lo);
        assign(curves, min, max, members, from, to, muHi, h);
        double[] base = new double[to - from];
        for (int k = from; k < to; k++) {
          base[k - from] = h[members[k]];
        }
        fill(curves, min, max, members, from, to, muLo, c, h);
        trim(base, members, from, to, c, h);
        status = GroupStatus.BINDING;
        mu = muHi;
      }
      Sum used = new Sum();
      for (int k = from; k < to; k++) {
        used.add(h[members[k]]);
      }
      plans[g] = new GroupPlan(p.groupName(g), c, used.value(), needed, mu, to - from, status);
      if (LOG.isLoggable(Level.DEBUG)) {
        String name = p.groupName(g);
        GroupPlan gp = plans[g];
        int steps = iterations;
        LOG.log(Level.DEBUG, () -> "call time group \"" + name + "\": " + gp.status() + ", mu="
            + gp.marginalValue() + ", used " + gp.hoursUsed() + " of " + gp.capacityHours() + " h, "
            + gp.accountCount() + " accounts, " + steps + " bisection steps");
      }
    }
    return CallTimePlan.create(p, h, plans);
  }

  private static double clamp(double x, double lo, double hi) {
    return x < lo ? lo : x > hi ? hi : x;
  }

  /**
   * The group's total {@code S(mu)} (compensated), or {@code +Infinity} as soon as a partial sum
   * exceeds {@code limit} (terms are non-negative, so the comparison with the limit is unaffected).
   */
  private static double demand(
      CurveSet curves, double[] min, double[] max, int[] members, int from, int to, double mu,
      double limit) {
    Sum s = new Sum();
    for (int k = from; k < to; k++) {
      int i = members[k];
      double x = clamp(curves.hoursAtMarginal(i, mu), min[i], max[i]);
      if (x == Double.POSITIVE_INFINITY) {
        return x;
      }
      s.add(x);
      if (s.value() > limit) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return s.value();
  }

  private static void assign(
      CurveSet curves, double[] min, double[] max, int[] members, int from, int to, double mu,
      double[] h) {
    for (int k = from; k < to; k++) {
      int i = members[k];
      h[i] = clamp(curves.hoursAtMarginal(i, mu), min[i], max[i]);
    }
  }

  /** Hands out the rest of the capacity in account order, each up to its hours at {@code muLo}. */
  private static void fill(
      CurveSet curves, double[] min, double[] max, int[] members, int from, int to, double muLo,
      double c, double[] h) {
    Sum s = new Sum();
    for (int k = from; k < to; k++) {
      s.add(h[members[k]]);
    }
    double rest = c - s.value();
    for (int k = from; k < to && rest > 0; k++) {
      int i = members[k];
      double up = clamp(curves.hoursAtMarginal(i, muLo), min[i], max[i]);
      double slack = up - h[i];
      if (slack > 0) {
        double before = h[i];
        h[i] = before + Math.min(slack, rest);
        rest -= h[i] - before;
      }
    }
  }

  /**
   * Removes a rounding overshoot of the filled hours above the capacity: from the hours handed out by
   * {@link #fill} only (above {@code floor}, the hours at {@code muHi}), from the last account
   * backwards, so that accounts keep marginal responses in {@code [muLo, muHi]}.
   */
  private static void trim(double[] floor, int[] members, int from, int to, double c, double[] h) {
    for (int pass = 0; pass < TRIM_PASSES; pass++) {
      Sum s = new Sum();
      for (int k = from; k < to; k++) {
        s.add(h[members[k]]);
      }
      double excess = s.value() - c;
      if (!(excess > 0)) {
        return;
      }
      for (int k = to - 1; k >= from && excess > 0; k--) {
        int i = members[k];
        double lowest = floor[k - from];
        double take = Math.min(excess, h[i] - lowest);
        if (take > 0) {
          double before = h[i];
          h[i] = Math.max(lowest, before - take);
          excess -= before - h[i];
        }
      }
    }
  }

  /** Neumaier's compensated sum; deterministic for a fixed order of terms. */
  static final class Sum {
    private double sum;
    private double compensation;

    void add(double x) {
      double t = sum + x;
      if (Math.abs(sum) >= Math.abs(x)) {
        compensation += (sum - t) + x;
      } else {
        compensation += (x - t) + sum;
      }
      sum = t;
    }

    double value() {
      return sum + compensation;
    }
  }
}
