package dev.segmentation.allocation.internal;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Improves a feasible plan by solving a small "core" exactly: the accounts whose choice is least
 * certain at the multipliers (smallest margin between their two best reduced values) are freed, every
 * other account keeps its option, and branch and bound solves the core against the remaining capacity.
 * The result is never worse than the starting plan.
 */
final class CoreSearch {

  private CoreSearch() {}

  static int[] improve(Mckp p, int[] choice, double[] lambda, int coreSize, long nodeLimit,
      BooleanSupplier stop) {
    int n = p.n;
    int m = p.m;
    if (n == 0) {
      return choice;
    }
    double[] margin = new double[n];
    for (int i = 0; i < n; i++) {
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
      margin[i] = b2 == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : b1 - b2;
    }
    // the coreSize smallest margins (ties: lower index), by a bounded max-heap
    int size = Math.min(coreSize, n);
    java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(size + 1, (a, b) -> {
      int c = Double.compare(margin[b], margin[a]);
      return c != 0 ? c : Integer.compare(b, a);
    });
    for (int i = 0; i < n; i++) {
      if (margin[i] == Double.POSITIVE_INFINITY) {
        continue;
      }
      if (heap.size() < size) {
        heap.add(i);
      } else {
        int top = heap.peek();
        if (margin[i] < margin[top]) {
          heap.poll();
          heap.add(i);
        }
      }
    }
    if (heap.isEmpty()) {
      return choice;
    }
    size = heap.size();
    int[] core = new int[size];
    int cands = 0;
    for (int q = 0; q < size; q++) {
      core[q] = heap.poll();
      cands += p.start[core[q] + 1] - p.start[core[q]];
    }
    Arrays.sort(core);
    boolean[] inCore = new boolean[n];
    for (int i : core) {
      inCore[i] = true;
    }
    double[] rhs = p.rhs.clone();
    for (int i = 0; i < n; i++) {
      if (!inCore[i]) {
        for (int r = 0; r < m; r++) {
          rhs[r] -= p.use[choice[i] * m + r];
        }
      }
    }
    int[] start = new int[size + 1];
    int[] option = new int[cands];
    double[] value = new double[cands];
    double[] use = new double[cands * m];
    int[] origin = new int[cands];
    int[] sub = new int[size];
    int k2 = 0;
    for (int q = 0; q < size; q++) {
      int i = core[q];
      start[q] = k2;
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        option[k2] = p.option[k];
        value[k2] = p.value[k];
        System.arraycopy(p.use, k * m, use, k2 * m, m);
        origin[k2] = k;
        if (k == choice[i]) {
          sub[q] = k2;
        }
        k2++;
      }
    }
    start[size] = k2;
    Mckp coreProblem = new Mckp(size, m, start, option, value, use, rhs);
    BranchAndBound.Result r = BranchAndBound.solve(coreProblem, lambda, sub, nodeLimit, stop);
    if (r.choice == null || r.value <= Rounding.value(coreProblem, sub) + 1e-12 * Math.abs(r.value)) {
      return choice;
    }
    int[] out = choice.clone();
    for (int q = 0; q < size; q++) {
      out[core[q]] = origin[r.choice[q]];
    }
    return out;
  }
}
