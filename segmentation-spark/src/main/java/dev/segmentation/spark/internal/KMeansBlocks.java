package dev.segmentation.spark.internal;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.FeatureTransform;
import dev.segmentation.core.internal.KMeansKernel;
import dev.segmentation.core.internal.KMeansWeights;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.core.criteria.RowIssue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * The distributed pieces of k-means: every partition turns its rows into the feature matrix of the
 * fitted criteria (one {@link Part} per partition, rows without features dropped as the
 * single-machine fit drops them), and every Lloyd pass assigns each partition's rows with core's
 * {@link KMeansKernel#assignBlock} and returns per-cluster sums per global block of {@link
 * BlockExecutor#BLOCK_ROWS} feature rows (per-row terms for the blocks a partition shares with its
 * neighbours), so the driver adds them in the single machine's block order. With a weight column each
 * part also holds its rows' weights (and the first invalid one, which the driver reports as core
 * does), and every sum, cost and draw is weighted as core's weighted k-means.
 */
public final class KMeansBlocks {

  private KMeansBlocks() {}

  /**
   * The feature rows of one partition.
   *
   * @param n rows with features
   * @param d dimension
   * @param x row-major features, {@code n * d}
   * @param w per-row weights ({@code n}), or {@code null} for unit weights
   * @param bad whether a row with features has a weight that is not finite and {@code >= 0}
   * @param badId the id of the first such row (in partition order), or {@code null}
   * @param badValue its weight
   */
  public record Part(int n, int d, double[] x, double[] w, boolean bad, String badId,
      double badValue) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * What the driver needs to know of a part before the iterations.
   *
   * @param n rows with features
   * @param weight the total weight, summed in row order ({@code n} when unweighted)
   * @param bad whether a row has an invalid weight
   * @param badId the id of the first such row, or {@code null}
   * @param badValue its weight
   */
  public record Summary(int n, double weight, boolean bad, String badId, double badValue)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Per-cluster sums of one global block, or per-row terms of the rows of a block that a partition
   * holds.
   *
   * @param block the global block index
   * @param complete whether the sums are the whole block's
   * @param sums {@code k * d} sums (complete), or the rows' features {@code rows * d}
   * @param weights {@code k} weights (complete), or the rows' labels as doubles
   * @param inertia the block's inertia (complete), or the rows' squared distances
   * @param counts {@code k} row counts (complete), or {@code null}
   * @param rowWeights the rows' weights (not complete, weighted), or {@code null}
   */
  public record Piece(int block, boolean complete, double[] sums, double[] weights,
      double[] inertia, int[] counts, double[] rowWeights) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Builds the feature parts.
   *
   * @param rows the accounts
   * @param criteriaJson the fitted criteria as JSON
   * @param converter row-block converter
   * @param blockSize rows converted together
   * @param weightColumn the numeric weight column the converter reads, or {@code null}
   * @return one part per partition (lazy)
   */
  public static JavaRDD<Part> features(JavaRDD<Row> rows, String criteriaJson,
      RowBlockConverter converter, int blockSize, String weightColumn) {
    return rows.mapPartitions(it -> {
      FittedCriteria fc = ModelJson.readFittedCriteria(criteriaJson);
      int d = fc.dimension();
      double[] x = new double[0];
      double[] w = weightColumn == null ? null : new double[0];
      boolean badWeight = false;
      String badId = null;
      double badValue = Double.NaN;
      int n = 0;
      List<Row> block = new ArrayList<>(blockSize);
      while (it.hasNext()) {
        block.clear();
        while (block.size() < blockSize && it.hasNext()) {
          block.add(it.next());
        }
        AccountTable table = converter.toTable(block);
        FeatureTransform.Result fm = FeatureTransform.run(fc, table);
        boolean[] bad = new boolean[fm.rows()];
        for (RowIssue issue : fm.issues()) {
          bad[issue.row()] = true;
        }
        int good = 0;
        for (boolean b : bad) {
          good += b ? 0 : 1;
        }
        x = Arrays.copyOf(x, (n + good) * d);
        NumericColumn wc = null;
        if (w != null) {
          w = Arrays.copyOf(w, n + good);
          wc = table.numeric(weightColumn);
        }
        for (int i = 0; i < fm.rows(); i++) {
          if (!bad[i]) {
            System.arraycopy(fm.data(), i * d, x, n * d, d);
            if (wc != null) {
              double v = wc.get(i);
              // the single-machine check: finite and >= 0; the first offender is reported
              if (!KMeansWeights.valid(v) && !badWeight) {
                badWeight = true;
                badId = table.id(i);
                badValue = v;
              }
              w[n] = v;
            }
            n++;
          }
        }
      }
      return Collections.singletonList(new Part(n, d, x, w, badWeight, badId, badValue))
          .iterator();
    }, true);
  }

