package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.LimitKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cheap infeasibility checks before solving, with messages in the problem's terms: a limit that the
 * accounts' cheapest choices already exceed, a service level with too few eligible accounts, and a
 * service level that alone needs more of a limit than is available.
 */
final class Diagnose {

  private Diagnose() {}

  static List<String> conflicts(Compiled c) {
    Mckp p = c.mckp;
    int m = p.m;
    List<String> out = new ArrayList<>();
    double[] minUse = new double[m];
    for (int i = 0; i < p.n; i++) {
      for (int r = 0; r < m; r++) {
        double mn = Double.POSITIVE_INFINITY;
        for (int k = p.start[i]; k < p.start[i + 1]; k++) {
          mn = Math.min(mn, p.use[k * m + r]);
        }
        minUse[r] += mn;
      }
    }
    for (int r = 0; r < m; r++) {
      if (minUse[r] > p.rhs[r] + Rounding.tol(p.rhs[r])) {
        if (c.rowKind[r] == LimitKind.SERVICE_LEVEL) {
          out.add(String.format(Locale.ROOT,
              "%s needs %.0f accounts on qualifying options; only %.0f accounts of the segment are "
                  + "eligible for one.", c.rowName[r], -p.rhs[r], -minUse[r]));
        } else {
          out.add(String.format(Locale.ROOT,
              "%s: locked and mandatory choices need %s; %s available.", label(c, r),
              amount(c, r, minUse[r]), amount(c, r, p.rhs[r])));
        }
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    // each service level against each capacity limit
    for (int s = 0; s < m; s++) {
      if (c.rowKind[s] != LimitKind.SERVICE_LEVEL) {
        continue;
      }
      int required = (int) Math.round(-p.rhs[s]);
      for (int r = 0; r < m; r++) {
        if (c.rowKind[r] == LimitKind.SERVICE_LEVEL) {
          continue;
        }
        double base = 0;
        double[] delta = new double[p.n];
        int eligible = 0;
        int forced = 0;
        for (int i = 0; i < p.n; i++) {
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
          base += mnAll;
          if (mnQual < Double.POSITIVE_INFINITY) {
            if (!nonQual) {
              forced++;
            } else {
              delta[eligible++] = mnQual - mnAll;
            }
          }
        }
        int need = Math.max(0, required - forced);
        double[] d = Arrays.copyOf(delta, eligible);
        Arrays.sort(d);
        double extra = 0;
        for (int q = 0; q < Math.min(need, d.length); q++) {
          extra += d[q];
        }
        double total = base + extra;
        if (total > p.rhs[r] + Rounding.tol(p.rhs[r])) {
          out.add(String.format(Locale.ROOT, "%s (%d accounts) needs %s of %s; %s available.",
              c.rowName[s], required, amount(c, r, total), label(c, r), amount(c, r, p.rhs[r])));
        }
      }
    }
    return out;
  }

  private static String label(Compiled c, int r) {
    return c.rowKind[r] == LimitKind.BUDGET ? "the budget" : "role '" + c.rowName[r] + "'";
  }

  private static String amount(Compiled c, int r, double v) {
    return c.rowKind[r] == LimitKind.BUDGET
        ? String.format(Locale.ROOT, "%,.2f of money", v)
        : String.format(Locale.ROOT, "%,.1f hours", v);
  }
}
