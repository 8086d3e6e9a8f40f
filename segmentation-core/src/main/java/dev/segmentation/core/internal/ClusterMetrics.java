package dev.segmentation.core.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Internal cluster-quality measures used to choose the number of clusters {@code k} of k-means:
 * inertia, the silhouette (exact and sampled), the Calinski–Harabasz index and the Davies–Bouldin
 * index.
 *
 * <p><b>Input layout.</b> Every method reads a dense row-major feature matrix {@code x} of {@code n}
 * rows and {@code d} columns (value of row {@code i}, column {@code t} at {@code x[i * d + t]}), one
 * label per row in {@code labels}, and the number of clusters {@code k}. A label is a cluster index in
 * {@code [0, k)}, or {@link #EXCLUDED} ({@code -1}) for a row that takes no part in the computation:
 * excluded rows are skipped everywhere (they are not points, do not count in {@code n'}, and their
 * features are never read, so they may hold {@code NaN}). Below, {@code n'} is the number of
 * non-excluded rows, {@code n_j} the number of rows labelled {@code j}, and {@code k'} the number of
 * non-empty clusters ({@code n_j > 0}). Empty clusters are ignored by every measure (like
 * scikit-learn, which only knows the labels that occur). Distances are Euclidean:
 * {@code dist(p, q) = sqrt(sum_t (p_t - q_t)^2)}. The centroid of cluster {@code j} is the mean of its
 * rows, {@code c_j = (sum of its rows, in row order) / n_j}.
 *
 * <p><b>Validity.</b> Features of non-excluded rows must be finite. The silhouette, Calinski–Harabasz
 * and Davies–Bouldin indices are only defined for {@code 2 <= k' <= n' - 1} (scikit-learn's
 * {@code check_number_of_labels}: at least two non-empty clusters, and fewer clusters than points);
 * otherwise they throw {@link IllegalArgumentException}. Squared distances above
 * {@link Double#MAX_VALUE} (coordinate differences beyond about {@code 1.3e154}) overflow; a measure
 * whose computation overflows throws {@link IllegalArgumentException} instead of returning
 * {@code NaN} or an infinity. Standardize features first.
 *
 * <p><b>Determinism.</b> Every sum is taken in a fixed order (row order, then cluster order), so the
 * results depend only on the inputs. The parallel silhouette splits rows into fixed blocks of
 * {@link #ROW_BLOCK} rows (independent of the thread count); each per-row value {@code s(i)} is
 * computed by one task with the same operations in the same order as the sequential code, and the
 * mean is summed in row order at the end, so the result is bit-identical for every thread count and
 * executor.
 *
 * <p>Memory: the silhouette keeps one {@code double} per row plus {@link #ROW_BLOCK}{@code * k'}
 * partial sums per running block, so {@code O(n + ROW_BLOCK * k')}, never {@code O(n^2)}. Time is
 * {@code O(n^2 d)} for the exact silhouette, {@code O(sampleSize^2 d + n d)} for the sampled one and
 * {@code O(n d + k^2 d)} for the others.
 *
 * <p>This class has no state; all methods are thread-safe as long as callers do not modify the
 * arrays during a call.
 */
public final class ClusterMetrics {

  /** Label of an excluded row: the row is skipped by every measure. */
  public static final int EXCLUDED = -1;

  /**
   * Number of rows per block of the silhouette: block {@code b} covers rows
   * {@code [b * ROW_BLOCK, min(n, (b + 1) * ROW_BLOCK))}. Fixed so that the partition of work does
   * not depend on the thread count.
   */
  public static final int ROW_BLOCK = 128;

  /**
   * Absolute tolerance of the Davies–Bouldin degenerate cases: scikit-learn returns 0 when
   * {@code np.allclose(intra_dists, 0)} or {@code np.allclose(centroid_distances, 0)}, whose default
   * absolute tolerance is {@code 1e-8} (a relative tolerance does not apply when comparing with 0).
   * Note that this test is not scale invariant.
   */
  public static final double DAVIES_BOULDIN_ZERO_TOLERANCE = 1e-8;

  /** Random generator of {@link #silhouetteSampleRows}: {@code XO_RO_SHI_RO_128_PP} seeded with the seed. */
  public static final RandomSource SAMPLE_RANDOM_SOURCE = RandomSource.XO_RO_SHI_RO_128_PP;

  /** A stop check that never fires. */
  private static final BooleanSupplier NEVER = () -> false;

  /** How often (milliseconds) a waiting caller polls its stop check while block tasks run. */
  private static final long STOP_POLL_MILLIS = 10;

  /** Rows per tile of the inner (column) loop of the silhouette; only affects cache use, not results. */
  private static final int COLUMN_TILE = 512;

  private ClusterMetrics() {}

  // ------------------------------------------------------------------------------------- inertia

  /**
   * Returns the inertia (within-cluster sum of squares) of a labelling with respect to given centroids:
   * {@code sum over non-excluded rows i of ||x_i - centroids[labels[i]]||^2} (squared Euclidean
   * distance), summed in row order. The number of clusters is {@code k = centroids.length / d}.
   * Centroids of clusters that no row refers to are not read. With no non-excluded rows the inertia
   * is {@code 0.0}.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows, {@code >= 0}
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param centroids {@code k * d} centroid coordinates, row-major
   * @return the inertia, {@code >= 0}
   * @throws NullPointerException if an array is {@code null}
   * @throws IllegalArgumentException if the shapes disagree, a label is out of range, a feature of a
   *     non-excluded row or a used centroid is not finite, or the sum overflows
   */
  public static double inertia(double[] x, int n, int d, int[] labels, double[] centroids) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(centroids, "centroids");
    if (d < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "d (number of columns) must be at least 1, was %d.", d));
    }
    if (centroids.length % d != 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "centroids has %d values, which is not a multiple of d = %d; expected k * d values "
              + "(row-major).", centroids.length, d));
    }
    int k = centroids.length / d;
    if (k < 1) {
      throw new IllegalArgumentException("centroids is empty; expected k * d values with k >= 1.");
    }
    int[] sizes = validate(x, n, d, labels, k);
    for (int j = 0; j < k; j++) {
      if (sizes[j] == 0) {
        continue;
      }
      for (int t = 0; t < d; t++) {
        double v = centroids[j * d + t];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "centroids[cluster %d, column %d] is %s; centroids of used clusters must be finite.",
              j, t, v));
        }
      }
    }
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      if (l < 0) {
        continue;
      }
      sum += squaredDistance(x, i * d, centroids, l * d, d);
    }
    return checkFinite(sum, "inertia");
  }

  // ---------------------------------------------------------------------------------- silhouette

  /**
   * Returns the exact mean silhouette coefficient (Rousseeuw 1987) with Euclidean distance, the same
   * quantity as scikit-learn's {@code silhouette_score(X, labels)} (metric {@code "euclidean"}, no
   * sampling). For each non-excluded row {@code i} in cluster {@code A} (see
   * {@link #silhouetteSamples} for {@code s(i)}):
   *
   * <ul>
   *   <li>{@code a(i) = (sum of dist(x_i, x_j) over j in A, j != i) / (n_A - 1)}, the mean distance
   *       (not squared) to the other members of its cluster;
   *   <li>{@code b(i) = min over non-empty clusters C != A of (sum of dist(x_i, x_j) over j in C) /
   *       n_C}, the mean distance to the nearest other cluster;
   *   <li>{@code s(i) = (b(i) - a(i)) / max(a(i), b(i))}, with {@code s(i) = 0} when {@code n_A = 1}
   *       (singleton cluster) and when {@code max(a(i), b(i)) = 0} (scikit-learn maps both 0/0 cases
   *       to 0 through {@code np.nan_to_num}).
   * </ul>
   *
   * <p>The score is {@code (sum of s(i) over non-excluded rows, in row order) / n'}. It lies in
   * {@code [-1, 1]}; higher is better. Runs in the calling thread in {@code O(n^2 d)} time.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @return the mean silhouette
   * @throws NullPointerException if an array is {@code null}
   * @throws IllegalArgumentException if the shapes disagree, a label is out of range, a feature of a
   *     non-excluded row is not finite, {@code k'} is not in {@code [2, n' - 1]}, or distances overflow
   */
  public static double silhouette(double[] x, int n, int d, int[] labels, int k) {
    Dense p = prepare(x, n, d, labels, k, "silhouette");
    return meanSilhouette(p, silhouetteValues(x, n, d, p, null, NEVER), "silhouette");
  }

  /**
   * Returns the exact mean silhouette of {@link #silhouette(double[], int, int, int[], int)} computed
   * with {@code parallelism} threads that this call creates and stops before returning (daemon
   * threads named {@code segmentation-silhouette-N}). The result is bit-identical to the
   * single-threaded one for every {@code parallelism}: rows are split into fixed blocks of
   * {@link #ROW_BLOCK} rows, each {@code s(i)} is computed independently, and the mean is summed in row
   * order. With {@code parallelism == 1} no thread is created.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @param parallelism number of threads, {@code >= 1}
   * @return the mean silhouette
   * @throws NullPointerException if an array is {@code null}
   * @throws IllegalArgumentException as {@link #silhouette(double[], int, int, int[], int)}, or if
   *     {@code parallelism < 1}
   * @throws CancellationException if the calling thread is interrupted while waiting (its interrupt
   *     flag is set again)
   */
  public static double silhouette(
      double[] x, int n, int d, int[] labels, int k, int parallelism) {
    return silhouette(x, n, d, labels, k, parallelism, NEVER);
  }

  /**
   * Returns the exact mean silhouette of {@link #silhouette(double[], int, int, int[], int, int)},
   * polling {@code stop} from the calling thread before each block of {@link #ROW_BLOCK} rows (one
   * thread) or every few milliseconds while the block tasks run; when it returns {@code true} the
   * remaining blocks are skipped and a {@link CancellationException} is thrown. A {@code stop} that
   * never fires gives the same value.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @param parallelism number of threads, {@code >= 1}
   * @param stop polled by the calling thread only
   * @return the mean silhouette
   * @throws IllegalArgumentException as {@link #silhouette(double[], int, int, int[], int, int)}
   * @throws CancellationException when {@code stop} fired or the calling thread was interrupted
   */
  public static double silhouette(
      double[] x, int n, int d, int[] labels, int k, int parallelism, BooleanSupplier stop) {
    checkParallelism(parallelism);
    Objects.requireNonNull(stop, "stop");
    Dense p = prepare(x, n, d, labels, k, "silhouette");
    return withThreads(parallelism, blockCount(n),
        executor -> meanSilhouette(p, silhouetteValues(x, n, d, p, executor, stop), "silhouette"));
  }

  /**
   * Returns the exact mean silhouette of {@link #silhouette(double[], int, int, int[], int)}, running
   * one task per fixed block of {@link #ROW_BLOCK} rows on the given executor and waiting for all of
   * them. The result is bit-identical to the single-threaded one for any executor. The executor is
   * not shut down.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @param executor runs the block tasks
   * @return the mean silhouette
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException as {@link #silhouette(double[], int, int, int[], int)}
   * @throws CancellationException if the calling thread is interrupted while waiting (its interrupt
   *     flag is set again)
   * @throws java.util.concurrent.RejectedExecutionException if the executor rejects a task
   */
  public static double silhouette(
      double[] x, int n, int d, int[] labels, int k, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    Dense p = prepare(x, n, d, labels, k, "silhouette");
    return meanSilhouette(p, silhouetteValues(x, n, d, p, executor, NEVER), "silhouette");
  }

  /**
   * Returns the silhouette coefficient {@code s(i)} of every row (scikit-learn's
   * {@code silhouette_samples} with Euclidean distance), defined as in
   * {@link #silhouette(double[], int, int, int[], int)}: {@code s(i) = (b(i) - a(i)) / max(a(i),
   * b(i))}, {@code 0} for members of singleton clusters and when {@code a(i) = b(i) = 0}. Excluded rows
   * get {@code NaN}.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @return a new array of {@code n} values in {@code [-1, 1]}, {@code NaN} for excluded rows
   * @throws NullPointerException if an array is {@code null}
   * @throws IllegalArgumentException as {@link #silhouette(double[], int, int, int[], int)}
   */
  public static double[] silhouetteSamples(double[] x, int n, int d, int[] labels, int k) {
    Dense p = prepare(x, n, d, labels, k, "silhouette");
    double[] s = silhouetteValues(x, n, d, p, null, NEVER);
    meanSilhouette(p, s, "silhouette"); // overflow check
    return s;
  }

  /**
   * Returns the silhouette of a random sample of rows: the estimate of scikit-learn's
   * {@code silhouette_score(X, labels, sample_size=sampleSize, random_state=...)}. It is the
   * <em>exact</em> mean silhouette (as {@link #silhouette(double[], int, int, int[], int)}) of the
   * sub-data-set formed by the rows of {@link #silhouetteSampleRows(int[], int, long)}: {@code a(i)}
   * and {@code b(i)} are means over sampled rows only, and the score is the mean over sampled rows. It
   * is therefore an estimate of the full silhouette, not the mean of the full-data {@code s(i)} over a
   * sample. Its cost is {@code O(m^2 d)} with {@code m = min(sampleSize, n')}, plus {@code O(n d)} for
   * validation and copying. The rows drawn differ from scikit-learn's for the same seed (different
   * generator), so only the definition, not the value, matches.
   *
   * <p>When {@code sampleSize >= n'} every non-excluded row is used, no random number is drawn, and the
   * result is bit-identical to the exact silhouette. The same arguments always give the same value.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @param sampleSize number of rows to draw without replacement, {@code >= 1}
   * @param seed seed of the {@link #SAMPLE_RANDOM_SOURCE} generator
   * @return the silhouette of the sample
   * @throws NullPointerException if an array is {@code null}
   * @throws IllegalArgumentException if the shapes disagree, a label is out of range, a feature of a
   *     non-excluded row is not finite, {@code sampleSize < 1}, the sample does not have between 2 and
   *     {@code m - 1} non-empty clusters, or distances overflow
   */
  public static double silhouetteSampled(
      double[] x, int n, int d, int[] labels, int k, int sampleSize, long seed) {
    return sampled(x, n, d, labels, k, sampleSize, seed, null, NEVER);
  }

  /**
   * Returns the sampled silhouette of
   * {@link #silhouetteSampled(double[], int, int, int[], int, int, long)} on the calling thread,
   * polling {@code stop} before each block of {@link #ROW_BLOCK} sampled rows.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @param sampleSize number of rows to draw without replacement, {@code >= 1}
   * @param seed seed of the {@link #SAMPLE_RANDOM_SOURCE} generator
   * @param stop polled by the calling thread
   * @return the silhouette of the sample
   * @throws IllegalArgumentException as
   *     {@link #silhouetteSampled(double[], int, int, int[], int, int, long)}
   * @throws CancellationException when {@code stop} fired
   */
  public static double silhouetteSampled(
      double[] x, int n, int d, int[] labels, int k, int sampleSize, long seed,
      BooleanSupplier stop) {
    return sampled(x, n, d, labels, k, sampleSize, seed, null, Objects.requireNonNull(stop, "stop"));
  }

  /**
   * Returns the sampled silhouette of
   * {@link #silhouetteSampled(double[], int, int, int[], int, int, long)}, computing the sample's
   * silhouette with one task per fixed block of {@link #ROW_BLOCK} sampled rows on the given executor.
   * The result is bit-identical to the single-threaded one. The executor is not shut down.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @param sampleSize number of rows to draw without replacement, {@code >= 1}
   * @param seed seed of the {@link #SAMPLE_RANDOM_SOURCE} generator
   * @param executor runs the block tasks
   * @return the silhouette of the sample
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException as
   *     {@link #silhouetteSampled(double[], int, int, int[], int, int, long)}
   * @throws CancellationException if the calling thread is interrupted while waiting (its interrupt
   *     flag is set again)
   * @throws java.util.concurrent.RejectedExecutionException if the executor rejects a task
   */
  public static double silhouetteSampled(
      double[] x, int n, int d, int[] labels, int k, int sampleSize, long seed, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return sampled(x, n, d, labels, k, sampleSize, seed, executor, NEVER);
  }

  /**
   * Returns the rows used by {@link #silhouetteSampled(double[], int, int, int[], int, int, long)}: a
   * uniform random subset of {@code m = min(sampleSize, n')} distinct non-excluded rows, in increasing
   * row order. Algorithm: list the non-excluded rows in increasing order as {@code r[0..n'-1]}; if
   * {@code m = n'} return them (no random draw); otherwise create
   * {@code SAMPLE_RANDOM_SOURCE.create(seed)} and run a partial Fisher–Yates shuffle, for
   * {@code i = 0 .. m-1}: {@code j = i + rng.nextInt(n' - i)}, swap {@code r[i]} and {@code r[j]}; then
   * sort {@code r[0..m-1]}.
   *
   * @param labels row labels; {@link #EXCLUDED} rows are never drawn, other values must be
   *     {@code >= 0}
   * @param sampleSize number of rows to draw, {@code >= 1}
   * @param seed generator seed
   * @return a new array of distinct row indices, ascending
   * @throws NullPointerException if {@code labels} is {@code null}
   * @throws IllegalArgumentException if {@code sampleSize < 1} or a label is below {@code -1}
   */
  public static int[] silhouetteSampleRows(int[] labels, int sampleSize, long seed) {
    Objects.requireNonNull(labels, "labels");
    if (sampleSize < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "sampleSize must be at least 1, was %d.", sampleSize));
    }
    int included = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < EXCLUDED) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "labels[%d] is %d; expected a cluster index >= 0 or -1 (excluded row).", i, labels[i]));
      }
      if (labels[i] != EXCLUDED) {
        included++;
      }
    }
    int[] rows = new int[included];
    for (int i = 0, r = 0; i < labels.length; i++) {
      if (labels[i] != EXCLUDED) {
        rows[r++] = i;
      }
    }
    int m = Math.min(sampleSize, included);
    if (m == included) {
      return rows;
    }
    UniformRandomProvider rng = SAMPLE_RANDOM_SOURCE.create(seed);
    for (int i = 0; i < m; i++) {
      int j = i + rng.nextInt(included - i);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    int[] out = Arrays.copyOf(rows, m);
    Arrays.sort(out);
    return out;
  }

  // --------------------------------------------------------------------------- Calinski–Harabasz

  /**
   * Returns the Calinski–Harabasz index (variance ratio criterion, Caliński and Harabasz 1974), the same
   * quantity as scikit-learn's {@code calinski_harabasz_score}:
   *
   * <pre>{@code
   * CH = (B / (k' - 1)) / (W / (n' - k'))      computed as  B * (n' - k') / (W * (k' - 1))
   * B  = sum over non-empty clusters j (cluster order) of n_j * ||c_j - c||^2
   * W  = sum over non-excluded rows i (row order) of ||x_i - c_{labels[i]}||^2
   * }</pre>
   *
   * <p>where {@code c_j} are the centroids of the labelling and {@code c} is the mean of all
   * non-excluded rows (summed in row order). If {@code W = 0} (every point equals its centroid) the
   * index is defined as {@code 1.0}, as in scikit-learn. Higher is better.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @return the index, {@code >= 0}
   * @throws NullPointerException if an array is {@code null}
   * @throws IllegalArgumentException if the shapes disagree, a label is out of range, a feature of a
   *     non-excluded row is not finite, {@code k'} is not in {@code [2, n' - 1]}, or the computation
   *     overflows
   */
  public static double calinskiHarabasz(double[] x, int n, int d, int[] labels, int k) {
    Dense p = prepare(x, n, d, labels, k, "Calinski-Harabasz index");
    double[] c = centroids(x, n, d, p);
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      if (p.labels[i] < 0) {
        continue;
      }
      for (int t = 0; t < d; t++) {
        mean[t] += x[i * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= p.included;
    }
    double between = 0.0;
    for (int j = 0; j < p.clusters; j++) {
      between += p.sizes[j] * squaredDistance(c, j * d, mean, 0, d);
    }
    double within = 0.0;
    for (int i = 0; i < n; i++) {
      int l = p.labels[i];
      if (l >= 0) {
        within += squaredDistance(x, i * d, c, l * d, d);
      }
    }
    checkFinite(within, "Calinski-Harabasz index (within-cluster sum of squares)");
    if (within == 0.0) {
      return 1.0;
    }
    checkFinite(between, "Calinski-Harabasz index (between-cluster sum of squares)");
    return checkFinite(
        between * (p.included - p.clusters) / (within * (p.clusters - 1.0)),
        "Calinski-Harabasz index");
  }

  // ------------------------------------------------------------------------------ Davies–Bouldin

  /**
   * Returns the Davies–Bouldin index (Davies and Bouldin 1979), the same quantity as scikit-learn's
   * {@code davies_bouldin_score}, including its conventions for degenerate cases:
   *
   * <pre>{@code
   * DB   = (1 / k') * sum over non-empty clusters i (cluster order) of max over non-empty j != i of R_ij
   * R_ij = (s_i + s_j) / ||c_i - c_j||,   and R_ij = 0 when ||c_i - c_j|| == 0 exactly
   * s_i  = (sum over members x of cluster i, row order, of ||x - c_i||) / n_i   (mean distance, not squared)
   * }</pre>
   *
   * <p>Degenerate cases (scikit-learn's {@code np.allclose(..., 0)} with its default absolute tolerance
   * {@link #DAVIES_BOULDIN_ZERO_TOLERANCE}): the index is {@code 0.0} if every {@code s_i <= 1e-8}
   * (all clusters are points) or every centroid distance {@code ||c_i - c_j|| <= 1e-8} (all centroids
   * coincide). Otherwise a pair with exactly coincident centroids contributes {@code R_ij = 0}
   * (scikit-learn replaces a zero distance by infinity). Lower is better; the minimum is 0.
   *
   * @param x features, {@code n * d} values, row-major
   * @param n number of rows
   * @param d number of columns, {@code >= 1}
   * @param labels {@code n} labels in {@code [0, k)} or {@link #EXCLUDED}
   * @param k number of clusters, {@code >= 1}
   * @return the index, {@code >= 0}
   * @throws NullPointerException if an array is {@code null}
   * @throws IllegalArgumentException if the shapes disagree, a label is out of range, a feature of a
   *     non-excluded row is not finite, {@code k'} is not in {@code [2, n' - 1]}, or the computation
   *     overflows
   */
  public static double daviesBouldin(double[] x, int n, int d, int[] labels, int k) {
    Dense p = prepare(x, n, d, labels, k, "Davies-Bouldin index");
    double[] c = centroids(x, n, d, p);
    int kk = p.clusters;
    double[] spread = new double[kk];
    for (int i = 0; i < n; i++) {
      int l = p.labels[i];
      if (l >= 0) {
        spread[l] += Math.sqrt(squaredDistance(x, i * d, c, l * d, d));
      }
    }
    boolean allSpreadsZero = true;
    for (int j = 0; j < kk; j++) {
      spread[j] /= p.sizes[j];
      checkFinite(spread[j], "Davies-Bouldin index (cluster spread)");
      allSpreadsZero &= spread[j] <= DAVIES_BOULDIN_ZERO_TOLERANCE;
    }
    double[] dist = new double[kk * kk];
    boolean allCentroidsClose = true;
    for (int i = 0; i < kk; i++) {
      for (int j = i + 1; j < kk; j++) {
        double v = Math.sqrt(squaredDistance(c, i * d, c, j * d, d));
        dist[i * kk + j] = v;
        dist[j * kk + i] = v;
        allCentroidsClose &= v <= DAVIES_BOULDIN_ZERO_TOLERANCE;
      }
    }
    if (allSpreadsZero || allCentroidsClose) {
      return 0.0;
    }
    for (double v : dist) {
      checkFinite(v, "Davies-Bouldin index (centroid distance)");
    }
    double sum = 0.0;
    for (int i = 0; i < kk; i++) {
      double worst = 0.0;
      for (int j = 0; j < kk; j++) {
        double v = dist[i * kk + j];
        if (j == i || v == 0.0) {
          continue;
        }
        double r = (spread[i] + spread[j]) / v;
        if (r > worst) {
          worst = r;
        }
      }
      sum += worst;
    }
    return checkFinite(sum / kk, "Davies-Bouldin index");
  }

  // ------------------------------------------------------------------------------------ internals

  /** Labels renumbered to the non-empty clusters {@code 0 .. clusters-1} (order kept), -1 excluded. */
  private static final class Dense {
    final int[] labels;
    final int[] sizes;
    final int clusters;
    final int included;

    Dense(int[] labels, int[] sizes, int clusters, int included) {
      this.labels = labels;
      this.sizes = sizes;
      this.clusters = clusters;
      this.included = included;
    }
  }

  /** A computation that runs on an executor. */
  private interface OnExecutor {
    double run(Executor executor);
  }

  /** Checks shapes, labels and finiteness; returns the size of each of the {@code k} clusters. */
  private static int[] validate(double[] x, int n, int d, int[] labels, int k) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(labels, "labels");
    if (n < 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "n (number of rows) must be at least 0, was %d.", n));
    }
    if (d < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "d (number of columns) must be at least 1, was %d.", d));
    }
    if (k < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "k (number of clusters) must be at least 1, was %d.", k));
    }
    if ((long) n * d != x.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "x has %d values; expected n * d = %d * %d = %d (row-major).",
          x.length, n, d, (long) n * d));
    }
    if (labels.length != n) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "labels has %d entries; expected one per row, n = %d.", labels.length, n));
    }
    int[] sizes = new int[k];
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      if (l == EXCLUDED) {
        continue;
      }
      if (l < 0 || l >= k) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "labels[%d] is %d; expected a cluster index in [0, %d) or -1 (excluded row).",
            i, l, k));
      }
      sizes[l]++;
      for (int t = 0; t < d; t++) {
        double v = x[i * d + t];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "x[row %d, column %d] is %s; features of non-excluded rows must be finite.\n"
                  + "Impute the value or exclude the row (label -1).", i, t, v));
        }
      }
    }
    return sizes;
  }

  /** Validates and renumbers labels; checks {@code 2 <= k' <= n' - 1}. */
  private static Dense prepare(double[] x, int n, int d, int[] labels, int k, String what) {
    int[] sizes = validate(x, n, d, labels, k);
    int[] dense = new int[k];
    int clusters = 0;
    int included = 0;
    for (int j = 0; j < k; j++) {
      dense[j] = sizes[j] > 0 ? clusters++ : -1;
      included += sizes[j];
    }
    if (clusters < 2 || clusters > included - 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s needs at least 2 non-empty clusters and fewer non-empty clusters than "
              + "non-excluded rows (2 <= k' <= n' - 1); found k' = %d non-empty clusters among "
              + "n' = %d non-excluded rows (k = %d).", what, clusters, included, k));
    }
    int[] dl = new int[n];
    for (int i = 0; i < n; i++) {
      dl[i] = labels[i] < 0 ? -1 : dense[labels[i]];
    }
    int[] ds = new int[clusters];
    for (int j = 0; j < k; j++) {
      if (dense[j] >= 0) {
        ds[dense[j]] = sizes[j];
      }
    }
    return new Dense(dl, ds, clusters, included);
  }

  private static double sampled(double[] x, int n, int d, int[] labels, int k, int sampleSize,
      long seed, Executor executor, BooleanSupplier stop) {
    int[] sizes = validate(x, n, d, labels, k);
    int included = 0;
    for (int size : sizes) {
      included += size;
    }
    int[] rows = silhouetteSampleRows(labels, sampleSize, seed);
    int m = rows.length;
    String what = String.format(Locale.ROOT,
        "sampled silhouette (sampleSize = %d, seed = %d)", sampleSize, seed);
    double[] xs;
    int[] ls;
    int rowsTotal;
    if (m < included) {
      xs = new double[m * d];
      ls = new int[m];
      for (int r = 0; r < m; r++) {
        System.arraycopy(x, rows[r] * d, xs, r * d, d);
        ls[r] = labels[rows[r]];
      }
      rowsTotal = m;
    } else {
      // every non-excluded row: the exact silhouette of the full data, bit for bit
      xs = x;
      ls = labels;
      rowsTotal = n;
    }
    Dense p = prepare(xs, rowsTotal, d, ls, k, what);
    return meanSilhouette(p, silhouetteValues(xs, rowsTotal, d, p, executor, stop), what);
  }

  private static void checkParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "parallelism must be at least 1, was %d.", parallelism));
    }
  }

  private static int blockCount(int n) {
    return (n + ROW_BLOCK - 1) / ROW_BLOCK;
  }

  /** Runs {@code body} inline ({@code parallelism == 1}) or on a temporary pool of daemon threads. */
  private static double withThreads(int parallelism, int blocks, OnExecutor body) {
    int threads = Math.min(parallelism, Math.max(1, blocks));
    if (threads == 1) {
      return body.run(null);
    }
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "segmentation-silhouette-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      return body.run(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Computes s(i) for every row (NaN for excluded rows), block by block. */
  private static double[] silhouetteValues(
      double[] x, int n, int d, Dense p, Executor executor, BooleanSupplier stop) {
    double[] s = new double[n];
    int blocks = blockCount(n);
    if (executor == null) {
      for (int b = 0; b < blocks; b++) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("Silhouette computation stopped.");
        }
        silhouetteBlock(x, n, d, p, b, s);
      }
      return s;
    }
    AtomicBoolean abort = new AtomicBoolean();
    CompletableFuture<?>[] futures = new CompletableFuture<?>[blocks];
    for (int b = 0; b < blocks; b++) {
      int block = b;
      futures[b] = CompletableFuture.runAsync(() -> {
        if (!abort.get()) {
          silhouetteBlock(x, n, d, p, block, s);
        }
      }, executor);
    }
    try {
      CompletableFuture<Void> all = CompletableFuture.allOf(futures);
      if (stop == NEVER) {
        all.get();
      } else {
        while (true) {
          try {
            all.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
            break;
          } catch (TimeoutException timeout) {
            if (stop.getAsBoolean()) {
              abort.set(true);
              for (CompletableFuture<?> f : futures) {
                f.cancel(false);
              }
              throw new CancellationException("Silhouette computation stopped.");
            }
          }
        }
      }
    } catch (InterruptedException e) {
      abort.set(true);
      for (CompletableFuture<?> f : futures) {
        f.cancel(false);
      }
      Thread.currentThread().interrupt();
      CancellationException ce = new CancellationException("Silhouette computation interrupted.");
      ce.initCause(e);
      throw ce;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("Silhouette block task failed.", cause);
    }
    return s;
  }

  /**
   * Computes s(i) for the rows of one block. For each row, the distance sums per cluster accumulate
   * over j in increasing row order whatever the tiling, so the value does not depend on blocks.
   */
  private static void silhouetteBlock(double[] x, int n, int d, Dense p, int block, double[] s) {
    int[] dl = p.labels;
    int[] sizes = p.sizes;
    int kk = p.clusters;
    int i0 = block * ROW_BLOCK;
    int i1 = Math.min(n, i0 + ROW_BLOCK);
    double[] sums = new double[(i1 - i0) * kk];
    for (int j0 = 0; j0 < n; j0 += COLUMN_TILE) {
      int j1 = Math.min(n, j0 + COLUMN_TILE);
      for (int i = i0; i < i1; i++) {
        if (dl[i] < 0) {
          continue;
        }
        int io = i * d;
        int so = (i - i0) * kk;
        for (int j = j0; j < j1; j++) {
          int lj = dl[j];
          if (lj < 0 || j == i) {
            continue;
          }
          int jo = j * d;
          double ss = 0.0;
          for (int t = 0; t < d; t++) {
            double diff = x[io + t] - x[jo + t];
            ss += diff * diff;
          }
          sums[so + lj] += Math.sqrt(ss);
        }
      }
    }
    for (int i = i0; i < i1; i++) {
      int li = dl[i];
      if (li < 0) {
        s[i] = Double.NaN;
        continue;
      }
      int size = sizes[li];
      if (size == 1) {
        s[i] = 0.0;
        continue;
      }
      int so = (i - i0) * kk;
      double a = sums[so + li] / (size - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < kk; c++) {
        if (c != li) {
          double mean = sums[so + c] / sizes[c];
          if (mean < b) {
            b = mean;
          }
        }
      }
      double max = Math.max(a, b);
      s[i] = max == 0.0 ? 0.0 : (b - a) / max;
    }
  }

  /** Mean of s(i) over non-excluded rows, summed in row order. */
  private static double meanSilhouette(Dense p, double[] s, String what) {
    double sum = 0.0;
    for (int i = 0; i < s.length; i++) {
      if (p.labels[i] >= 0) {
        sum += s[i];
      }
    }
    return checkFinite(sum / p.included, what);
  }

  /** Centroids of the non-empty clusters (dense numbering), sums in row order divided by the size. */
  private static double[] centroids(double[] x, int n, int d, Dense p) {
    double[] c = new double[p.clusters * d];
    for (int i = 0; i < n; i++) {
      int l = p.labels[i];
      if (l < 0) {
        continue;
      }
      for (int t = 0; t < d; t++) {
        c[l * d + t] += x[i * d + t];
      }
    }
    for (int j = 0; j < p.clusters; j++) {
      for (int t = 0; t < d; t++) {
        c[j * d + t] /= p.sizes[j];
      }
    }
    return c;
  }

  private static double squaredDistance(double[] a, int ao, double[] b, int bo, int d) {
    double ss = 0.0;
    for (int t = 0; t < d; t++) {
      double diff = a[ao + t] - b[bo + t];
      ss += diff * diff;
    }
    return ss;
  }

  private static double checkFinite(double v, String what) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s overflowed (%s): squared distances exceed the double range.\n"
              + "Scale the features (for example standardize them) first.", what, v));
    }
    return v;
  }
}
