package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.model.KMeansAlgorithm;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Paired timing of ours and the fastest JVM peers for a shared, noisy machine. JMH runs one benchmark
 * after the other, so a change of load between two benchmarks shifts their ratio; here every
 * contender runs once per round, one after the other, for several rounds (after one warm-up round),
 * and the ratio to the reference peer is taken within each round, then the median over rounds.
 * Same workloads, inputs and library calls as {@link KMeansBenchmark}.
 *
 * <pre>
 * java -Xms10g -Xmx10g -cp segmentation-benchmarks/target/benchmarks.jar \
 *     dev.segmentation.benchmarks.KMeansPaired fixed 7
 * java -Xms10g -Xmx10g -cp ... dev.segmentation.benchmarks.KMeansPaired blobs 7 100000 8
 * </pre>
 *
 * <p>{@code fixed ROUNDS}: workload (a) (n = 1,000,000, k = 8, 20 updates from given centres), peers
 * ELKI {@code ParallelLloydKMeans} (2 threads) and {@code HamerlyKMeans}. {@code blobs ROUNDS N K}:
 * workload (b), peers Smile and ELKI Hamerly, at N up to 100,000 also ELKI parallel Lloyd and
 * commons-math3. The reference is the peer with the lowest median time.
 */
public final class KMeansPaired {

  private static final int D = 8;

  private KMeansPaired() {}

  /** A contender: a name, whether it is a peer, and one timed run. */
  private record Contender(String name, boolean peer, Runnable run) {}

