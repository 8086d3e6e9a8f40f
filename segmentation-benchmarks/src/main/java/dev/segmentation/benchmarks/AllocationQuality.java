package dev.segmentation.benchmarks;

import dev.segmentation.allocation.testing.AllocationInstances;
import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.internal.Rounding;
import dev.segmentation.allocation.internal.Solver;
import dev.segmentation.core.internal.BlockExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.linear.OpenMapRealVector;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.integer.IntegerStrategy;
import org.ojalgo.type.context.NumberContext;

/**
 * The quality side of {@link AllocationBenchmark}: our coverage-allocation solver
 * ({@link SolveMethod#LAGRANGIAN}) next to LP/MIP peers on the same compiled instances, per size and
 * seed. Prints our objective, our LP bound (the Lagrangian dual's value), the gap between them and the
 * solve time (1 and 2 threads); the LP relaxation by commons-math3 3.6.1 {@code SimplexSolver} (dense
 * tableau) and by ojAlgo's LP solver; the MIP optimum by ojAlgo's integer solver and by our own
 * {@link SolveMethod#EXACT} branch and bound, each with a time limit, on small instances. Ends with a
 * summary table (medians over seeds) in Markdown.
 *
 * <pre>
 * java -cp segmentation-benchmarks/target/benchmarks.jar dev.segmentation.benchmarks.AllocationQuality
 * java -cp ... dev.segmentation.benchmarks.AllocationQuality --sizes 1000,10000 --seeds 2 --mip-sizes 200
 * </pre>
 *
 * <p>Formulation given to the peers, from our compiled instance ({@code Compiled.compile(problem).mckp}):
 * one variable {@code x_k in [0, 1]} (binary for the MIP) per candidate (account, eligible option),
 * {@code sum_k x_k = 1} per account, {@code sum_k use_rk x_k <= rhs_r} per limit (two roles, the budget,
 * the service level as a row with use -1), maximise {@code sum_k value_k x_k}. Every peer solution is
 * checked here by our code: its objective is recomputed from its {@code x}, and its worst violation of a
 * row (relative to {@code max(1, |rhs|)}) and, for the MIP, of integrality is printed.
 *
 * <p>Each peer runs in a child JVM (same class path) that is killed when it overruns its limit by more
 * than {@value #KILL_MARGIN_S} s, so a peer that ignores its own time limit cannot stall the run; the
 * LP peers first solve a 200-account instance to warm up the JIT, the timed call is the second. Peer
 * times count building the peer's model from our compiled arrays plus its solve; our times count the
 * whole {@code problem.solve(...)}, compilation from the account table included, after one warm-up
 * solve (sizes up to 100,000): the median of 5 solves up to 10,000 accounts, of 3 up to 100,000, one
 * solve above.
 *
 * <p>Options: {@code --sizes} (ours, default {@code 1000,5000,10000,100000,1000000}), {@code --seeds N}
 * (default 3; sizes above 10,000 use 1), {@code --variants base,correlated}, {@code --cm3-sizes}
 * (default {@code 1000,5000}), {@code --ojlp-sizes} (default {@code 1000,5000}),
 * {@code --mip-sizes} (default {@code 200,1000}), {@code --limit-s} (LP peers, default 60),
 * {@code --mip-limit-s} (default 60), {@code --big-seeds N} and {@code --big-variants} (seeds and
 * variants of the peer runs above 1,000 accounts, default 1 and {@code base}), {@code --child-xmx}
 * (default {@code 6g}), {@code --profile N} (only time the phases of our solve at N accounts and
 * exit), {@code --solve N} (only solve N accounts {@code --reps} times, for a profiler; both take
 * {@code --parallelism 1,2} and {@code --variant}). System properties
 * {@code -Dabench.ojSparse=true|false} and {@code -Dabench.ojAlgorithm=primal|dual} (passed on to the
 * child JVMs) override ojAlgo's own choice of LP implementation; {@code -Dabench.ojGapDigits=D} sets
 * the MIP gap tolerance to {@code NumberContext.of(D, 8)} (default 10 significant digits; ojAlgo's own
 * default, 5 digits, accepts plans about 1e-5 below the optimum as OPTIMAL).
 */
