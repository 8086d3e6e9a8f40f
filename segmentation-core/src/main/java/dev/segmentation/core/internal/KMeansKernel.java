package dev.segmentation.core.internal;

/**
 * The arithmetic of k-means on one block of rows of a flat row-major {@code double[]}: squared
 * distances to all centres, nearest centre, and per-cluster partial sums. No I/O, no allocation, no
 * threads; callers give the scratch arrays and combine per-block results in block order.
 *
 * <p>Every squared distance is summed over the features in order {@code t = 0, 1, ..., d-1} starting
 * from the first term, exactly as {@link #dist2}, so all methods here (and {@link KMeansEngine}) agree
 * to the bit on distances and therefore on labels. The loops for {@code d = 8} are written out (the
 * point's features in registers, one pass over the centres); other dimensions take the generic loop.
 */
public final class KMeansKernel {

  private KMeansKernel() {}

  /**
   * Squared Euclidean distance between {@code a[ia..ia+d)} and {@code b[ib..ib+d)}, summed in feature
   * order.
   *
   * @param a first array
   * @param ia offset in {@code a}
   * @param b second array
   * @param ib offset in {@code b}
   * @param d dimension
   * @return the squared distance
   */
  public static double dist2(double[] a, int ia, double[] b, int ib, int d) {
    if (d == 8) {
      double df = a[ia] - b[ib];
      double s = df * df;
      df = a[ia + 1] - b[ib + 1];
      s += df * df;
      df = a[ia + 2] - b[ib + 2];
      s += df * df;
      df = a[ia + 3] - b[ib + 3];
      s += df * df;
      df = a[ia + 4] - b[ib + 4];
      s += df * df;
      df = a[ia + 5] - b[ib + 5];
      s += df * df;
      df = a[ia + 6] - b[ib + 6];
      s += df * df;
      df = a[ia + 7] - b[ib + 7];
      return s + df * df;
    }
    double s = 0;
    for (int t = 0; t < d; t++) {
      double diff = a[ia + t] - b[ib + t];
      s += diff * diff;
    }
    return s;
  }

  /**
   * Squared distances from one point to every centre: {@code dist[j] = dist2(x, base, centers, j d, d)}.
   *
   * @param x points, row-major
   * @param base offset of the point in {@code x}
   * @param d dimension
   * @param centers {@code k * d} centres, row-major
   * @param k number of centres
   * @param dist output, at least {@code k} long
   */
  public static void distances(double[] x, int base, int d, double[] centers, int k, double[] dist) {
    if (d == 8) {
      distances8(x, base, centers, k, dist);
      return;
    }
    for (int j = 0, o = 0; j < k; j++, o += d) {
      double s = 0;
      for (int t = 0; t < d; t++) {
        double diff = x[base + t] - centers[o + t];
        s += diff * diff;
      }
      dist[j] = s;
    }
  }

  private static void distances8(double[] x, int base, double[] c, int k, double[] dist) {
    double p0 = x[base];
    double p1 = x[base + 1];
    double p2 = x[base + 2];
    double p3 = x[base + 3];
    double p4 = x[base + 4];
    double p5 = x[base + 5];
    double p6 = x[base + 6];
    double p7 = x[base + 7];
    for (int j = 0; j < k; j++) {
      int o = j * 8;
      double df = p0 - c[o];
      double s = df * df;
      df = p1 - c[o + 1];
      s += df * df;
      df = p2 - c[o + 2];
      s += df * df;
      df = p3 - c[o + 3];
      s += df * df;
      df = p4 - c[o + 4];
      s += df * df;
      df = p5 - c[o + 5];
      s += df * df;
      df = p6 - c[o + 6];
      s += df * df;
      df = p7 - c[o + 7];
      s += df * df;
      dist[j] = s;
    }
  }

  /**
   * Index of the smallest of {@code dist[0..k)} (ties: lowest index).
   *
   * @param dist squared distances
   * @param k number of centres
   * @return the nearest centre
   */
  public static int argMin(double[] dist, int k) {
    double best = Double.POSITIVE_INFINITY;
    int arg = 0;
    for (int j = 0; j < k; j++) {
      double v = dist[j];
      if (v < best) {
        best = v;
        arg = j;
      }
    }
    return arg;
  }

  /**
   * Adds row {@code i} with weight {@code w} to cluster {@code j}'s sums: {@code sums[j d + t] += w x_it}
   * (just {@code x_it} when {@code w == 1}) and {@code weights[j] += w}.
   *
   * @param x points
   * @param i row
   * @param d dimension
   * @param w the row's weight
   * @param j cluster
   * @param sums {@code k * d} per-cluster weighted sums
   * @param weights {@code k} per-cluster total weights
   */
  public static void add(double[] x, int i, int d, double w, int j, double[] sums, double[] weights) {
    int base = i * d;
    int cb = j * d;
    if (w == 1.0) {
      for (int t = 0; t < d; t++) {
        sums[cb + t] += x[base + t];
      }
    } else {
      for (int t = 0; t < d; t++) {
        sums[cb + t] += w * x[base + t];
      }
    }
    weights[j] += w;
  }

  /**
   * Removes row {@code i} with weight {@code w} from cluster {@code j}'s sums, the exact reverse
   * operations of {@link #add}.
   *
   * @param x points
   * @param i row
   * @param d dimension
   * @param w the row's weight
   * @param j cluster
   * @param sums {@code k * d} per-cluster weighted sums
   * @param weights {@code k} per-cluster total weights
   */
  public static void remove(
      double[] x, int i, int d, double w, int j, double[] sums, double[] weights) {
    int base = i * d;
    int cb = j * d;
    if (w == 1.0) {
      for (int t = 0; t < d; t++) {
        sums[cb + t] -= x[base + t];
      }
    } else {
      for (int t = 0; t < d; t++) {
        sums[cb + t] -= w * x[base + t];
      }
    }
    weights[j] -= w;
  }

  /**
   * Assigns rows {@code [from, to)} to their nearest centre (ties: lowest index) and adds each row to
   * its cluster's partial sums; the building block of one Lloyd step over a block of rows (and of a
   * distributed step: per-block sums combined in block order give the same centres on any machine).
   *
   * @param x points, row-major {@code n * d}
   * @param w per-row weights, or {@code null} for unit weights
   * @param d dimension
   * @param from first row
   * @param to end row (exclusive)
   * @param centers {@code k * d} centres
   * @param k number of centres
   * @param labels receives the label of each row at its row index, or {@code null}
   * @param sums {@code k * d} weighted sums, added to (not cleared)
   * @param weights {@code k} total weights, added to (not cleared)
   * @param dist scratch of at least {@code k} values
   * @return the weighted inertia of the block, summed in row order
   */
  public static double assignBlock(
      double[] x, double[] w, int d, int from, int to, double[] centers, int k, int[] labels,
      double[] sums, double[] weights, double[] dist) {
    double inertia = 0;
    for (int i = from; i < to; i++) {
      distances(x, i * d, d, centers, k, dist);
      int arg = argMin(dist, k);
      if (labels != null) {
        labels[i] = arg;
      }
      double wi = w == null ? 1.0 : w[i];
      add(x, i, d, wi, arg, sums, weights);
      inertia += wi * dist[arg];
    }
    return inertia;
  }
}
