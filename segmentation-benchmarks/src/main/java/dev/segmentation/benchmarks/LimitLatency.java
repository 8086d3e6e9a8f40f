package dev.segmentation.benchmarks;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Cancellation;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.capacity.WhatIf;
import dev.segmentation.allocation.capacity.WhatIfCurve;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.insight.Whitespace;
import dev.segmentation.core.model.FitLimits;
import dev.segmentation.core.model.FitStoppedException;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KSelection;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Stop latency of the long-running calls: each call runs on a big input in its own thread; after a
 * delay the main thread cancels it (cancellation token), interrupts its thread, or lets its time limit
 * fire; the figure is the time from that moment until the call returned (thread joined). Prints p50
 * and max over the repeats and the status each call returned.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks.jar dev.segmentation.benchmarks.LimitLatency [repeats] [delayMs] [name prefix]
 * </pre>
 *
 * <p>The name prefix selects the cases (for example {@code Territory}, {@code WhatIf},
 * {@code Whitespace}); only the selected cases build their inputs.
 */
public final class LimitLatency {

  private LimitLatency() {}

  /** How the call is stopped. */
  enum Signal { CANCEL, INTERRUPT, TIME_LIMIT }

  /** One long call: given the stop flag and the time limit (or null), returns a status text. */
  interface Call {
    String run(AtomicBoolean cancel, Cancellation token, Duration timeLimit);
  }

