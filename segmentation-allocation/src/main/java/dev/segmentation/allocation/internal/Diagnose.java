package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.LimitKind;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cheap infeasibility checks before solving, with messages in the problem's terms: a limit that the
 * accounts' cheapest choices already exceed, a service level with too few eligible accounts, and a
 * service level that alone needs more of a limit than is available. The sums over the accounts are
 * taken per block of accounts, blocks added in order ({@link AccountPasses}); a service level's extra
 * use is the sum, in increasing order, of the smallest extra uses it needs.
 */
final class Diagnose {

  private Diagnose() {}

  static List<String> conflicts(Compiled c) {
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      return conflicts(c.rowName, c.rowKind,
          new LocalAccounts(c.mckp, null, null, exec, new int[c.mckp.n]));
    }
  }

  /**
   * The conflicts, from sums over the accounts taken where they live.
   *
   * @param rowName name of each row
   * @param rowKind kind of each row
   * @param a the accounts (their choice is not read)
   * @return the conflicts, empty when none is found
   */
  static List<String> conflicts(String[] rowName, LimitKind[] rowKind, AccountPasses a) {
    double[] rhs = a.rhs();
    int m = rhs.length;
    List<String> out = new ArrayList<>();
    double[] minUse = a.minUse();
    for (int r = 0; r < m; r++) {
      if (minUse[r] > rhs[r] + Rounding.tol(rhs[r])) {
        if (rowKind[r] == LimitKind.SERVICE_LEVEL) {
          out.add(String.format(Locale.ROOT,
              "%s needs %.0f accounts on qualifying options; only %.0f accounts of the segment are "
                  + "eligible for one.", rowName[r], -rhs[r], -minUse[r]));
        } else {
          out.add(String.format(Locale.ROOT,
              "%s: locked and mandatory choices need %s; %s available.", label(rowName, rowKind, r),
              amount(rowKind, r, minUse[r]), amount(rowKind, r, rhs[r])));
        }
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    // each service level against each capacity limit
    List<int[]> pairs = new ArrayList<>();
    for (int s = 0; s < m; s++) {
      if (rowKind[s] != LimitKind.SERVICE_LEVEL) {
        continue;
      }
      for (int r = 0; r < m; r++) {
        if (rowKind[r] != LimitKind.SERVICE_LEVEL) {
          pairs.add(new int[] {s, r});
        }
      }
    }
    if (pairs.isEmpty()) {
      return out;
    }
    int[] ss = new int[pairs.size()];
    int[] rs = new int[pairs.size()];
    int[] keep = new int[pairs.size()];
    for (int q = 0; q < ss.length; q++) {
      ss[q] = pairs.get(q)[0];
      rs[q] = pairs.get(q)[1];
      keep[q] = Math.max(0, (int) Math.round(-rhs[ss[q]]));
    }
    AccountPasses.ServiceCheck[] checks = a.serviceChecks(ss, rs, keep);
    for (int q = 0; q < ss.length; q++) {
      int s = ss[q];
      int r = rs[q];
      int required = (int) Math.round(-rhs[s]);
      AccountPasses.ServiceCheck check = checks[q];
      long need = Math.max(0, required - check.forced);
      double[] d = check.smallest;
      double extra = 0;
      for (int t = 0; t < Math.min(need, d.length); t++) {
        extra += d[t];
      }
      double total = check.base + extra;
      if (total > rhs[r] + Rounding.tol(rhs[r])) {
        out.add(String.format(Locale.ROOT, "%s (%d accounts) needs %s of %s; %s available.",
            rowName[s], required, amount(rowKind, r, total), label(rowName, rowKind, r),
            amount(rowKind, r, rhs[r])));
      }
    }
    return out;
  }

  private static String label(String[] rowName, LimitKind[] rowKind, int r) {
    return rowKind[r] == LimitKind.BUDGET ? "the budget" : "role '" + rowName[r] + "'";
  }

  private static String amount(LimitKind[] rowKind, int r, double v) {
    return rowKind[r] == LimitKind.BUDGET
        ? String.format(Locale.ROOT, "%,.2f of money", v)
        : String.format(Locale.ROOT, "%,.1f hours", v);
  }
}