  /**
   * Summarises every part (rows, total weight, first invalid weight), in partition order.
   *
   * @param parts the parts
   * @return one summary per partition
   */
  public static List<Summary> summaries(JavaRDD<Part> parts) {
    return PartitionOrder.partials(parts, (index, it) -> {
      Part p = it.next();
      double total = 0;
      if (p.w() == null) {
        total = p.n();
      } else {
        for (int i = 0; i < p.n(); i++) {
          total += p.w()[i];
        }
      }
      return new Summary(p.n(), total, p.bad(), p.badId(), p.badValue());
    });
  }

  /**
   * The result of one Lloyd pass, combined in block order.
   *
   * @param sums {@code k * d} per-cluster weighted sums
   * @param weights {@code k} per-cluster total weights (counts when unweighted)
   * @param counts {@code k} per-cluster row counts
   * @param inertia the weighted inertia (sum of block inertias in block order)
   */
  public record Pass(double[] sums, double[] weights, int[] counts, double inertia) {}

  /**
   * One Lloyd assignment pass over every partition at the given centres.
   *
   * @param parts one cached part per partition
   * @param offsets global index of each partition's first row, plus the total at the end
   * @param centers {@code k * d} centres
   * @param k number of centres
   * @param d dimension
   * @return the sums, weights, counts and inertia, combined as the single-machine trainer combines
   *     blocks
   */
  public static Pass lloydPass(JavaRDD<Part> parts, int[] offsets, double[] centers, int k, int d) {
    int total = offsets[offsets.length - 1];
    int blockRows = BlockExecutor.BLOCK_ROWS;
    List<List<Piece>> pieces = PartitionOrder.partials(parts,
        (index, it) -> assign(it.next(), offsets[index], total, blockRows, centers, k));
    int blocks = BlockExecutor.blocks(total);
    double[][] sums = new double[blocks][];
    double[][] weights = new double[blocks][];
    int[][] counts = new int[blocks][];
    double[] inertia = new double[blocks];
    for (List<Piece> list : pieces) {
      for (Piece p : list) {
        int b = p.block();
        if (p.complete()) {
          sums[b] = p.sums();
          weights[b] = p.weights();
          counts[b] = p.counts();
          inertia[b] = p.inertia()[0];
        } else {
          if (sums[b] == null) {
            sums[b] = new double[k * d];
            weights[b] = new double[k];
            counts[b] = new int[k];
          }
          // the same operations, in the same row order, as KMeansKernel.assignBlock on one machine
          double[] rw = p.rowWeights();
          for (int r = 0; r < p.inertia().length; r++) {
            int label = (int) p.weights()[r];
            double wr = rw == null ? 1.0 : rw[r];
            KMeansKernel.add(p.sums(), r, d, wr, label, sums[b], weights[b]);
            inertia[b] += wr * p.inertia()[r];
            counts[b][label]++;
          }
        }
      }
    }
    double[] s = new double[k * d];
    double[] w = new double[k];
    int[] c = new int[k];
    double in = 0;
    for (int b = 0; b < blocks; b++) {
      if (sums[b] == null) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        w[j] += weights[b][j];
        c[j] += counts[b][j];
      }
      for (int t = 0; t < s.length; t++) {
        s[t] += sums[b][t];
      }
      in += inertia[b];
    }
    return new Pass(s, w, c, in);
  }

  private static List<Piece> assign(
      Part part, int offset, int total, int blockRows, double[] centers, int k) {
    List<Piece> out = new ArrayList<>();
    int d = part.d();
    int end = offset + part.n();
    double[] dist = new double[k];
    int[] labels = new int[part.n()];
    for (int b = part.n() == 0 ? Integer.MAX_VALUE : offset / blockRows;
        b != Integer.MAX_VALUE && (long) b * blockRows < end; b++) {
      int from = Math.max(b * blockRows, offset);
      int to = Math.min(Math.min((b + 1) * blockRows, total), end);
      boolean whole = from == b * blockRows && to == Math.min((b + 1) * blockRows, total);
      if (whole) {
        double[] sums = new double[k * d];
        double[] weights = new double[k];
        double inertia = KMeansKernel.assignBlock(part.x(), part.w(), d, from - offset,
            to - offset, centers, k, labels, sums, weights, dist);
        int[] counts = new int[k];
        for (int i = from - offset; i < to - offset; i++) {
          counts[labels[i]]++;
        }
        out.add(new Piece(b, true, sums, weights, new double[] {inertia}, counts, null));
      } else {
        int rows = to - from;
        double[] x = Arrays.copyOfRange(part.x(), (from - offset) * d, (to - offset) * d);
        double[] rowLabels = new double[rows];
        double[] d2 = new double[rows];
        for (int r = 0; r < rows; r++) {
          KMeansKernel.distances(x, r * d, d, centers, k, dist);
          int arg = KMeansKernel.argMin(dist, k);
          rowLabels[r] = arg;
          d2[r] = dist[arg];
        }
        double[] rw = part.w() == null ? null
            : Arrays.copyOfRange(part.w(), from - offset, to - offset);
        out.add(new Piece(b, false, x, rowLabels, d2, null, rw));
      }
    }
    return out;
  }

  /**
   * The (weighted) squared distance of every row to its nearest centre, summed per partition (in row
   * order) and over partitions in partition order: the k-means cost {@code phi}.
   *
   * @param parts the parts
   * @param centers {@code c * d} centres
   * @param c number of centres
   * @return the cost
   */
  public static double cost(JavaRDD<Part> parts, double[] centers, int c) {
    return PartitionOrder.reduce(parts, (index, it) -> {
      Part p = it.next();
      double[] dist = new double[c];
      double sum = 0;
      for (int i = 0; i < p.n(); i++) {
        KMeansKernel.distances(p.x(), i * p.d(), p.d(), centers, c, dist);
        double d2 = dist[KMeansKernel.argMin(dist, c)];
        sum += p.w() == null ? d2 : p.w()[i] * d2;
      }
      return sum;
    }, Double::sum);
  }

  /**
   * One k-means|| sampling round: every row is drawn independently with probability
   * {@code min(1, l * w(x) D(x)^2 / phi)} ({@code w = 1} unweighted), by a random stream per (seed,
   * round, partition).
   *
   * @param parts the parts
   * @param centers {@code c * d} current candidates
   * @param c number of candidates
   * @param oversampling the factor {@code l}
   * @param phi the current cost
   * @param seed the seed
   * @param round the round
   * @return the drawn rows, row-major, in partition and row order
   */
  public static double[] sample(JavaRDD<Part> parts, double[] centers, int c, double oversampling,
      double phi, long seed, int round) {
    List<double[]> drawn = PartitionOrder.partials(parts, (index, it) -> {
      Part p = it.next();
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(
          new long[] {mix(seed + 0x9E3779B97F4A7C15L * (round + 1)), mix(seed ^ (index + 1L) * 31)});
      double[] dist = new double[c];
      double[] out = new double[0];
      int rows = 0;
      for (int i = 0; i < p.n(); i++) {
        KMeansKernel.distances(p.x(), i * p.d(), p.d(), centers, c, dist);
        double d2 = dist[KMeansKernel.argMin(dist, c)];
        double prob = p.w() == null ? oversampling * d2 / phi : oversampling * (p.w()[i] * d2) / phi;
        if (rng.nextDouble() < prob) {
          out = Arrays.copyOf(out, (rows + 1) * p.d());
          System.arraycopy(p.x(), i * p.d(), out, rows * p.d(), p.d());
          rows++;
        }
      }
      return out;
    });
    int len = 0;
    for (double[] a : drawn) {
      len += a.length;
    }
    double[] all = new double[len];
    int at = 0;
    for (double[] a : drawn) {
      System.arraycopy(a, 0, all, at, a.length);
      at += a.length;
    }
    return all;
  }

  /**
   * Counts the rows nearest to each candidate (ties: the lower candidate), or sums their weights.
   *
   * @param parts the parts
   * @param centers {@code c * d} candidates
   * @param c number of candidates
   * @return the counts as doubles, or the total weights (summed in row, then partition order)
   */
  public static double[] nearestCounts(JavaRDD<Part> parts, double[] centers, int c) {
    return PartitionOrder.reduce(parts, (index, it) -> {
      Part p = it.next();
      double[] dist = new double[c];
      double[] count = new double[c];
      for (int i = 0; i < p.n(); i++) {
        KMeansKernel.distances(p.x(), i * p.d(), p.d(), centers, c, dist);
        if (p.w() == null) {
          count[KMeansKernel.argMin(dist, c)]++;
        } else {
          count[KMeansKernel.argMin(dist, c)] += p.w()[i];
        }
      }
      return count;
    }, (a, b) -> {
      double[] s = a.clone();
      for (int j = 0; j < s.length; j++) {
        s[j] += b[j];
      }
      return s;
    });
  }

  /**
   * Returns the feature row with a global index.
   *
   * @param parts the parts
   * @param offsets global index of each partition's first row, plus the total
   * @param row the global row
   * @return its features
   */
  public static double[] row(JavaRDD<Part> parts, int[] offsets, int row) {
    List<double[]> found = PartitionOrder.partials(parts, (index, it) -> {
      Part p = it.next();
      int local = row - offsets[index];
      return local >= 0 && local < p.n()
          ? Arrays.copyOfRange(p.x(), local * p.d(), (local + 1) * p.d()) : new double[0];
    });
    for (double[] f : found) {
      if (f.length > 0) {
        return f;
      }
    }
    throw new IllegalArgumentException("No feature row " + row + ".");
  }

  /**
   * Draws a feature row with probability proportional to its weight (the first k-means|| candidate
   * of a weighted fit): the partition holding the cumulative weight {@code u * total} (partition
   * totals added in partition order), then the row within it (weights added in row order; rounding
   * falls back to the partition's last row of positive weight).
   *
   * @param parts the parts
   * @param totals each partition's total weight
   * @param u a uniform number in {@code [0, 1)}
   * @return the drawn row's features
   */
  public static double[] weightedRow(JavaRDD<Part> parts, double[] totals, double u) {
    double total = 0;
    for (double t : totals) {
      total += t;
    }
    double target = u * total;
    int pick = -1;
    double before = 0;
    double pickBefore = 0;
    for (int p = 0; p < totals.length; p++) {
      if (totals[p] > 0) {
        pick = p;
        pickBefore = before;
        if (before + totals[p] > target) {
          break;
        }
      }
      before += totals[p];
    }
    int partition = pick;
    double local = target - pickBefore;
    List<double[]> found = PartitionOrder.partials(parts, (index, it) -> {
      Part p = it.next();
      if (index != partition) {
        return new double[0];
      }
      double acc = 0;
      int last = -1;
      for (int i = 0; i < p.n(); i++) {
        if (p.w()[i] > 0) {
          last = i;
          acc += p.w()[i];
          if (acc > local) {
            break;
          }
        }
      }
      return Arrays.copyOfRange(p.x(), last * p.d(), (last + 1) * p.d());
    });
    return found.get(partition);
  }

  /**
   * Column means and the mean population variance of the features (sums in row order within a
   * partition, partitions in order).
   *
   * @param parts the parts
   * @param n total rows
   * @param d dimension
   * @return the mean variance over the columns
   */
  public static double meanVariance(JavaRDD<Part> parts, int n, int d) {
    double[] sum = PartitionOrder.reduce(parts, (index, it) -> {
      Part p = it.next();
      double[] s = new double[d];
      for (int i = 0; i < p.n(); i++) {
        for (int t = 0; t < d; t++) {
          s[t] += p.x()[i * d + t];
        }
      }
      return s;
    }, KMeansBlocks::plus);
    double[] mean = new double[d];
    for (int t = 0; t < d; t++) {
      mean[t] = sum[t] / n;
    }
    double[] var = PartitionOrder.reduce(parts, (index, it) -> {
      Part p = it.next();
      double[] s = new double[d];
      for (int i = 0; i < p.n(); i++) {
        for (int t = 0; t < d; t++) {
          double diff = p.x()[i * d + t] - mean[t];
          s[t] += diff * diff;
        }
      }
      return s;
    }, KMeansBlocks::plus);
    double total = 0;
    for (int t = 0; t < d; t++) {
      total += var[t] / n;
    }
    return d == 0 ? 0 : total / d;
  }

  private static double[] plus(double[] a, double[] b) {
    double[] s = a.clone();
    for (int j = 0; j < s.length; j++) {
      s[j] += b[j];
    }
    return s;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
