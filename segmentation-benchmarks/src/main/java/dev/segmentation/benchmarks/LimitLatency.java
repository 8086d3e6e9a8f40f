package dev.segmentation.benchmarks;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Cancellation;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
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

/**
 * Stop latency of the long-running calls: each call runs on a big input in its own thread; after a
 * delay the main thread cancels it (cancellation token), interrupts its thread, or lets its time limit
 * fire; the figure is the time from that moment until the call returned (thread joined). Prints p50
 * and max over the repeats and the status each call returned.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks.jar dev.segmentation.benchmarks.LimitLatency [repeats] [delayMs]
 * </pre>
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

    AccountTable big = uniform(1_000_000, 8, 11L);
    Criteria crit = criteria(8);
    KMeans km = KMeans.builder().clusters(50).restarts(10).seed(3L).parallelism(2).build();
    Call kmeans = (c, t, lim) -> status(() -> km.fit(big, crit, limits(c, lim)).status().toString());
    AccountTable mid = uniform(200_000, 8, 12L);
    KSelection sel = KSelection.builder()
        .kmeans(KMeans.builder().clusters(2).restarts(10).seed(3L).parallelism(2).build())
        .range(2, 12).build();
    Call ksel = (c, t, lim) -> status(() -> {
      KSelection.Result r = sel.run(mid, crit, limits(c, lim));
      return r.stoppedBy().map(Object::toString).orElse("COMPLETE") + " (" + r.rows().size() + " k)";
    });
    AllocationProblem alloc = AllocationQuality.instance(1_000_000, AllocationQuality.SEED, "base")
        .method(SolveMethod.LAGRANGIAN).parallelism(2).build();
    Call allocation = (c, t, lim) -> alloc.solve(solveLimits(t, lim).maxIterations(1_000_000))
        .status().toString();
    TerritoryProblem terr = TerritoryBenchmark.instance(200_000, 60, 5L).build();
    Call territory = (c, t, lim) -> terr.solve(solveLimits(t, lim)).status().toString();

    String[] names = {"KMeans.fit 1M x 8, k=50, 10 restarts", "KSelection.run 200k x 8, k=2..12",
      "AllocationProblem.solve 1M (Lagrangian)", "TerritoryProblem.solve 200k, 60 reps"};
    Call[] calls = {kmeans, ksel, allocation, territory};
    for (int c = 0; c < calls.length; c++) {
      if (!only.isEmpty() && !names[c].startsWith(only)) {
        continue;
      }
      for (Signal s : Signal.values()) {
        rows.add(measure(names[c], calls[c], s, repeats, delayMs));
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
