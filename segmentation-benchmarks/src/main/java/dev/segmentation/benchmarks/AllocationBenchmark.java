package dev.segmentation.benchmarks;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Coverage allocation ({@link SolveMethod#LAGRANGIAN}) on generated B2B instances
 * ({@link AllocationInstances}: two roles, a budget and a service level; tightness
 * {@value AllocationQuality#TIGHTNESS}), 10,000 to 1,000,000 accounts, next to the LP peers in the
 * same run.
 *
 * <ul>
 *   <li>{@code solve}: the whole {@code problem.solve()} (compilation from the account table, the dual,
 *       rounding, core search, the plan), 1 and 2 threads ({@code parallelism}).
 *   <li>{@code compile} and {@code dualEvaluation}: two of its phases, to see where the time goes:
 *       compiling the problem to arrays, and one evaluation of the dual function (one pass over every
 *       candidate) at the optimal multipliers; a solve makes about {@code iterations + 2} of them (the
 *       {@code QUALITY} line prints the iterations).
 *   <li>{@code peerOjalgoLp} and {@code peerCm3Simplex}: the LP relaxation of the same compiled instance
 *       by ojAlgo 57.1.0 and commons-math3 3.6.1 {@code SimplexSolver} (model build from our arrays plus
 *       solve), at 1,000 accounts only (commons-math3 builds a dense tableau and does not finish a
 *       5,000-account instance in a minute); compare with {@code solve} at {@code n = 1000} in the
 *       {@code PeerSize} rows. {@link AllocationQuality} compares values, larger LPs and the MIP.
 * </ul>
 *
 * <p>After each trial a line starting with {@code QUALITY} prints our objective, LP bound, gap, status
 * and dual iterations. Instances are generated in {@code @Setup} from a fixed seed, never timed.
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar Allocation -f 1 -wi 1 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class AllocationBenchmark {

  /** An instance with our solver's parallelism. */
  @State(Scope.Benchmark)
  public static class Solve {
    /** Number of accounts. */
    @Param({"10000", "100000", "1000000"})
    public int n;

    /** Threads of our solve. */
    @Param({"1", "2"})
    public int parallelism;

    AllocationProblem problem;
    AllocationPlan last;

    /** Generates the instance (not timed). */
    @Setup(Level.Trial)
    public void setup() {
      problem = AllocationQuality.instance(n, AllocationQuality.SEED, "base")
          .method(SolveMethod.LAGRANGIAN).parallelism(parallelism).build();
    }

    /** Prints the last plan's quality. */
    @TearDown(Level.Trial)
    public void check() {
      if (last != null) {
        System.out.printf(Locale.ROOT, "%nQUALITY solve n=%d p=%d objective=%.6f bound=%.6f gap=%.3e "
            + "status=%s iterations=%d%n", n, parallelism, last.objective(), last.upperBound(), last.gap(),
            last.status(), last.iterations());
      }
    }
  }

  /** The compiled instance and the optimal multipliers, for the phase benchmarks. */
  @State(Scope.Benchmark)
  public static class Phase {
    /** Number of accounts. */
    @Param({"10000", "100000", "1000000"})
    public int n;

    /** Threads of the dual evaluation. */
    @Param({"1", "2"})
    public int parallelism;

    AllocationProblem problem;
    Mckp mckp;
    double[] lambda;
    BlockExecutor exec;

    /** Generates, compiles and solves once (not timed). */
    @Setup(Level.Trial)
    public void setup() {
      problem = AllocationQuality.instance(n, AllocationQuality.SEED, "base")
          .method(SolveMethod.LAGRANGIAN).parallelism(parallelism).build();
      mckp = Compiled.compile(problem).mckp;
      AllocationPlan plan = problem.solve();
      lambda = plan.limits().stream().mapToDouble(u -> u.shadowPrice()).toArray();
      exec = BlockExecutor.create(parallelism, null);
    }

    /** Shuts down the executor's pool. */
    @TearDown(Level.Trial)
    public void close() {
      exec.close();
    }
  }

  /** A compiled 1,000-account instance for the LP peers and ours at the same size. */
  @State(Scope.Benchmark)
  public static class PeerSize {
    /** Number of accounts. */
    @Param({"1000"})
    public int n;

    AllocationProblem problem;
    Mckp mckp;
    AllocationPlan last;
    AllocationQuality.Peer lastPeer;

    /** Generates and compiles the instance (not timed). */
    @Setup(Level.Trial)
    public void setup() {
      problem = AllocationQuality.instance(n, AllocationQuality.SEED, "base")
          .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
      mckp = Compiled.compile(problem).mckp;
    }

    /** Prints the last result. */
    @TearDown(Level.Trial)
    public void check() {
      if (last != null) {
        System.out.printf(Locale.ROOT, "%nQUALITY ours n=%d objective=%.6f bound=%.6f gap=%.3e status=%s%n",
            n, last.objective(), last.upperBound(), last.gap(), last.status());
      }
      if (lastPeer != null) {
        System.out.printf(Locale.ROOT, "%nQUALITY peer n=%d %s%n", n, lastPeer.line());
      }
    }
  }

  /**
   * Our whole solve.
   *
   * @param s the instance
   * @return the plan
   */
  @Benchmark
  public AllocationPlan solve(Solve s) {
    s.last = s.problem.solve(SolveLimits.defaults());
    return s.last;
  }

  /**
   * Compiling the problem to arrays (part of {@link #solve}).
   *
   * @param s the instance
   * @return the compiled form
   */
  @Benchmark
  public Compiled compile(Phase s) {
    return Compiled.compile(s.problem);
  }

  /**
   * One evaluation of the dual function at the optimal multipliers (a solve makes about
   * {@code iterations + 2}).
   *
   * @param s the instance
   * @return the evaluation
   */
  @Benchmark
  public Mckp.Eval dualEvaluation(Phase s) {
    return s.mckp.evaluate(s.lambda, new double[s.mckp.m], s.exec);
  }

  /**
   * Ours at the peers' size, 1 thread.
   *
   * @param s the instance
   * @return the plan
   */
  @Benchmark
  public AllocationPlan peerSizeOurs(PeerSize s) {
    s.last = s.problem.solve(SolveLimits.defaults());
    return s.last;
  }

  /**
   * The LP relaxation by ojAlgo (model build plus solve).
   *
   * @param s the instance
   * @return the result
   */
  @Benchmark
  public AllocationQuality.Peer peerOjalgoLp(PeerSize s) {
    s.lastPeer = AllocationQuality.ojalgo(s.mckp, false, 600_000);
    return s.lastPeer;
  }

  /**
   * The LP relaxation by commons-math3 {@code SimplexSolver} (model build plus solve).
   *
   * @param s the instance
   * @return the result
   */
  @Benchmark
  public AllocationQuality.Peer peerCm3Simplex(PeerSize s) {
    s.lastPeer = AllocationQuality.cm3Lp(s.mckp, 600_000);
    return s.lastPeer;
  }
}
