package dev.segmentation.spark.internal;

import dev.segmentation.core.criteria.QuantileMethod;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;

/**
 * Exact sample quantiles of a distributed column with the definitions of {@link QuantileMethod}.
 *
 * <p>The Hyndman-Fan estimate of {@code Q(p)} depends only on {@code n} and at most two order
 * statistics. The positions and the interpolation are delegated to the same Commons Statistics
 * {@code Quantile} the single-machine {@code QuantileMethod} uses (its sorted-values entry point,
 * called once to learn which ranks are read and once with their values), so the results are the same
 * doubles.
 *
 * <p><b>Order statistics without a shuffle.</b> Every partition reads its values as primitives
 * (Spark's internal rows, no boxing), sorts them into one {@code double[]} with
 * {@link Arrays#sort(double[])} and keeps it cached. The ranks are then found by a multi-rank
 * selection over the sorted partitions: each round is one Spark job in which every partition returns,
 * per wanted rank, the exact counts of values below and at the two ends of the rank's current value
 * interval {@code [lo, hi]} (binary searches) and an evenly spaced summary of at most {@code m} of its
 * values strictly inside it. From the summaries the driver narrows {@code [lo, hi]} (bounds on the
 * global counts that hold for any values between the summary points) until the rank is one of the two
 * ends or every partition's values inside the interval fit in its summary, which the driver then
 * merges. Each round shrinks an interval by a factor of about {@code m / 2}, so a few million values
 * need two or three rounds; nothing but the summaries leaves the executors. All comparisons use
 * {@link Double#compare} order (as {@link Arrays#sort(double[])}: {@code -0.0} before {@code 0.0}),
 * so the order statistics are the single machine's, bit for bit.
 *
 * <p>Instances hold the cached sorted partitions: {@link #close()} releases them.
 */
public final class ExactQuantiles implements AutoCloseable {

  /** Summary values per round over all partitions and ranks (about 8 MB on the driver). */
  static final int SUMMARY_BUDGET = 1 << 20;

  private final JavaRDD<double[]> sorted;
  private final int partitions;
  private final int budget;
  private int rounds;

  private ExactQuantiles(JavaRDD<double[]> sorted, int budget) {
    this.sorted = sorted;
    this.partitions = sorted.getNumPartitions();
    this.budget = budget;
  }

  /**
   * Sorts every partition of a value column (lazily: the first job sorts and caches).
   *
   * @param values one {@code double} column without {@code null} or {@code NaN}
   * @return the sorted partitions; close to release the cache
   */
  public static ExactQuantiles sort(Dataset<Row> values) {
    return sort(values, SUMMARY_BUDGET);
  }

