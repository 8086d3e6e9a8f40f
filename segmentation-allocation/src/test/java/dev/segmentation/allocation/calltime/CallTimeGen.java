package dev.segmentation.allocation.calltime;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded generator of call-time problems for the property tests (CONVENTIONS section 10): valid and
 * awkward inputs (no accounts, one account, identical curves, min = max, capacity equal to the sum of
 * minima, zero capacity, infeasible groups, flat curves, S-shaped ADBUDG, unicode ids) over several
 * hour and value scales. Not thread-safe: one instance per case.
 */
final class CallTimeGen {

  /** Which curve shapes a generated problem may use. */
  enum Shapes {
    /** Exponential and ADBUDG with shape {@code <= 1}: smooth and concave. */
    SMOOTH,
    /** Smooth, piecewise-linear and S-shaped ADBUDG. */
    ALL,
    /** Piecewise-linear only (an LP). */
    PIECEWISE
  }

  private static final String[] ID_PARTS = {"A-", "acct", "客户", "Ωmega-", "🙂", "C 00", "x,y", "q\"t"};

  private final long seed;
  private final UniformRandomProvider rng;
  /** Typical hours of an account in this case. */
  final double hourScale;
  /** Typical response of an account in this case. */
  final double valueScale;

  CallTimeGen(long seed) {
    this.seed = seed;
    this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    this.hourScale = logUniform(0.05, 2_000);
    this.valueScale = logUniform(1e-3, 1e7);
  }

  static LongStream seeds(int count) {
    return LongStream.range(0, count);
  }

  long seed() {
    return seed;
  }

