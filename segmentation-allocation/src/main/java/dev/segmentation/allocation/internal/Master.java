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
    for (int r = 0; r < m; r++) {
      lp.bounds(r, lo[r], hi[r]);
    }
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
