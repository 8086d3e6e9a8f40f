package dev.segmentation.allocation.territory;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded territory instances with a planted balanced assignment: every account is planted on a rep
 * near it, and workloads and potentials are scaled per rep so that each rep's planted load equals its
 * target exactly (for every balance measure). Owners are mostly the planted rep; some accounts are
 * locked to their planted rep, so the planted assignment meets every band and lock.
 */
final class TerritoryInstances {

  /** An instance and its planted rep per account. */
  record Planted(TerritoryProblem.Builder builder, List<TerritoryRep> reps,
      List<TerritoryAccount> accounts, int[] planted) {}

  private TerritoryInstances() {}

  static Planted planted(long seed, int n, int m, boolean locations, double lockRate) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 0x9E3779B97F4A7C15L + 7);
    List<TerritoryRep> reps = new ArrayList<>();
    double[][] home = new double[m][2];
    for (int r = 0; r < m; r++) {
      home[r][0] = 45 + 10 * rng.nextDouble();
      home[r][1] = 5 + 12 * rng.nextDouble();
      TerritoryRep rep = TerritoryRep.of("rep-" + r, "field", 800 + 800 * rng.nextDouble());
      if (locations && rng.nextInt(10) != 0) {
        rep = rep.home(home[r][0], home[r][1]);
      }
      reps.add(rep);
    }
    // another role's rep: must never receive accounts
    reps.add(TerritoryRep.of("inside-0", "inside", 1000));
    int[] planted = new int[n];
    double[] w = new double[n];
    double[] p = new double[n];
    double[] rawW = new double[m];
    double[] rawP = new double[m];
    for (int i = 0; i < n; i++) {
      planted[i] = i < m ? i : rng.nextInt(m);
      w[i] = 1 + 30 * rng.nextDouble();
      p[i] = 1000 + 100_000 * rng.nextDouble() * rng.nextDouble();
      rawW[planted[i]] += w[i];
      rawP[planted[i]] += p[i];
    }
    List<TerritoryAccount> accounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int r = planted[i];
      double cap = reps.get(r).capacityHours();
      double wi = w[i] * cap * 0.6 / rawW[r];
      double pi = p[i] * cap * 50 / rawP[r];
      TerritoryAccount a = TerritoryAccount.of("acct-" + i, wi, pi);
      if (locations && rng.nextInt(20) != 0) {
        double lat = Math.max(-90, Math.min(90, home[r][0] + (rng.nextDouble() - 0.5) * 1.6));
        double lon = Math.max(-180, Math.min(180, home[r][1] + (rng.nextDouble() - 0.5) * 1.6));
        a = a.location(lat, lon);
      }
      if (rng.nextDouble() < 0.75) {
        a = a.ownedBy("rep-" + r);
      } else if (rng.nextBoolean()) {
        a = a.ownedBy("rep-" + rng.nextInt(m));
      } else if (rng.nextInt(4) == 0) {
        a = a.ownedBy("inside-0");
      }
      if (rng.nextDouble() < lockRate) {
        a = a.lockedTo("rep-" + r);
      }
      accounts.add(a);
    }
    TerritoryProblem.Builder b = TerritoryProblem.builder().role("field").reps(reps).accounts(accounts);
    return new Planted(b, List.copyOf(reps), List.copyOf(accounts), planted);
  }
}
