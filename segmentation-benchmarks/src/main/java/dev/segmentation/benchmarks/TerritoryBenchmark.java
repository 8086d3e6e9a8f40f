package dev.segmentation.benchmarks;

import dev.segmentation.allocation.territory.Location;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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
 * Territory assignment ({@link TerritoryProblem#solve()}) on a generated national sales force: reps
 * with homes spread over a 8° x 9° box (about Germany), capacities 1,200 to 1,800 h, accounts clustered
 * around 60 towns with workloads of 2 to 40 h, a current book that is mostly the nearest rep (with 15%
 * of accounts on a random rep), ±10% workload bands, disruption cost 50 km, K = 10 candidates.
 *
 * <ul>
 *   <li>{@code solve}: the whole solve (candidates, Lagrangian dual, local search, the plan), at 1 and
 *       2 threads ({@code parallelism}).
 *   <li>{@code peerNearestRep}: the baseline every territory tool starts from — each account to its
 *       nearest rep by brute-force haversine over all reps, no balance — in the same run; report the
 *       ratio {@code solve / peerNearestRep}.
 * </ul>
 *
 * <p>Single-shot: each measurement is one full solve. After each trial a {@code QUALITY} line prints
 * status, max deviation, CV, km, kept share, objective, lower bound and gap. Instances are generated in
 * {@code @Setup} from a fixed seed, never timed.
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar Territory -f 1 -wi 1 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TerritoryBenchmark {

  /** Seed of every instance. */
  static final long SEED = 20261125L;

  /** An instance. */
  @State(Scope.Benchmark)
  public static class Instance {
    /** Number of accounts. */
    @Param({"100000"})
    public int n;

    /** Number of reps. */
    @Param({"200"})
    public int reps;

    /** Threads of our solve. */
    @Param({"1", "2"})
    public int parallelism;

    TerritoryProblem problem;
    TerritoryPlan last;
    int[] lastPeer;

    /** Generates the instance (not timed). */
    @Setup(Level.Trial)
    public void setup() {
      problem = instance(n, reps, SEED).parallelism(parallelism).build();
    }

    /** Prints the last plan's quality. */
    @TearDown(Level.Trial)
    public void check() {
      if (last != null) {
        System.out.printf(Locale.ROOT, "%nQUALITY solve n=%d reps=%d p=%d status=%s maxDev=%.4f cv=%.4f "
            + "km=%.1f kept=%.4f objective=%.1f bound=%.1f gap=%.4f iterations=%d K=%d%n", n, reps,
            parallelism, last.status(), last.maxDeviation(), last.coefficientOfVariation(),
            last.totalDistanceKm(), last.keptShare(), last.objective(), last.lowerBound(),
            (last.objective() - last.lowerBound()) / last.objective(), last.iterations(),
            last.candidateReps());
      }
      if (lastPeer != null) {
        double[] load = new double[reps];
        double total = 0;
        double km = 0;
        List<TerritoryRep> rs = problem.reps();
        double capSum = rs.stream().mapToDouble(TerritoryRep::capacityHours).sum();
        for (int i = 0; i < lastPeer.length; i++) {
          TerritoryAccount a = problem.accounts().get(i);
          load[lastPeer[i]] += a.workloadHours();
          total += a.workloadHours();
          km += a.location().get().distanceKm(rs.get(lastPeer[i]).homeLocation().get());
        }
        double maxDev = 0;
        for (int r = 0; r < reps; r++) {
          double t = total * rs.get(r).capacityHours() / capSum;
          maxDev = Math.max(maxDev, Math.abs(load[r] - t) / t);
        }
        System.out.printf(Locale.ROOT, "%nQUALITY nearest-rep n=%d reps=%d maxDev=%.4f km=%.1f%n", n, reps,
            maxDev, km);
      }
    }
  }

  /** Generates the benchmark instance. */
  static TerritoryProblem.Builder instance(int n, int m, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[][] towns = new double[60][2];
    for (double[] t : towns) {
      t[0] = 47 + 8 * rng.nextDouble();
      t[1] = 6 + 9 * rng.nextDouble();
    }
    List<TerritoryRep> reps = new ArrayList<>();
    for (int r = 0; r < m; r++) {
      double[] t = towns[rng.nextInt(towns.length)];
      reps.add(TerritoryRep.of("rep-" + r, "field", 1200 + 600 * rng.nextDouble())
          .home(clampLat(t[0] + 0.6 * (rng.nextDouble() - 0.5)), t[1] + 0.6 * (rng.nextDouble() - 0.5)));
    }
    List<TerritoryAccount> accounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lat;
      double lon;
      if (rng.nextInt(4) == 0) {
        lat = 47 + 8 * rng.nextDouble();
        lon = 6 + 9 * rng.nextDouble();
      } else {
        double[] t = towns[rng.nextInt(towns.length)];
        lat = clampLat(t[0] + 0.8 * (rng.nextDouble() - 0.5) * rng.nextDouble());
        lon = t[1] + 1.2 * (rng.nextDouble() - 0.5) * rng.nextDouble();
      }
      TerritoryAccount a = TerritoryAccount.of("acct-" + i, 2 + 38 * rng.nextDouble() * rng.nextDouble(),
          5_000 + 200_000 * rng.nextDouble() * rng.nextDouble()).location(lat, lon);
      int owner = rng.nextInt(100) < 15 ? rng.nextInt(m) : nearest(reps, a.location().get());
      accounts.add(a.ownedBy("rep-" + owner));
    }
    return TerritoryProblem.builder().role("field").reps(reps).accounts(accounts);
  }

  private static double clampLat(double lat) {
    return Math.max(-90, Math.min(90, lat));
  }

  private static int nearest(List<TerritoryRep> reps, Location at) {
    int best = 0;
    double bd = Double.POSITIVE_INFINITY;
    for (int r = 0; r < reps.size(); r++) {
      double d = at.distanceKm(reps.get(r).homeLocation().get());
      if (d < bd) {
        bd = d;
        best = r;
      }
    }
    return best;
  }

  /**
   * Our whole solve.
   *
   * @param s the instance
   * @return the plan
   */
  @Benchmark
  public TerritoryPlan solve(Instance s) {
    s.last = s.problem.solve();
    return s.last;
  }

  /**
   * The baseline: each account to its nearest rep (brute force over all reps), no balance.
   *
   * @param s the instance
   * @return the rep index of each account
   */
  @Benchmark
  public int[] peerNearestRep(Instance s) {
    List<TerritoryRep> reps = s.problem.reps();
    List<TerritoryAccount> accounts = s.problem.accounts();
    int[] out = new int[accounts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = nearest(reps, accounts.get(i).location().get());
    }
    s.lastPeer = out;
    return out;
  }
}