public final class AllocationQuality {

  /** Tightness of the generated instances: field hours = half of this share of "all on field-12". */
  static final double TIGHTNESS = 0.5;

  /** Seed of seed index 0. */
  static final long SEED = 20_261_125L;

  private static final int KILL_MARGIN_S = 60;

  private AllocationQuality() {}

  /**
   * Builds the benchmark instance.
   *
   * @param n accounts
   * @param seed seed
   * @param variant {@code base} or {@code correlated}
   * @return the builder (service level on)
   */
  static AllocationProblem.Builder instance(int n, long seed, String variant) {
    return AllocationInstances.generate(n, seed, variant.equals("correlated"), TIGHTNESS, true);
  }

  /** One result of a peer. */
  record Peer(String state, double value, double buildMs, double solveMs, double violation,
      double integrality, String note) {
    double totalMs() {
      return buildMs + solveMs;
    }

    String line() {
      return String.format(Locale.ROOT, "%s value=%.6f buildMs=%.1f solveMs=%.1f viol=%.2e int=%.2e %s",
          state, value, buildMs, solveMs, violation, integrality, note.isEmpty() ? "-" : note);
    }

    static Peer parse(String s) {
      String[] f = s.trim().split(" ", 7);
      return new Peer(f[0], num(f[1]), num(f[2]), num(f[3]), num(f[4]), num(f[5]),
          f.length > 6 && !f[6].equals("-") ? f[6] : "");
    }

    private static double num(String kv) {
      return Double.parseDouble(kv.substring(kv.indexOf('=') + 1));
    }

    static Peer failed(String state, String note) {
      return new Peer(state, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, note);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // peers
  // ---------------------------------------------------------------------------------------------

  /** commons-math3 simplex that stops at a wall-clock deadline (checked once per pivot). */
  static final class TimedSimplex extends SimplexSolver {
    private final long deadline;

    TimedSimplex(long deadline) {
      super(1e-9, 10, 1e-12);
      this.deadline = deadline;
    }

    @Override
    protected void incrementIterationCount() {
      super.incrementIterationCount();
      if (System.nanoTime() > deadline) {
        throw new DeadlineException(getIterations());
      }
    }
  }

  /** Thrown by {@link TimedSimplex} at its deadline. */
  static final class DeadlineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int iterations;

    DeadlineException(int iterations) {
      super(null, null, false, false);
      this.iterations = iterations;
    }
  }

  /**
   * The LP relaxation by commons-math3 {@code SimplexSolver} (sparse constraint vectors; the solver
   * builds a dense tableau of about {@code (n + m) x (candidates + m + n)}).
   *
   * @param p the instance
   * @param limitMs wall-time limit of the solve
   * @return the result
   */
  static Peer cm3Lp(Mckp p, long limitMs) {
    long t0 = System.nanoTime();
    int nv = p.start[p.n];
    List<LinearConstraint> cons = new ArrayList<>(p.n + p.m);
    for (int i = 0; i < p.n; i++) {
      OpenMapRealVector a = new OpenMapRealVector(nv);
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        a.setEntry(k, 1);
      }
      cons.add(new LinearConstraint(a, Relationship.EQ, 1));
    }
    for (int r = 0; r < p.m; r++) {
      OpenMapRealVector a = new OpenMapRealVector(nv);
      for (int k = 0; k < nv; k++) {
        double u = p.use[k * p.m + r];
        if (u != 0) {
          a.setEntry(k, u);
        }
      }
      cons.add(new LinearConstraint(a, Relationship.LEQ, p.rhs[r]));
    }
    LinearObjectiveFunction f = new LinearObjectiveFunction(p.value.clone(), 0);
    long t1 = System.nanoTime();
    TimedSimplex s = new TimedSimplex(t1 + limitMs * 1_000_000L);
    try {
      PointValuePair sol = s.optimize(new MaxIter(Integer.MAX_VALUE), f, new LinearConstraintSet(cons),
          GoalType.MAXIMIZE, new NonNegativeConstraint(true));
      long t2 = System.nanoTime();
      double[] x = sol.getPoint();
      return new Peer("OPTIMAL", objective(p, x), ms(t0, t1), ms(t1, t2), violation(p, x),
          integrality(x), "pivots=" + s.getIterations());
    } catch (DeadlineException e) {
      return new Peer("TIME_LIMIT", Double.NaN, ms(t0, t1), ms(t1, System.nanoTime()), Double.NaN,
          Double.NaN, "pivots=" + e.iterations);
    }
  }