  /**
   * Sorts every partition, with a given summary budget (small budgets force many rounds in tests).
   *
   * @param values one {@code double} column without {@code null} or {@code NaN}
   * @param budget summary values per round over all partitions and ranks
   * @return the sorted partitions
   */
  static ExactQuantiles sort(Dataset<Row> values, int budget) {
    JavaRDD<InternalRow> rows = values.queryExecution().toRdd().toJavaRDD();
    JavaRDD<double[]> sorted = rows.mapPartitions(it -> {
      double[] a = new double[1024];
      int n = 0;
      while (it.hasNext()) {
        if (n == a.length) {
          a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8, 2L * n));
        }
        a[n++] = it.next().getDouble(0);
      }
      a = Arrays.copyOf(a, n);
      Arrays.sort(a);
      return Collections.singletonList(a).iterator();
    }, true);
    sorted.persist(StorageLevel.MEMORY_AND_DISK());
    return new ExactQuantiles(sorted, budget);
  }

  /**
   * Computes quantiles of the sorted values.
   *
   * @param n the number of values, {@code >= 1}
   * @param method the quantile definition
   * @param probabilities probabilities in {@code [0, 1]}
   * @return one quantile per probability
   */
  public double[] quantiles(int n, QuantileMethod method, double[] probabilities) {
    Quantile q = estimator(method);
    TreeSet<Integer> ranks = new TreeSet<>();
    q.evaluate(n, i -> {
      ranks.add(i);
      return 0.0;
    }, probabilities);
    long[] wanted = ranks.stream().mapToLong(Integer::longValue).toArray();
    double[] values = orderStatistics(wanted);
    Map<Integer, Double> stats = new HashMap<>();
    for (int i = 0; i < wanted.length; i++) {
      stats.put((int) wanted[i], values[i]);
    }
    return q.evaluate(n, stats::get, probabilities);
  }

  /**
   * Counts the values per bin of non-decreasing edges: bin {@code j} holds the values with exactly
   * {@code j} edges strictly below them (numeric {@code <}, so {@code -0.0} and {@code 0.0} are equal
   * here), as a binary search of each value among the edges would place it.
   *
   * @param edges non-decreasing finite edges
   * @return {@code edges.length + 1} counts
   */
  public long[] binCounts(double[] edges) {
    double[] e = edges.clone();
    List<long[]> parts = PartitionOrder.partials(sorted, (index, it) -> {
      double[] a = it.next();
      long[] atMost = new long[e.length];
      for (int j = 0; j < e.length; j++) {
        double edge = e[j];
        int lo = 0;
        int hi = a.length;
        while (lo < hi) { // first value above the edge
          int mid = (lo + hi) >>> 1;
          if (a[mid] <= edge) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        atMost[j] = lo;
      }
      long[] c = new long[e.length + 1];
      long prev = 0;
      for (int j = 0; j < e.length; j++) {
        c[j] = atMost[j] - prev;
        prev = atMost[j];
      }
      c[e.length] = a.length - prev;
      return c;
    });
    long[] total = new long[edges.length + 1];
    for (long[] c : parts) {
      for (int j = 0; j < c.length; j++) {
        total[j] += c[j];
      }
    }
    return total;
  }

  /**
   * Returns the Commons Statistics estimator of a method.
   *
   * @param method the method
   * @return the estimator ({@code TYPE_n} is {@code HFn})
   */
  static Quantile estimator(QuantileMethod method) {
    Quantile.EstimationMethod hf =
        Quantile.EstimationMethod.valueOf("HF" + method.name().substring("TYPE_".length()));
    return Quantile.withDefaults().with(hf);
  }

  /** What one partition reports for one rank in one round. */
  record Report(long ltLo, long leLo, long ltHi, long leHi, int[] positions, double[] values,
      boolean complete) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Looks up order statistics by 0-based rank in {@link Double#compare} order.
   *
   * @param ranks the ranks wanted, each in {@code [0, n)}
   * @return the value of each rank, in the order given
   */
  double[] orderStatistics(long[] ranks) {
    int r = ranks.length;
    double[] lo = new double[r];
    double[] hi = new double[r];
    Arrays.fill(lo, Double.NEGATIVE_INFINITY);
    Arrays.fill(hi, Double.POSITIVE_INFINITY);
    double[] out = new double[r];
    boolean[] done = new boolean[r];
    int active = r;
    rounds = 0;
    while (active > 0) {
      rounds++;
      int[] which = new int[active];
      for (int i = 0, a = 0; i < r; i++) {
        if (!done[i]) {
          which[a++] = i;
        }
      }
      double[] los = new double[active];
      double[] his = new double[active];
      for (int a = 0; a < active; a++) {
        los[a] = lo[which[a]];
        his[a] = hi[which[a]];
      }
      int m = (int) Math.max(2, Math.min(1 << 16,
          budget / ((long) active * Math.max(1, partitions))));
      List<Report[]> reports = PartitionOrder.partials(sorted,
          (index, it) -> report(it.next(), los, his, m));
      for (int a = 0; a < active; a++) {
        int i = which[a];
        List<Report> per = new ArrayList<>(reports.size());
        for (Report[] p : reports) {
          per.add(p[a]);
        }
        double[] next = narrow(per, ranks[i], lo[i], hi[i]);
        if (next.length == 1) {
          out[i] = next[0];
          done[i] = true;
        } else {
          lo[i] = next[0];
          hi[i] = next[1];
        }
      }
      active = 0;
      for (boolean d : done) {
        active += d ? 0 : 1;
      }
    }
    return out;
  }

  /** One partition's reports for every active rank. */
  static Report[] report(double[] a, double[] los, double[] his, int m) {
    Report[] out = new Report[los.length];
    for (int k = 0; k < los.length; k++) {
      int ltLo = lowerBound(a, los[k]);
      int leLo = upperBound(a, los[k]);
      int ltHi = lowerBound(a, his[k]);
      int leHi = upperBound(a, his[k]);
      int from = leLo;
      int to = Math.max(leLo, ltHi);
      int size = to - from;
      int[] pos;
      if (size <= m) {
        pos = new int[size];
        for (int j = 0; j < size; j++) {
          pos[j] = from + j;
        }
      } else {
        int stride = (size + m - 1) / m;
        int count = (size - 1) / stride + 1;
        boolean lastIncluded = (size - 1) % stride == 0;
        pos = new int[count + (lastIncluded ? 0 : 1)];
        for (int j = 0; j < count; j++) {
          pos[j] = from + j * stride;
        }
        if (!lastIncluded) {
          pos[count] = to - 1;
        }
      }
      double[] v = new double[pos.length];
      for (int j = 0; j < pos.length; j++) {
        v[j] = a[pos[j]];
      }
      out[k] = new Report(ltLo, leLo, ltHi, leHi, pos, v, pos.length == size);
    }
    return out;
  }

  /**
   * The driver's step for one rank: {@code {value}} when found, else the narrower {@code {lo, hi}}
   * that still holds the rank.
   */
  static double[] narrow(List<Report> parts, long rank, double lo, double hi) {
    long ltLo = 0;
    long leLo = 0;
    long ltHi = 0;
    long leHi = 0;
    boolean complete = true;
    int candidates = 0;
    for (Report p : parts) {
      ltLo += p.ltLo();
      leLo += p.leLo();
      ltHi += p.ltHi();
      leHi += p.leHi();
      complete &= p.complete();
      candidates += p.values().length;
    }
    if (!(ltLo <= rank && rank < leHi)) {
      throw new IllegalStateException("Exact quantile selection lost rank " + rank + " (" + ltLo
          + " values below, " + leHi + " at most " + hi
          + "); the dataset changed between Spark jobs (cache it before fitting).");
    }
    if (rank < leLo) {
      return new double[] {lo};
    }
    if (rank >= ltHi) {
      return new double[] {hi};
    }
    double[] all = new double[candidates];
    int at = 0;
    for (Report p : parts) {
      System.arraycopy(p.values(), 0, all, at, p.values().length);
      at += p.values().length;
    }
    Arrays.sort(all);
    if (complete) {
      // every value strictly between lo and hi is here; leLo of them lie below
      return new double[] {all[(int) (rank - leLo)]};
    }
    // the largest candidate that at most `rank` values can lie below
    int a = 0;
    int b = all.length - 1;
    while (a < b) {
      int mid = (a + b + 1) >>> 1;
      if (maxBelow(parts, all[mid]) <= rank) {
        a = mid;
      } else {
        b = mid - 1;
      }
    }
    double newLo = all[a];
    // the smallest candidate that more than `rank` values are surely at most
    a = 0;
    b = all.length - 1;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (minAtMost(parts, all[mid]) > rank) {
        b = mid;
      } else {
        a = mid + 1;
      }
    }
    return new double[] {newLo, all[a]};
  }

  /** An upper bound on the number of values {@code < v}, for {@code lo < v < hi}. */
  private static long maxBelow(List<Report> parts, double v) {
    long s = 0;
    for (Report p : parts) {
      double[] vals = p.values();
      int j = lowerBound(vals, v); // first summary value >= v: everything from there on is >= v
      s += j < vals.length ? p.positions()[j] : Math.max(p.leLo(), p.ltHi());
    }
    return s;
  }

  /** A lower bound on the number of values {@code <= v}, for {@code lo < v < hi}. */
  private static long minAtMost(List<Report> parts, double v) {
    long s = 0;
    for (Report p : parts) {
      double[] vals = p.values();
      int j = upperBound(vals, v) - 1; // last summary value <= v: everything up to it is <= v
      s += j >= 0 ? p.positions()[j] + 1L : p.leLo();
    }
    return s;
  }

  /** Number of values before {@code v} in {@link Double#compare} order. */
  static int lowerBound(double[] a, double v) {
    return countBelow(a, v, 0);
  }

  /** Number of values at or before {@code v} in {@link Double#compare} order. */
  static int upperBound(double[] a, double v) {
    return countBelow(a, v, 1);
  }

  /** Number of sorted values {@code x} with {@code Double.compare(x, v) < limit}. */
  private static int countBelow(double[] a, double v, int limit) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(a[mid], v) < limit) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Returns the number of selection rounds (Spark jobs) of the last {@link #quantiles} call.
   *
   * @return the rounds
   */
  int rounds() {
    return rounds;
  }

  /** Releases the cached sorted partitions. */
  @Override
  public void close() {
    sorted.unpersist(false);
  }
}
