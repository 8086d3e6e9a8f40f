package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.model.KMeansAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The quality side of {@link KMeansBenchmark} (JMH measures time only): runs every library on the
 * k-means workloads over 7 seeds and prints, per workload and library, the final inertia relative to
 * the best inertia any library reached on the same data and seed, and whether the returned labels and
 * cluster sizes match the returned centroids (nearest-centroid assignment computed here, by our own
 * code, from the returned centroids).
 *
 * <pre>
 * java -Xmx12g -cp segmentation-benchmarks/target/benchmarks.jar dev.segmentation.benchmarks.KMeansQuality
 * java -Xmx12g -cp ... dev.segmentation.benchmarks.KMeansQuality --seeds 3 --sizes 100000 --slow-max 100000
 * </pre>
 *
 * <p>Options: {@code --seeds N} (default 7), {@code --sizes a,b} (blob sizes, default
 * {@code 100000,1000000}), {@code --ks a,b} (default {@code 8,50}), {@code --fixed-n N} (default
 * {@code 1000000}; 0 skips workload (a)), {@code --slow-max N}: commons-math3 and Tribuo are run on
 * workload (b) only up to this size (default {@code 100000}, as in the benchmark).
 *
 * <p>ELKI runs its Hamerly variant only: its Lloyd variants are exact too and, from the same start, give
 * the same result (checked in the benchmark's {@code QUALITY} lines), at up to 10 times the cost.
 *
 * <p>Seed {@code s} (0-based) uses data seed {@code KMeansWorkloads.SEED + s}; the same number seeds
 * each library's own initialisation, and, for workload (a), draws the common starting centres.
 */
public final class KMeansQuality {

  private static final int D = 8;
  private static final int FIXED_K = 8;
  private static final int FIXED_ITERATIONS = 20;

  private KMeansQuality() {}

  /** One library run on one (workload, seed). */
  private record Run(String library, KMeansPeers.Quality quality, int iterations, double seconds) {}

  /** Accumulates runs of one workload. */
  private static final class Table {
    final String workload;
    final Map<String, List<Double>> rel = new LinkedHashMap<>();
    final Map<String, long[]> labels = new LinkedHashMap<>();
    final Map<String, long[]> sizes = new LinkedHashMap<>();
    final Map<String, List<Integer>> iterations = new LinkedHashMap<>();
    final Map<String, List<Double>> seconds = new LinkedHashMap<>();

    Table(String workload) {
      this.workload = workload;
    }

    void add(List<Run> runs) {
      double best = Double.POSITIVE_INFINITY;
      for (Run r : runs) {
        best = Math.min(best, r.quality().inertia());
      }
      for (Run r : runs) {
        rel.computeIfAbsent(r.library(), x -> new ArrayList<>()).add(r.quality().inertia() / best - 1);
        long[] l = labels.computeIfAbsent(r.library(), x -> new long[] {0, 0});
        if (r.quality().labelMismatches() >= 0) {
          l[0] += r.quality().labelMismatches();
          l[1]++;
        }
        long[] s = sizes.computeIfAbsent(r.library(), x -> new long[] {0, 0});
        if (r.quality().sizeMismatches() >= 0) {
          s[0] += r.quality().sizeMismatches();
          s[1]++;
        }
        iterations.computeIfAbsent(r.library(), x -> new ArrayList<>()).add(r.iterations());
        seconds.computeIfAbsent(r.library(), x -> new ArrayList<>()).add(r.seconds());
      }
    }

    void print() {
      System.out.println();
      System.out.println("## " + workload);
      System.out.printf(Locale.ROOT, "%-34s %6s %12s %12s %12s %-22s %-22s %10s %9s%n", "library",
          "seeds", "mean rel", "max rel", "#best", "labels vs centroids", "sizes vs centroids",
          "iter mean", "s/run");
      for (String lib : rel.keySet()) {
        List<Double> r = rel.get(lib);
        double mean = r.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double max = r.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        long best = r.stream().filter(v -> v <= 1e-9).count();
        long[] l = labels.get(lib);
        long[] s = sizes.get(lib);
        String lab = l[1] == 0 ? "n/a (no labels)"
            : l[0] == 0 ? "match (" + l[1] + "/" + l[1] + ")" : l[0] + " pts differ";
        String siz = s[1] == 0 ? "n/a" : s[0] == 0 ? "match (" + s[1] + "/" + s[1] + ")"
            : s[0] + " clusters differ";
        List<Integer> it = iterations.get(lib);
        String iter = it.contains(-1) ? "n/r"
            : String.format(Locale.ROOT, "%.1f",
                it.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN));
        double sec = seconds.get(lib).stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-34s %6d %12.3e %12.3e %12s %-22s %-22s %10s %9.2f%n", lib,
            r.size(), mean, max, best + "/" + r.size(), lab, siz, iter, sec);
      }
    }
  }

  /**
   * Runs the quality comparison and prints the tables.
   *
   * @param args options, see the class documentation
   */
  public static void main(String[] args) {
    int seeds = 7;
    int[] sizes = {100_000, 1_000_000};
    int[] ks = {8, 50};
    int fixedN = 1_000_000;
    int slowMax = 100_000;
    for (int a = 0; a < args.length; a += 2) {
      String v = args[a + 1];
      switch (args[a]) {
        case "--seeds" -> seeds = Integer.parseInt(v);
        case "--sizes" -> sizes = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        case "--ks" -> ks = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        case "--fixed-n" -> fixedN = Integer.parseInt(v);
        case "--slow-max" -> slowMax = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("Unknown option " + args[a]
            + "; expected --seeds, --sizes, --ks, --fixed-n or --slow-max.");
      }
    }
    KMeansPeers.quietTribuo();
    List<Table> tables = new ArrayList<>();
    if (fixedN > 0) {
      Table t = new Table(String.format(Locale.ROOT,
          "(a) uniform n=%d d=%d k=%d, %d iterations (given centres where supported)", fixedN, D,
          FIXED_K, FIXED_ITERATIONS));
      for (int s = 0; s < seeds; s++) {
        t.add(fixed(fixedN, KMeansWorkloads.SEED + s));
      }
      tables.add(t);
      t.print();
    }
    for (int n : sizes) {
      for (int k : ks) {
        Table t = new Table(String.format(Locale.ROOT,
            "(b) blobs n=%d d=%d k=%d, to convergence from each library's k-means++", n, D, k));
        for (int s = 0; s < seeds; s++) {
          t.add(converge(n, k, KMeansWorkloads.SEED + s, n <= slowMax));
        }
        tables.add(t);
        t.print();
      }
    }
    System.out.println();
    System.out.println("# Summary (rel = inertia / best inertia of any library on the same data and seed"
        + " - 1; #best = runs within 1e-9 of the best)");
    for (Table t : tables) {
      t.print();
    }
  }

  private static List<Run> fixed(int n, long seed) {
    double[][] x = KMeansWorkloads.uniform(n, D, seed);
    double[][] init = KMeansWorkloads.givenCentres(x, FIXED_K, seed);
    List<Run> runs = new ArrayList<>();
    AccountTable table = KMeansPeers.table(x);
    Criteria criteria = KMeansPeers.criteria(D);
    timed(runs, x, "ours table (given, Hamerly)", () -> KMeansPeers.outcome(
        KMeansPeers.oursGiven(init, FIXED_ITERATIONS, 2, KMeansAlgorithm.HAMERLY).fit(table, criteria)));
    KMeansEngine.Data data = new KMeansEngine.Data(KMeansWorkloads.flatten(x), n, D, null);
    double[] flatInit = KMeansWorkloads.flatten(init);
    timed(runs, x, "ours kernel (given, Lloyd)", () -> KMeansPeers.outcome(KMeansPeers.kernel(data,
        flatInit, FIXED_K, FIXED_ITERATIONS, KMeansEngine.Variant.LLOYD, 1, seed), D));
    var rel = KMeansPeers.elkiRelation(x);
    timed(runs, x, "ELKI Hamerly (given)", () -> KMeansPeers.outcome(KMeansPeers.elki(rel,
        KMeansPeers.ElkiVariant.HAMERLY, FIXED_K, FIXED_ITERATIONS, KMeansPeers.elkiGiven(init)), rel));
    timed(runs, x, "Smile BBD (given)", () -> KMeansPeers.outcome(
        KMeansPeers.smileGiven(x, init, FIXED_ITERATIONS)));
    var pts = KMeansPeers.cm3Points(x);
    timed(runs, x, "commons-math3 (own k-means++)", () -> KMeansPeers.outcomeCm3(
        KMeansPeers.cm3(pts, FIXED_K, FIXED_ITERATIONS, seed), n));
    var ds = KMeansPeers.tribuoDataset(x);
    timed(runs, x, "Tribuo (own k-means++)", () -> KMeansPeers.outcome(
        KMeansPeers.tribuo(ds, FIXED_K, FIXED_ITERATIONS, 2, seed), D));
    return runs;
  }

  private static List<Run> converge(int n, int k, long seed, boolean slowPeers) {
    double[][] x = KMeansWorkloads.blobs(n, D, k, seed);
    List<Run> runs = new ArrayList<>();
    AccountTable table = KMeansPeers.table(x);
    Criteria criteria = KMeansPeers.criteria(D);
    timed(runs, x, "ours table (k-means++, Hamerly)", () -> KMeansPeers.outcome(
        KMeansPeers.oursPlusPlus(k, seed, 2).fit(table, criteria)));
    var rel = KMeansPeers.elkiRelation(x);
    timed(runs, x, "ELKI Hamerly (k-means++)", () -> KMeansPeers.outcome(KMeansPeers.elki(rel,
        KMeansPeers.ElkiVariant.HAMERLY, k, KMeansPeers.MAX_ITERATIONS,
        KMeansPeers.elkiPlusPlus(seed)), rel));
    timed(runs, x, "Smile fit (k-means++, BBD)", () -> KMeansPeers.outcome(
        KMeansPeers.smilePlusPlus(x, k, seed)));
    if (slowPeers) {
      var pts = KMeansPeers.cm3Points(x);
      timed(runs, x, "commons-math3 (k-means++)", () -> KMeansPeers.outcomeCm3(
          KMeansPeers.cm3(pts, k, KMeansPeers.MAX_ITERATIONS, seed), n));
      var ds = KMeansPeers.tribuoDataset(x);
      timed(runs, x, "Tribuo (k-means++)", () -> KMeansPeers.outcome(
          KMeansPeers.tribuo(ds, k, KMeansPeers.MAX_ITERATIONS, 2, seed), D));
    }
    return runs;
  }

  private static void timed(
      List<Run> runs, double[][] x, String library, Supplier<KMeansPeers.Outcome> fit) {
    long t0 = System.nanoTime();
    KMeansPeers.Outcome o = fit.get();
    double sec = (System.nanoTime() - t0) / 1e9;
    KMeansPeers.Quality q = KMeansPeers.quality(x, o);
    runs.add(new Run(library, q, o.iterations(), sec));
    System.out.printf(Locale.ROOT, "  n=%d k=%d %-32s %s iterations=%s %.2fs%n", x.length,
        o.centroids().length, library, q.describe(), o.iterations() < 0 ? "n/r" : o.iterations(), sec);
  }
}