  /**
   * The LP relaxation or the MIP by ojAlgo's {@code ExpressionsBasedModel} (its default presolve,
   * simplex and branch and bound).
   *
   * @param p the instance
   * @param integer whether the variables are binary (MIP) or in [0, 1] (LP)
   * @param limitMs wall-time limit ({@code options.time_abort})
   * @return the result
   */
  static Peer ojalgo(Mckp p, boolean integer, long limitMs) {
    long t0 = System.nanoTime();
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    model.options.time_abort = limitMs;
    String sparse = System.getProperty("abench.ojSparse", "");
    if (!sparse.isEmpty()) {
      model.options.sparse = Boolean.valueOf(sparse);
    }
    if (integer) {
      // ojAlgo's default gap tolerance is 5 significant digits (about 1e-5 relative): it returned
      // OPTIMAL for plans 1e-6 below the proven optimum. Ours stops at 1e-9.
      int digits = Integer.getInteger("abench.ojGapDigits", 10);
      model.options.integer(IntegerStrategy.DEFAULT.withGapTolerance(NumberContext.of(digits, 8)));
    }
    String algorithm = System.getProperty("abench.ojAlgorithm", "");
    if (algorithm.equals("primal")) {
      model.options.linear().primal();
    } else if (algorithm.equals("dual")) {
      model.options.linear().dual();
    }
    int nv = p.start[p.n];
    Variable[] x = new Variable[nv];
    for (int k = 0; k < nv; k++) {
      x[k] = model.addVariable().lower(0).upper(1).weight(p.value[k]);
      if (integer) {
        x[k].integer(true);
      }
    }
    for (int i = 0; i < p.n; i++) {
      Expression e = model.addExpression().level(1);
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        e.set(x[k], 1);
      }
    }
    for (int r = 0; r < p.m; r++) {
      Expression e = model.addExpression().upper(p.rhs[r]);
      for (int k = 0; k < nv; k++) {
        double u = p.use[k * p.m + r];
        if (u != 0) {
          e.set(x[k], u);
        }
      }
    }
    long t1 = System.nanoTime();
    Optimisation.Result res = model.maximise();
    long t2 = System.nanoTime();
    Optimisation.State st = res.getState();
    if (!st.isFeasible()) {
      return new Peer(st.name(), Double.NaN, ms(t0, t1), ms(t1, t2), Double.NaN, Double.NaN,
          "reported=" + res.getValue());
    }
    double[] v = new double[nv];
    for (int k = 0; k < nv; k++) {
      v[k] = res.doubleValue(k);
    }
    return new Peer(st.name(), objective(p, v), ms(t0, t1), ms(t1, t2), violation(p, v),
        integrality(v), String.format(Locale.ROOT, "reported=%.6f", res.getValue()));
  }

  private static double objective(Mckp p, double[] x) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s += p.value[k] * x[k];
    }
    return s;
  }

  /** Worst violation: of an account's {@code sum x = 1}, or of a row relative to max(1, |rhs|). */
  private static double violation(Mckp p, double[] x) {
    double worst = 0;
    double[] use = new double[p.m];
    for (int i = 0; i < p.n; i++) {
      double s = 0;
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        s += x[k];
        if (x[k] < 0) {
          worst = Math.max(worst, -x[k]);
        }
        for (int r = 0; r < p.m; r++) {
          use[r] += p.use[k * p.m + r] * x[k];
        }
      }
      worst = Math.max(worst, Math.abs(s - 1));
    }
    for (int r = 0; r < p.m; r++) {
      worst = Math.max(worst, (use[r] - p.rhs[r]) / Math.max(1, Math.abs(p.rhs[r])));
    }
    return worst;
  }

  private static double integrality(double[] x) {
    double worst = 0;
    for (double v : x) {
      worst = Math.max(worst, Math.abs(v - Math.rint(v)));
    }
    return worst;
  }

  private static double ms(long from, long to) {
    return (to - from) / 1e6;
  }

  // ---------------------------------------------------------------------------------------------
  // ours
  // ---------------------------------------------------------------------------------------------

  /** Our plan and its time. */
  record Ours(double objective, double bound, double gap, String status, int iterations, double ms) {}

  static Ours ours(AllocationProblem problem, SolveLimits limits) {
    long t0 = System.nanoTime();
    AllocationPlan plan = problem.solve(limits);
    long t1 = System.nanoTime();
    return new Ours(plan.objective(), plan.upperBound(), plan.gap(), plan.status().name(),
        plan.iterations(), ms(t0, t1));
  }

  /** Solves {@code reps} times; the plan of the last with the median time. */
  static Ours oursMedian(AllocationProblem problem, int reps) {
    double[] t = new double[reps];
    Ours o = null;
    for (int q = 0; q < reps; q++) {
      o = ours(problem, SolveLimits.defaults());
      t[q] = o.ms();
    }
    return new Ours(o.objective(), o.bound(), o.gap(), o.status(), o.iterations(), median(t));
  }

  // ---------------------------------------------------------------------------------------------
  // child process
  // ---------------------------------------------------------------------------------------------

  private static void child(String[] a) {
    String peer = a[1];
    int n = Integer.parseInt(a[2]);
    long seed = Long.parseLong(a[3]);
    String variant = a[4];
    long limitMs = Long.parseLong(a[5]);
    if (!peer.equals("ojmip")) {
      Mckp warm = Compiled.compile(instance(200, seed + 1000, variant).build()).mckp;
      run(peer, warm, limitMs);
    }
    Mckp p = Compiled.compile(instance(n, seed, variant).build()).mckp;
    Peer r = run(peer, p, limitMs);
    System.out.println("RESULT " + r.line());
  }

  private static Peer run(String peer, Mckp p, long limitMs) {
    switch (peer) {
      case "cm3":
        return cm3Lp(p, limitMs);
      case "ojlp":
        return ojalgo(p, false, limitMs);
      case "ojmip":
        return ojalgo(p, true, limitMs);
      default:
        throw new IllegalArgumentException("Unknown peer " + peer);
    }
  }

  private static Peer spawn(String peer, int n, long seed, String variant, long limitMs, String xmx) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx));
    for (String prop : List.of("abench.ojSparse", "abench.ojAlgorithm", "abench.ojGapDigits")) {
      if (System.getProperty(prop) != null) {
        cmd.add("-D" + prop + "=" + System.getProperty(prop));
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), AllocationQuality.class.getName(),
        "--child", peer, Integer.toString(n), Long.toString(seed), variant, Long.toString(limitMs)));
    long t0 = System.nanoTime();
    try {
      Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      List<String> out = new ArrayList<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            synchronized (out) {
              out.add(line);
            }
          }
        } catch (IOException e) {
          // the process was killed
        }
      });
      reader.setDaemon(true);
      reader.start();
      boolean done = proc.waitFor(limitMs + KILL_MARGIN_S * 1000L, TimeUnit.MILLISECONDS);
      if (!done) {
        proc.destroyForcibly();
        proc.waitFor();
        return Peer.failed("KILLED", String.format(Locale.ROOT, "after %.0f s", ms(t0, System.nanoTime())
            / 1000));
      }
      reader.join(5000);
      synchronized (out) {
        for (String line : out) {
          if (line.startsWith("RESULT ")) {
            return Peer.parse(line.substring(7));
          }
        }
        String last = out.isEmpty() ? "no output" : out.get(out.size() - 1);
        for (String line : out) {
          if (line.contains("Exception") || line.contains("Error")) {
            last = line;
            break;
          }
        }
        return Peer.failed("ERROR", "exit=" + proc.exitValue() + " " + last.replace(' ', '_'));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // profile
  // ---------------------------------------------------------------------------------------------

  /**
   * Times the phases of one solve with the public internals: compilation, the solver (dual iterations,
   * rounding, core search), one dual evaluation at the final multipliers, and one repair-and-improve
   * from the choice there.
   */
  private static void profile(int n, String variant, int parallelism) {
    AllocationProblem problem = instance(n, SEED, variant).method(SolveMethod.LAGRANGIAN)
        .parallelism(parallelism).build();
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      Compiled c = Compiled.compile(problem);
      long t1 = System.nanoTime();
      Solver.Outcome o = Solver.solve(c, SolveMethod.LAGRANGIAN, SolveLimits.defaults(), parallelism);
      long t2 = System.nanoTime();
      Mckp p = c.mckp;
      Mckp.Eval at;
      long t3;
      long t4;
      try (BlockExecutor exec = BlockExecutor.create(parallelism, null)) {
        t3 = System.nanoTime();
        at = p.evaluate(o.lambda, new double[p.m], exec);
        t4 = System.nanoTime();
      }
      int[] choice = at.choice.clone();
      long t5 = System.nanoTime();
      boolean ok = Rounding.repairAndImprove(p, choice, o.lambda);
      long t6 = System.nanoTime();
      long t7 = System.nanoTime();
      AllocationPlan plan = problem.solve();
      long t8 = System.nanoTime();
      double eval = ms(t3, t4);
      System.out.printf(Locale.ROOT, "PROFILE n=%d variant=%s p=%d rep=%d: compile %.0f ms, Solver.solve "
          + "%.0f ms (%d dual iterations x %.1f ms per evaluation = ~%.0f ms; repair+improve once %.0f ms "
          + "%s; rest (box bounds, diagnosis, master LPs, core search) ~%.0f ms), full problem.solve %.0f ms "
          + "(plan creation ~%.0f ms)%n", n, variant, parallelism, rep, ms(t0, t1), ms(t1, t2),
          o.iterations, eval, eval * (o.iterations + 2), ms(t5, t6), ok ? "ok" : "FAILED",
          ms(t1, t2) - eval * (o.iterations + 2) - ms(t5, t6), ms(t7, t8),
          ms(t7, t8) - ms(t0, t2));
      if (plan.objective() != Rounding.value(p, o.choice)) {
        System.out.println("PROFILE note: plan objective differs from the solver outcome");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // main
  // ---------------------------------------------------------------------------------------------

  /** Accumulated results of one (variant, size). */
  private static final class Row {
    final List<Ours> ours1 = new ArrayList<>();
    final List<Ours> ours2 = new ArrayList<>();
    final List<Ours> exact = new ArrayList<>();
    final Map<String, List<Peer>> peers = new LinkedHashMap<>();
    final Map<String, List<Double>> peerVsOurs = new LinkedHashMap<>();
    final List<Double> toOptimum = new ArrayList<>();
    final List<String> provenBy = new ArrayList<>();
    final List<Double> toBestKnown = new ArrayList<>();
  }

  /**
   * Runs the comparison.
   *
   * @param args options, see the class comment
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args);
      return;
    }
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (opt.containsKey("solve")) {
      // plain repeated solves, e.g. under a profiler
      int n = Integer.parseInt(opt.get("solve"));
      for (int p : ints(opt.getOrDefault("parallelism", "1"))) {
        AllocationProblem problem = instance(n, SEED, opt.getOrDefault("variant", "base"))
            .method(SolveMethod.LAGRANGIAN).parallelism(p).build();
        for (int rep = 0; rep < Integer.parseInt(opt.getOrDefault("reps", "5")); rep++) {
          Ours o = ours(problem, SolveLimits.defaults());
          System.out.printf(Locale.ROOT, "SOLVE n=%d p=%d rep=%d %.1f ms gap=%.3e iterations=%d%n", n, p,
              rep, o.ms(), o.gap(), o.iterations());
        }
      }
      return;
    }
    if (opt.containsKey("profile")) {
      for (int p : ints(opt.getOrDefault("parallelism", "1,2"))) {
        profile(Integer.parseInt(opt.get("profile")), opt.getOrDefault("variant", "base"), p);
      }
      return;
    }
    int[] sizes = ints(opt.getOrDefault("sizes", "1000,5000,10000,100000,1000000"));
    int seeds = Integer.parseInt(opt.getOrDefault("seeds", "3"));
    int bigSeeds = Integer.parseInt(opt.getOrDefault("big-seeds", "1"));
    String[] variants = opt.getOrDefault("variants", "base,correlated").split(",");
    int[] cm3Sizes = ints(opt.getOrDefault("cm3-sizes", "1000,5000"));
    int[] ojlpSizes = ints(opt.getOrDefault("ojlp-sizes", "1000,5000"));
    List<String> bigVariants = List.of(opt.getOrDefault("big-variants", "base").split(","));
    int[] mipSizes = ints(opt.getOrDefault("mip-sizes", "200,1000"));
    long limitMs = Long.parseLong(opt.getOrDefault("limit-s", "60")) * 1000;
    long mipLimitMs = Long.parseLong(opt.getOrDefault("mip-limit-s", "60")) * 1000;
    String xmx = opt.getOrDefault("child-xmx", "6g");

    System.out.printf(Locale.ROOT, "AllocationQuality: %d cores, Java %s, max heap %d MB, load %s, options "
        + "%s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, load(), opt);
    int[] all = union(sizes, cm3Sizes, ojlpSizes, mipSizes);
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String variant : variants) {
      for (int n : all) {
        Row row = rows.computeIfAbsent(variant + " " + n, k -> new Row());
        int ns = n > 10_000 ? 1 : seeds;
        for (int s = 0; s < ns; s++) {
          long seed = SEED + s;
          AllocationProblem.Builder b = instance(n, seed, variant).method(SolveMethod.LAGRANGIAN);
          AllocationProblem p1 = b.parallelism(1).build();
          AllocationProblem p2 = b.parallelism(2).build();
          if (n <= 100_000) {
            p1.solve();
          }
          int reps = n <= 10_000 ? 5 : n <= 100_000 ? 3 : 1;
          Ours o1 = oursMedian(p1, reps);
          Ours o2 = oursMedian(p2, reps);
          if (o1.objective() != o2.objective() || o1.bound() != o2.bound()) {
            System.out.println("WARNING: plan depends on parallelism: " + o1 + " vs " + o2);
          }
          row.ours1.add(o1);
          row.ours2.add(o2);
          System.out.printf(Locale.ROOT, "%-10s n=%-8d seed=%d ours   objective=%.6f bound=%.6f gap=%.3e "
              + "status=%s iterations=%d time p1=%.1f ms p2=%.1f ms load=%s%n", variant, n, seed,
              o1.objective(), o1.bound(), o1.gap(), o1.status(), o1.iterations(), o1.ms(), o2.ms(), load());
          boolean peerSeed = n <= 1000 || (s < bigSeeds && bigVariants.contains(variant));
          Ours ex = null;
          Peer mip = null;
          if (contains(mipSizes, n) && peerSeed) {
            ex = ours(instance(n, seed, variant).method(SolveMethod.EXACT).parallelism(1).build(),
                SolveLimits.timeLimit(Duration.ofMillis(mipLimitMs)).maxIterations(5000));
            row.exact.add(ex);
            System.out.printf(Locale.ROOT, "%-10s n=%-8d seed=%d exact  objective=%.6f status=%s time=%.1f ms"
                + " lagrangian vs exact=%.3e%n", variant, n, seed, ex.objective(), ex.status(), ex.ms(),
                rel(ex.objective(), o1.objective()));
          }
          for (String peer : List.of("cm3", "ojlp", "ojmip")) {
            int[] where = peer.equals("cm3") ? cm3Sizes : peer.equals("ojlp") ? ojlpSizes : mipSizes;
            if (!contains(where, n) || !peerSeed) {
              continue;
            }
            Peer r = spawn(peer, n, seed, variant, peer.equals("ojmip") ? mipLimitMs : limitMs, xmx);
            row.peers.computeIfAbsent(peer, k -> new ArrayList<>()).add(r);
            if (peer.equals("ojmip")) {
              mip = r;
            }
            // LP peers: value / our LP bound - 1; MIP: (peer MIP value - our objective) / peer value
            double vs = peer.equals("ojmip") ? rel(r.value(), o1.objective()) : r.value() / o1.bound() - 1;
            row.peerVsOurs.computeIfAbsent(peer, k -> new ArrayList<>()).add(vs);
            System.out.printf(Locale.ROOT, "%-10s n=%-8d seed=%d %-6s %s | vs ours %.3e, time ratio %.1f, "
                + "load=%s%n", variant, n, seed, peer, r.line(), vs, r.totalMs() / o1.ms(), load());
          }
          if (ex != null || mip != null) {
            optimum(row, variant, n, seed, o1, ex, mip);
          }
        }
      }
    }
    summary(rows);
  }

  /**
   * Our LAGRANGIAN plan against the proven optimum: the best value that ojAlgo's MIP (state OPTIMAL,
   * gap tolerance as set) or our EXACT branch and bound (status OPTIMAL) proved; when neither proved
   * one, against the best plan any of the three found.
   */
  private static void optimum(Row row, String variant, int n, long seed, Ours o1, Ours ex, Peer mip) {
    boolean exProven = ex != null && ex.status().equals("OPTIMAL");
    boolean mipProven = mip != null && mip.state().equals("OPTIMAL") && mip.violation() <= 1e-9
        && mip.integrality() <= 1e-6;
    double best = o1.objective();
    double proven = Double.NaN;
    String who = "";
    if (ex != null) {
      best = Math.max(best, ex.objective());
    }
    if (mip != null && mip.violation() <= 1e-9 && mip.integrality() <= 1e-6) {
      best = Math.max(best, mip.value());
    }
    if (exProven) {
      proven = ex.objective();
      who = "ours-exact";
    }
    if (mipProven) {
      if (exProven && Math.abs(rel(proven, mip.value())) > 1e-9) {
        System.out.printf(Locale.ROOT, "NOTE: proven optima disagree: ours-exact %.6f, ojAlgo %.6f%n",
            proven, mip.value());
      }
      if (!exProven || mip.value() > proven) {
        proven = mip.value();
      }
      who = exProven ? "both" : "ojAlgo";
    }
    if (!Double.isNaN(proven)) {
      row.toOptimum.add(rel(proven, o1.objective()));
      row.provenBy.add(who);
    } else {
      row.toBestKnown.add(rel(best, o1.objective()));
    }
    System.out.printf(Locale.ROOT, "%-10s n=%-8d seed=%d optimum %s | ours (lagrangian) below it by %.3e%n",
        variant, n, seed, Double.isNaN(proven) ? String.format(Locale.ROOT, "not proven, best known %.6f",
            best) : String.format(Locale.ROOT, "%.6f proven by %s", proven, who),
        rel(Double.isNaN(proven) ? best : proven, o1.objective()));
  }

  /** The 1-minute load average from {@code /proc/loadavg}, or "n/a". */
  static String load() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /** {@code (a - b) / |a|}: how far {@code b} is below {@code a}. */
  private static double rel(double a, double b) {
    return (a - b) / Math.max(1e-12, Math.abs(a));
  }

  private static void summary(Map<String, Row> rows) {
    System.out.println();
    System.out.println("Medians over seeds (peer times: model build + solve; 'x ours' = peer time / our "
        + "1-thread time; LP value vs our bound: |peer LP / our bound - 1|; optimum: (opt - ours) / "
        + "opt).");
    System.out.println();
    System.out.println("| variant | accounts | seeds | ours 1 thr ms | ours 2 thr ms "
        + "| our gap to our LP bound (max) | iterations | cm3 simplex LP ms (x ours) | cm3 LP vs our bound "
        + "| ojAlgo LP ms (x ours) "
        + "| ojAlgo LP vs our bound | ojAlgo MIP ms [state] | ours below proven optimum (max) "
        + "| our EXACT ms [status] |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      if (r.ours1.isEmpty()) {
        continue;
      }
      String[] key = e.getKey().split(" ");
      double t1 = median(r.ours1.stream().mapToDouble(Ours::ms).toArray());
      double t2 = median(r.ours2.stream().mapToDouble(Ours::ms).toArray());
      double gapMed = median(r.ours1.stream().mapToDouble(Ours::gap).toArray());
      double gapMax = r.ours1.stream().mapToDouble(Ours::gap).max().orElse(Double.NaN);
      double it = median(r.ours1.stream().mapToDouble(Ours::iterations).toArray());
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.2e (%.2e) | %.0f |", key[0],
          Integer.parseInt(key[1]), r.ours1.size(), t1, t2, gapMed, gapMax, it));
      for (String peer : List.of("cm3", "ojlp")) {
        List<Peer> ps = r.peers.get(peer);
        if (ps == null) {
          sb.append(" – | – |");
          continue;
        }
        sb.append(' ').append(peerTime(ps, t1)).append(" | ");
        sb.append(String.format(Locale.ROOT, "%.1e |", maxAbs(r.peerVsOurs.get(peer))));
      }
      List<Peer> mip = r.peers.get("ojmip");
      if (mip == null) {
        sb.append(" – | – |");
      } else {
        sb.append(' ').append(peerTime(mip, t1)).append(" | ");
        if (r.toOptimum.isEmpty() && r.toBestKnown.isEmpty()) {
          sb.append(" – |");
        } else if (r.toOptimum.isEmpty()) {
          sb.append(String.format(Locale.ROOT, " none proven; to best known %.2e (max) |",
              r.toBestKnown.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        } else {
          sb.append(String.format(Locale.ROOT, " %.2e (%.2e; %d of %d proven: %s) |",
              median(r.toOptimum.stream().mapToDouble(Double::doubleValue).toArray()),
              r.toOptimum.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
              r.toOptimum.size(), r.toOptimum.size() + r.toBestKnown.size(), states(r.provenBy)));
        }
      }
      if (r.exact.isEmpty()) {
        sb.append(" – |");
      } else {
        sb.append(String.format(Locale.ROOT, " %.0f [%s] |",
            median(r.exact.stream().mapToDouble(Ours::ms).toArray()), states(r.exact.stream()
                .map(Ours::status).toList())));
      }
      System.out.println(sb);
    }
  }

  private static String peerTime(List<Peer> ps, double ours) {
    List<String> st = ps.stream().map(Peer::state).toList();
    double[] t = ps.stream().filter(p -> !Double.isNaN(p.solveMs())).mapToDouble(Peer::totalMs).toArray();
    if (t.length == 0) {
      return "[" + states(st) + "]";
    }
    double m = median(t);
    return String.format(Locale.ROOT, "%.0f (%.0fx) [%s]", m, m / ours, states(st));
  }

  private static String states(List<String> st) {
    Map<String, Integer> c = new LinkedHashMap<>();
    for (String s : st) {
      c.merge(s, 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    c.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
    return sb.toString();
  }

  private static double maxAbs(List<Double> v) {
    double m = Double.NaN;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        m = Double.isNaN(m) ? Math.abs(d) : Math.max(m, Math.abs(d));
      }
    }
    return m;
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static int[] ints(String csv) {
    if (csv.isBlank() || csv.equals("none")) {
      return new int[0];
    }
    return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static int[] union(int[]... arrays) {
    return Arrays.stream(arrays).flatMapToInt(Arrays::stream).distinct().sorted().toArray();
  }
}
