package dev.segmentation.benchmarks;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.QuantileModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Peak-heap probe for 1,000,000 accounts, one step per JVM run, for {@code -Xmx} bisection (the
 * smallest heap with which a mode succeeds is its peak live heap, to the bisection step). Each mode
 * also prints the JVM's peak used heap (live plus garbage, {@link MemoryPoolMXBean#getPeakUsage()})
 * and the heap still used after two {@code System.gc()} calls while its results (table, model,
 * segmentation, plan) are kept reachable.
 *
 * <pre>
 * java -cp benchmarks.jar dev.segmentation.benchmarks.ReliabilityMemory write   1000000 /tmp/accounts-1m.csv
 * java -XX:+UseSerialGC -Xmn8m -Xmx400m -cp benchmarks.jar \
 *     dev.segmentation.benchmarks.ReliabilityMemory read 1000000 /tmp/accounts-1m.csv
 * </pre>
 *
 * <p>Modes: {@code write} (the CSV: id, region, 8 numeric columns), {@code baseline} (JVM only),
 * {@code read} (read the CSV and hold the table), {@code kmeans} (read, fit criteria + k-means with
 * k = 8, 3 restarts, assign), {@code deciles} (read, decile model of one column, assign),
 * {@code allocation} (coverage allocation of the synthetic 1M instance of {@code AllocationQuality},
 * not from the CSV). Exit code 0 and one line on success; an {@link OutOfMemoryError} otherwise.
 */
public final class ReliabilityMemory {

  private static final int D = 8;

  private ReliabilityMemory() {}

  /**
   * Runs one mode.
   *
   * @param args mode, number of rows, CSV path
   * @throws IOException when the CSV cannot be written
   */
  public static void main(String[] args) throws IOException {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    Path csv = Path.of(args.length > 2 ? args[2] : "/tmp/accounts-1m.csv");
    String what;
    Object keep = null;
    switch (mode) {
      case "write" -> {
        write(csv, n);
        what = "wrote " + Files.size(csv) + " bytes";
      }
      case "baseline" -> what = "baseline";
      case "read" -> {
        AccountTable t = AccountTable.readCsv(csv);
        keep = t;
        what = "rows=" + t.rowCount();
      }
      case "kmeans" -> {
        AccountTable t = AccountTable.readCsv(csv);
        Criteria.NumericStep c = Criteria.builder().numeric("f0").log1p().standardize();
        for (int j = 1; j < D; j++) {
          c = c.numeric("f" + j).log1p().standardize();
        }
        KMeansModel m = KMeans.builder().clusters(8).restarts(3).seed(1L).parallelism(2).build()
            .fit(t, c.build());
        Segmentation s = m.assign(t);
        keep = new Object[] {t, m, s};
        what = "status=" + m.status() + " unassigned=" + s.unassignedCount();
      }
      case "deciles" -> {
        AccountTable t = AccountTable.readCsv(csv);
        QuantileModel q = QuantileModel.builder().column("f0").deciles().fit(t);
        Segmentation s = q.assign(t);
        keep = new Object[] {t, q, s};
        what = "unassigned=" + s.unassignedCount();
      }
      case "allocation" -> {
        AllocationProblem p = AllocationQuality.instance(n, AllocationQuality.SEED, "base")
            .method(SolveMethod.LAGRANGIAN).parallelism(2).build();
        AllocationPlan plan = p.solve(SolveLimits.defaults());
        keep = new Object[] {p, plan};
        what = "status=" + plan.status();
      }
      default -> throw new IllegalArgumentException("Unknown mode " + mode);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    System.gc();
    long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Reference.reachabilityFence(keep);
    System.out.printf(Locale.ROOT, "%s n=%d %s peakUsedMB=%.1f retainedAfterGcMB=%.1f%n", mode, n,
        what, peak / 1e6, retained / 1e6);
  }

  /** Writes a CSV of {@code n} accounts: id, a region label and {@value #D} positive numbers. */
  static void write(Path path, int n) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(KMeansWorkloads.SEED);
    try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      StringBuilder h = new StringBuilder("id,region");
      for (int j = 0; j < D; j++) {
        h.append(",f").append(j);
      }
      w.write(h.append('\n').toString());
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        line.setLength(0);
        line.append("C-").append(i).append(',').append("R").append(rng.nextInt(6));
        for (int j = 0; j < D; j++) {
          double v = Math.exp(6 * rng.nextDouble());
          line.append(',').append(String.format(Locale.ROOT, "%.2f", v));
        }
        w.write(line.append('\n').toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }
}