  /**
   * Runs every case.
   *
   * @param args repeats (default 5) and delay in milliseconds before the stop (default 500)
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 500;
    String only = args.length > 2 ? args[2] : "";
    List<String[]> rows = new ArrayList<>();

    Criteria crit = criteria(8);
    // each case builds its input only when it is selected
    List<String> names = List.of("KMeans.fit 1M x 8, k=50, 10 restarts", "KSelection.run 200k x 8, k=2..12",
        "AllocationProblem.solve 1M (Lagrangian)", "TerritoryProblem.solve 200k, 60 reps",
        "WhatIf.budget 200k (Lagrangian), 8 levels, 2 threads",
        "Whitespace.compute 1M x 8, 10 nearest peers, 2 threads");
    List<Supplier<Call>> calls = List.of(
        () -> {
          AccountTable big = uniform(1_000_000, 8, 11L);
          KMeans km = KMeans.builder().clusters(50).restarts(10).seed(3L).parallelism(2).build();
          return (c, t, lim) -> status(() -> km.fit(big, crit, limits(c, lim)).status().toString());
        },
        () -> {
          AccountTable mid = uniform(200_000, 8, 12L);
          KSelection sel = KSelection.builder()
              .kmeans(KMeans.builder().clusters(2).restarts(10).seed(3L).parallelism(2).build())
              .range(2, 12).build();
          return (c, t, lim) -> status(() -> {
            KSelection.Result r = sel.run(mid, crit, limits(c, lim));
            return r.stoppedBy().map(Object::toString).orElse("COMPLETE") + " (" + r.rows().size() + " k)";
          });
        },
        () -> {
          AllocationProblem alloc = AllocationQuality.instance(1_000_000, AllocationQuality.SEED, "base")
              .method(SolveMethod.LAGRANGIAN).parallelism(2).build();
          return (c, t, lim) -> alloc.solve(solveLimits(t, lim).maxIterations(1_000_000))
              .status().toString();
        },
        () -> {
          TerritoryProblem terr = TerritoryBenchmark.instance(200_000, 60, 5L).build();
          return (c, t, lim) -> terr.solve(solveLimits(t, lim)).status().toString();
        },
        () -> {
          AllocationProblem base = AllocationQuality.instance(200_000, AllocationQuality.SEED, "base")
              .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
          double[] grid = WhatIf.grid(base.budget() * 0.5, base.budget() * 1.5, 8);
          return (c, t, lim) -> {
            WhatIf.Builder b = WhatIf.builder().limits(SolveLimits.defaults().cancellation(t)).parallelism(2);
            if (lim != null) {
              b.totalTimeLimit(lim);
            }
            WhatIfCurve curve = b.build().budget(base, grid);
            return curve.status() + " (" + curve.points().size() + " levels)";
          };
        },
        () -> {
          AccountTable big = uniform(1_000_000, 8, 13L);
          double[] rev = new double[big.rowCount()];
          double[] pot = new double[big.rowCount()];
          double[] line = new double[big.rowCount()];
          for (int i = 0; i < rev.length; i++) {
            rev[i] = i % 97;
            pot[i] = i % 89 + 10;
            line[i] = i % 3 == 0 ? 0 : i % 101;
          }
          AccountTable t2 = big.withColumn(NumericColumn.of("revenue", rev))
              .withColumn(NumericColumn.of("potential", pot)).withColumn(NumericColumn.of("line", line));
          Whitespace ws = Whitespace.builder().revenue("revenue").potential("potential").productLines("line")
              .nearestPeers(crit.fit(t2), 10).parallelism(2).build();
          return (c, t, lim) -> status(() -> ws.compute(t2, limits(c, lim)).size() + " accounts");
        });
    for (int c = 0; c < calls.size(); c++) {
      if (!only.isEmpty() && !names.get(c).startsWith(only)) {
        continue;
      }
      Call call = calls.get(c).get();
      for (Signal s : Signal.values()) {
        rows.add(measure(names.get(c), call, s, repeats, delayMs));
        System.out.println(String.join(" | ", rows.get(rows.size() - 1)));
      }
    }
    System.out.println();
    System.out.println("| call | stop | p50 ms | max ms | statuses |");
    System.out.println("|---|---|---:|---:|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
  }

  private static String[] measure(String name, Call call, Signal signal, int repeats, long delayMs)
      throws InterruptedException {
    double[] ms = new double[repeats];
    List<String> statuses = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      AtomicBoolean cancel = new AtomicBoolean();
      Cancellation token = Cancellation.create();
      AtomicReference<String> out = new AtomicReference<>("-");
      long[] end = new long[1];
      Duration limit = signal == Signal.TIME_LIMIT ? Duration.ofMillis(delayMs) : null;
      Thread worker = new Thread(() -> {
        try {
          out.set(call.run(cancel, token, limit));
        } catch (RuntimeException e) {
          out.set(e.getClass().getSimpleName());
        }
        end[0] = System.nanoTime();
      }, "limit-latency");
      long start = System.nanoTime();
      worker.start();
      Thread.sleep(delayMs);
      long signalAt = switch (signal) {
        case CANCEL -> {
          long t = System.nanoTime();
          cancel.set(true);
          token.cancel();
          yield t;
        }
        case INTERRUPT -> {
          long t = System.nanoTime();
          worker.interrupt();
          yield t;
        }
        case TIME_LIMIT -> start + delayMs * 1_000_000L;
      };
      worker.join();
      ms[r] = (end[0] - signalAt) / 1e6;
      statuses.add(end[0] < signalAt ? out.get() + " (finished before the stop)" : out.get());
      System.gc();
    }
    Arrays.sort(ms);
    return new String[] {name, signal.toString(), String.format(Locale.ROOT, "%.1f", ms[(repeats - 1) / 2]),
      String.format(Locale.ROOT, "%.1f", ms[repeats - 1]),
      String.join(", ", statuses.stream().distinct().toList())};
  }

  private static String status(java.util.function.Supplier<String> s) {
    try {
      return s.get();
    } catch (FitStoppedException e) {
      return "FitStoppedException(" + e.status() + ")";
    }
  }

  private static FitLimits limits(AtomicBoolean cancel, Duration lim) {
    FitLimits l = FitLimits.none().cancelWhen(cancel::get);
    return lim == null ? l : l.withTimeLimit(lim);
  }

  private static SolveLimits solveLimits(Cancellation token, Duration lim) {
    SolveLimits l = SolveLimits.defaults().cancellation(token);
    return lim == null ? l : l.withTimeLimit(lim);
  }

  static AccountTable uniform(int n, int d, long seed) {
    double[][] x = KMeansWorkloads.uniform(n, d, seed);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "A" + i;
    }
    Column[] cols = new Column[d];
    for (int t = 0; t < d; t++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = x[i][t];
      }
      cols[t] = NumericColumn.of("f" + t, v);
    }
    return AccountTable.of(ids, cols);
  }

  static Criteria criteria(int d) {
    Criteria.NumericStep s = Criteria.builder().numeric("f0");
    for (int t = 1; t < d; t++) {
      s = s.numeric("f" + t);
    }
    return s.build();
  }
}
