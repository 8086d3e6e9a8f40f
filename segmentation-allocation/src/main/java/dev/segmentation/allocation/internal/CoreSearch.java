package dev.segmentation.allocation.internal;

import java.util.function.BooleanSupplier;

/**
 * Improves a feasible plan by solving a small "core" exactly: the accounts whose choice is least
 * certain at the multipliers (smallest margin between their two best reduced values, {@link
 * AccountPasses#core}) are freed, every other account keeps its option, and branch and bound solves
 * the core against the capacity the other accounts leave ({@code rhs - } their row use, summed per
 * block of accounts in block order). The result is never worse than the starting plan.
 */
final class CoreSearch {

  private CoreSearch() {}

  /**
   * Improves the choice in place.
   *
   * @param a the accounts and their choice, modified
   * @param lambda multipliers
   * @param coreSize accounts freed
   * @param nodeLimit node limit of the branch and bound
   * @param stop stops the branch and bound
   */
  static void improve(AccountPasses a, double[] lambda, int coreSize, long nodeLimit,
      BooleanSupplier stop) {
    if (a.accounts() == 0) {
      return;
    }
    AccountPasses.Core core = a.core(lambda, coreSize);
    int size = core.account.length;
    if (size == 0) {
      return;
    }
    double[] rhs = a.rhs().clone();
    int m = rhs.length;
    for (int r = 0; r < m; r++) {
      rhs[r] -= core.otherUsage[r];
    }
    int[] sub = new int[size];
    for (int q = 0; q < size; q++) {
      sub[q] = core.start[q] + core.current[q];
    }
    Mckp coreProblem = new Mckp(size, m, core.start, core.option, core.value, core.use, rhs);
    BranchAndBound.Result r = BranchAndBound.solve(coreProblem, lambda, sub, nodeLimit, stop);
    if (r.choice == null || r.value <= Rounding.value(coreProblem, sub) + 1e-12 * Math.abs(r.value)) {
      return;
    }
    int[] slots = new int[size];
    for (int q = 0; q < size; q++) {
      slots[q] = r.choice[q] - core.start[q];
    }
    a.move(core.account, slots);
  }
}
