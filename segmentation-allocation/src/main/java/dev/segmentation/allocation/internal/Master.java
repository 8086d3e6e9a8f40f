package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.internal.lp.DenseLp;
import dev.segmentation.allocation.internal.lp.LpResult;
import java.util.List;

/**
 * The cutting-plane model of the dual: {@code min t} subject to
 * {@code t >= f_j + g_j . (lambda - lambda_j)} for every cut {@code j} and
 * {@code lo <= lambda <= hi}, solved by {@link DenseLp}. Keeps one LP per box so that new cuts are
 * warm-started by the dual simplex.
 */
final class Master {

  private final int m;
  private final DenseLp lp;
  private int cuts;
  private double[] firstG;
  private double[] firstAt;
  private double firstF;

  Master(int m) {
    this.m = m;
    this.lp = new DenseLp(m + 1);
    double[] c = new double[m + 1];
    c[m] = 1;
    lp.minimize(c);
    lp.free(m);
  }

  /**
   * Adds the cuts not yet in the model.
   *
   * @param cutG subgradients
   * @param cutAt points
   * @param cutF values
   */
  void sync(List<double[]> cutG, List<double[]> cutAt, List<Double> cutF) {
    for (; cuts < cutG.size(); cuts++) {
      double[] g = cutG.get(cuts);
      double[] at = cutAt.get(cuts);
      if (cuts == 0) {
        firstG = g;
        firstAt = at;
        firstF = cutF.get(0);
      }
      double[] row = new double[m + 1];
      double rhs = cutF.get(cuts);
      for (int r = 0; r < m; r++) {
        row[r] = -g[r];
        rhs -= g[r] * at[r];
      }
      row[m] = 1;
      lp.addGe(row, rhs);
    }
  }

  /**
   * Minimises the model over a box.
   *
   * @param lo lower bounds
   * @param hi upper bounds
   * @return {@code lambda} followed by the model value {@code t}
   */
  double[] minimize(double[] lo, double[] hi) {
    // t is at least the first cut's minimum over the box: a finite lower bound keeps the LP free of
    // free variables (more robust numerically) without ever binding at an optimum.
    double tLow = firstF;
    for (int r = 0; r < m; r++) {
      lp.bounds(r, lo[r], hi[r]);
      tLow += Math.min(firstG[r] * (lo[r] - firstAt[r]), firstG[r] * (hi[r] - firstAt[r]));
    }
    lp.bounds(m, tLow - 1 - 1e-9 * Math.abs(tLow), Double.POSITIVE_INFINITY);
    LpResult res = lp.solve();
    if (!res.isOptimal()) {
      res = lp.solveCold();
    }
    if (!res.isOptimal()) {
      throw new IllegalStateException("Cutting-plane master ended " + res.status());
    }
    return res.x();
  }
}