  UniformRandomProvider rng() {
    return rng;
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  double logUniform(double lo, double hi) {
    return Math.exp(uniform(Math.log(lo), Math.log(hi)));
  }

  int intBetween(int lo, int hi) {
    return lo + rng.nextInt(hi - lo + 1);
  }

  boolean chance(double p) {
    return rng.nextDouble() < p;
  }

  ExponentialCurve exponential() {
    double ceiling = chance(0.05) ? 0.0 : valueScale * logUniform(0.05, 20);
    return ResponseCurve.exponential(ceiling, hourScale * logUniform(0.1, 10));
  }

  AdbudgCurve adbudg(boolean allowSShape) {
    double floor = chance(0.5) ? 0.0 : valueScale * uniform(-1, 1);
    double lift = chance(0.03) ? 0.0 : valueScale * logUniform(0.05, 20);
    double shape;
    if (allowSShape && chance(0.4)) {
      shape = uniform(1.05, 4);
    } else if (chance(0.2)) {
      shape = 1.0;
    } else {
      shape = uniform(0.3, 1.0);
    }
    return ResponseCurve.adbudg(floor, floor + lift, hourScale * logUniform(0.1, 10), shape);
  }

  PiecewiseLinearCurve piecewise() {
    int m = intBetween(1, 6);
    double[] h = new double[m];
    double[] v = new double[m];
    v[0] = chance(0.5) ? 0 : valueScale * uniform(-1, 1);
    double slope = valueScale / hourScale * logUniform(0.05, 20);
    for (int k = 1; k < m; k++) {
      h[k] = h[k - 1] + hourScale * logUniform(0.05, 3);
      if (k > 1) {
        // non-increasing slopes; sometimes equal (collinear points), sometimes flat
        slope = chance(0.15) ? slope : chance(0.1) ? 0 : slope * uniform(0.05, 0.95);
      }
      v[k] = v[k - 1] + slope * (h[k] - h[k - 1]);
      // recompute the slope as stored, so that rounding cannot make the points non-concave
      slope = (v[k] - v[k - 1]) / (h[k] - h[k - 1]);
    }
    try {
      return ResponseCurve.piecewiseLinear(h, v);
    } catch (IllegalArgumentException e) {
      // rounding made a slope rise by an ulp: fall back to a single segment
      return ResponseCurve.piecewiseLinear(new double[] {0, h[m - 1] > 0 ? h[m - 1] : hourScale},
          new double[] {v[0], v[0] + valueScale});
    }
  }

  ResponseCurve curve(Shapes shapes) {
    switch (shapes) {
      case PIECEWISE:
        return piecewise();
      case SMOOTH:
        return chance(0.5) ? exponential() : adbudg(false);
      default:
        int k = rng.nextInt(3);
        return k == 0 ? exponential() : k == 1 ? adbudg(true) : piecewise();
    }
  }

  String id(int i) {
    return ID_PARTS[rng.nextInt(ID_PARTS.length)] + i;
  }

  /** Everything needed to rebuild a problem, so that tests can vary one part. */
  static final class Spec {
    final List<String> groups = new ArrayList<>();
    final List<Double> capacities = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    final List<String> accountGroups = new ArrayList<>();
    final List<ResponseCurve> curves = new ArrayList<>();
    final List<double[]> bounds = new ArrayList<>();

    CallTimeProblem build() {
      CallTimeProblem.Builder b = CallTimeProblem.builder();
      for (int g = 0; g < groups.size(); g++) {
        b.group(groups.get(g), capacities.get(g));
      }
      for (int i = 0; i < ids.size(); i++) {
        b.account(ids.get(i), accountGroups.get(i), curves.get(i))
            .hours(bounds.get(i)[0], bounds.get(i)[1]);
      }
      return b.build();
    }
  }

  /**
   * A random problem: 1 to {@code maxGroups} groups, 0 to {@code maxAccounts} accounts, capacities
   * from "none" to "not binding". With {@code finiteMax} every account has a finite maximum.
   */
  Spec spec(Shapes shapes, int maxGroups, int maxAccounts, boolean finiteMax, boolean allowInfeasible) {
    Spec s = new Spec();
    int groups = intBetween(1, maxGroups);
    for (int g = 0; g < groups; g++) {
      s.groups.add(g == 0 && chance(0.3) ? "field-ëast" : "g" + g);
    }
    int n = chance(0.05) ? intBetween(0, 2) : intBetween(1, maxAccounts);
    CallTimeSolver.Sum[] minSums = new CallTimeSolver.Sum[groups];
    for (int g = 0; g < groups; g++) {
      minSums[g] = new CallTimeSolver.Sum();
    }
    double[] typical = new double[groups];
    for (int i = 0; i < n; i++) {
      int g = rng.nextInt(groups);
      s.ids.add(id(i));
      s.accountGroups.add(s.groups.get(g));
      ResponseCurve c = i > 0 && chance(0.15) ? s.curves.get(i - 1) : curve(shapes);
      s.curves.add(c);
      double min = chance(0.6) ? 0 : hourScale * uniform(0, 2);
      double max;
      if (chance(0.08)) {
        max = min;
      } else if (!finiteMax && chance(0.4)) {
        max = Double.POSITIVE_INFINITY;
      } else {
        max = min + hourScale * logUniform(0.05, 10);
      }
      s.bounds.add(new double[] {min, max});
      minSums[g].add(min); // the solver's compensated sum in account order: c = minSum is feasible
      typical[g] += hourScale;
    }
    double[] minSum = new double[groups];
    for (int g = 0; g < groups; g++) {
      minSum[g] = minSums[g].value();
    }
    for (int g = 0; g < groups; g++) {
      double u = rng.nextDouble();
      double c;
      if (u < 0.08) {
        c = minSum[g];
      } else if (u < 0.12) {
        c = 0;
      } else if (allowInfeasible && u < 0.17 && minSum[g] > 0) {
        c = minSum[g] * uniform(0.2, 0.99);
      } else if (u < 0.25) {
        c = minSum[g] + typical[g] * 50 + hourScale;
      } else {
        c = minSum[g] + typical[g] * uniform(0.01, 2);
      }
      if (!allowInfeasible && c < minSum[g]) {
        c = minSum[g];
      }
      s.capacities.add(c);
    }
    return s;
  }
}