  /**
   * Runs the comparison and prints one line per round and a summary.
   *
   * @param args {@code fixed ROUNDS} or {@code blobs ROUNDS N K}
   */
  public static void main(String[] args) {
    String mode = args[0];
    int rounds = Integer.parseInt(args[1]);
    List<Contender> cs = new ArrayList<>();
    String reference = null;
    if (mode.equals("fixed")) {
      double[][] x = KMeansWorkloads.uniform(1_000_000, D, KMeansWorkloads.SEED);
      double[][] init = KMeansWorkloads.givenCentres(x, 8, KMeansWorkloads.SEED);
      double[] flatInit = KMeansWorkloads.flatten(init);
      KMeansEngine.Data data = new KMeansEngine.Data(KMeansWorkloads.flatten(x), x.length, D, null);
      AccountTable table = KMeansPeers.table(x);
      Criteria criteria = KMeansPeers.criteria(D);
      Relation<NumberVector> rel = KMeansPeers.elkiRelation(x);
      int it = KMeansBenchmark.FIXED_ITERATIONS;
      cs.add(new Contender("ours kernel Hamerly P2", false, () -> KMeansPeers.kernel(
          data, flatInit, 8, it, KMeansEngine.Variant.HAMERLY, 2, 0L)));
      cs.add(new Contender("ours kernel Hamerly P1", false, () -> KMeansPeers.kernel(
          data, flatInit, 8, it, KMeansEngine.Variant.HAMERLY, 1, 0L)));
      cs.add(new Contender("ours table API P2", false, () -> KMeansPeers.oursGiven(
          init, it, 2, KMeansAlgorithm.HAMERLY).fit(table, criteria)));
      cs.add(new Contender("ours table API P1", false, () -> KMeansPeers.oursGiven(
          init, it, 1, KMeansAlgorithm.HAMERLY).fit(table, criteria)));
      cs.add(new Contender("ELKI ParallelLloyd P2", true, () -> KMeansPeers.elki(
          rel, KMeansPeers.ElkiVariant.PARALLEL_LLOYD, 8, it, KMeansPeers.elkiGiven(init))));
      cs.add(new Contender("ELKI Hamerly P1", true, () -> KMeansPeers.elki(
          rel, KMeansPeers.ElkiVariant.HAMERLY, 8, it, KMeansPeers.elkiGiven(init))));
    } else {
      int n = Integer.parseInt(args[2]);
      int k = Integer.parseInt(args[3]);
      long seed = KMeansWorkloads.SEED;
      int cap = KMeansPeers.MAX_ITERATIONS;
      double[][] x = KMeansWorkloads.blobs(n, D, k, seed);
      KMeansEngine.Data data = new KMeansEngine.Data(KMeansWorkloads.flatten(x), x.length, D, null);
      AccountTable table = KMeansPeers.table(x);
      Criteria criteria = KMeansPeers.criteria(D);
      Relation<NumberVector> rel = KMeansPeers.elkiRelation(x);
      int greedy = 2 + (int) Math.floor(Math.log(k));
      cs.add(new Contender("ours kernel P2", false, () -> KMeansPeers.kernel(
          data, null, k, cap, KMeansEngine.Variant.HAMERLY, 2, seed)));
      cs.add(new Contender("ours kernel P1", false, () -> KMeansPeers.kernel(
          data, null, k, cap, KMeansEngine.Variant.HAMERLY, 1, seed)));
      cs.add(new Contender("ours kernel greedy P2", false, () -> KMeansPeers.kernel(
          data, null, k, cap, KMeansEngine.Variant.HAMERLY, 2, seed, greedy)));
      cs.add(new Contender("ours table API P2", false,
          () -> KMeansPeers.oursPlusPlus(k, seed, 2).fit(table, criteria)));
      cs.add(new Contender("ours table API P1", false,
          () -> KMeansPeers.oursPlusPlus(k, seed, 1).fit(table, criteria)));
      cs.add(new Contender("ours table API greedy P2", false,
          () -> KMeansPeers.oursGreedy(k, seed, 2).fit(table, criteria)));
      cs.add(new Contender("Smile", true, () -> KMeansPeers.smilePlusPlus(x, k, seed)));
      cs.add(new Contender("ELKI Hamerly P1", true, () -> KMeansPeers.elki(
          rel, KMeansPeers.ElkiVariant.HAMERLY, k, cap, KMeansPeers.elkiPlusPlus(seed))));
      if (n <= 100_000) {
        List<KMeansPeers.Cm3Point> pts = KMeansPeers.cm3Points(x);
        cs.add(new Contender("ELKI ParallelLloyd P2", true, () -> KMeansPeers.elki(
            rel, KMeansPeers.ElkiVariant.PARALLEL_LLOYD, k, cap, KMeansPeers.elkiPlusPlus(seed))));
        cs.add(new Contender("commons-math3", true,
            () -> KMeansPeers.cm3(pts, k, cap, seed)));
      }
    }
    Map<String, double[]> ms = new LinkedHashMap<>();
    for (Contender c : cs) {
      ms.put(c.name(), new double[rounds]);
    }
    for (int r = -1; r < rounds; r++) {
      StringBuilder line = new StringBuilder(r < 0 ? "warm-up" : "round " + (r + 1));
      for (Contender c : cs) {
        long t0 = System.nanoTime();
        c.run().run();
        double t = (System.nanoTime() - t0) / 1e6;
        if (r >= 0) {
          ms.get(c.name())[r] = t;
        }
        line.append(String.format(Locale.ROOT, " | %s %.0f", c.name(), t));
      }
      System.out.println(line);
    }
    double best = Double.POSITIVE_INFINITY;
    for (Contender c : cs) {
      double m = median(ms.get(c.name()));
      if (c.peer() && m < best) {
        best = m;
        reference = c.name();
      }
    }
    double[] ref = ms.get(reference);
    System.out.printf(Locale.ROOT, "%s, %d rounds; reference %s%n", String.join(" ", args), rounds,
        reference);
    System.out.printf(Locale.ROOT, "%-26s %10s %12s %12s %12s%n", "contender", "median ms",
        "median ratio", "min ratio", "max ratio");
    for (Contender c : cs) {
      double[] t = ms.get(c.name());
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = t[r] / ref[r];
      }
      double[] sorted = ratio.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "%-26s %10.0f %12.3f %12.3f %12.3f%n", c.name(), median(t),
          median(ratio), sorted[0], sorted[rounds - 1]);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
