package dev.segmentation.allocation.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits a company target into quotas per rep.
 *
 * <pre>{@code
 * QuotaPlan plan = QuotaPlanner.builder()
 *     .target(12_000_000)            // company target, a multiple of the unit
 *     .unit(1_000)                   // quotas are whole thousands
 *     .potentialWeight(0.5)          // w: blend of potential share and last-year revenue share
 *     .maxChange(0.15)               // at most +-15% versus last year's quota
 *     .build()
 *     .split(RepFigures.fromAccounts(accounts, "rep", "potential", "revenue", lastYearQuotas));
 * plan.quotasByRep();                // {ana=1_234_000.0, ...}, adds up to 12,000,000 exactly
 * }</pre>
 *
 * <p><b>1. Shares.</b> {@code share_r = w * potentialShare_r + (1 - w) * revenueShare_r}, where
 * {@code potentialShare_r = potential_r / sum(potential)} and {@code revenueShare_r = revenue_r /
 * sum(revenue)}; when a total is 0 (for example no history), that measure's shares are equal,
 * {@code 1 / reps}. The shares add up to 1.
 *
 * <p><b>2. Caps.</b> With caps, a rep with a last-year quota {@code q0} may get a quota in the band
 * {@code [q0 * (1 - maxDecrease), q0 * (1 + maxIncrease)]}, narrowed to whole multiples of the unit
 * (computed in decimal arithmetic, so 900 stays 900). Reps without last-year quota are not capped.
 * The capped split is {@code x_r = clamp(lambda * share_r, low_r, high_r)} with the one {@code lambda}
 * that makes the quotas add up to the target. This is the fixed point of the usual iteration "cap the
 * reps outside their band, give the excess (or shortfall) to the uncapped reps in proportion to their
 * shares, repeat"; it is found by bisection on {@code lambda}. A rep with share 0 gets more than its
 * minimum only when every rep with a positive share is at its maximum; the rest is then spread over
 * the zero-share reps in proportion to their room (equally over the uncapped ones, if any). If a
 * rep's band holds no multiple of the unit, the band becomes the multiple nearest to {@code q0}
 * (half up) and the rep is reported {@link CapStatus#BROKEN}.
 *
 * <p><b>Unattainable caps.</b> The caps allow the target exactly when {@code sum(low) <= target <=
 * sum(high)} (an uncapped rep has no high). Otherwise the plan says {@link QuotaPlan#capsAttainable()}
 * {@code false} and a note gives the numbers; the caps are then relaxed so that the target is still
 * met: every rep's quota is its bound times the same factor ({@code high_r * target / sum(high)} or
 * {@code low_r * target / sum(low)}; with every {@code high} 0, the plain shares), and reps outside
 * their band are {@link CapStatus#BROKEN}.
 *
 * <p><b>3. Rounding.</b> Quotas are whole multiples of the unit: each rep gets the floor of its
 * capped quota in units, and the units still missing to reach the target go one each to the reps with
 * the largest fractional remainders (ties: larger share, then input order) that are below their
 * maximum (largest-remainder method). The units add up exactly to {@code target / unit}, computed in
 * {@code long} arithmetic, and the caps still hold. The target must be a whole multiple of the unit
 * (checked in decimal arithmetic by {@link Builder#build()}; for example target 1,234,500 with unit
 * 1,000 is rejected) and at most {@code 2^53} units.
 *
 * <p>Instances are immutable and safe to share between threads; {@link #split} is pure.
 *
 * @since 0.1
 */
public final class QuotaPlanner {

  /** The default weight of potential in the blend. */
  public static final double DEFAULT_POTENTIAL_WEIGHT = 0.5;

  private static final long MAX_UNITS = 1L << 53;

  private final double target;
  private final double unit;
  private final double potentialWeight;
  private final double maxDecrease;
  private final double maxIncrease;

  private QuotaPlanner(Builder b) {
    this.target = b.target;
    this.unit = b.unit;
    this.potentialWeight = b.potentialWeight;
    this.maxDecrease = b.maxDecrease;
    this.maxIncrease = b.maxIncrease;
  }

  /**
   * Starts a planner.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  static void checkSettings(double target, double unit, double w, double maxDecrease,
      double maxIncrease) {
    if (!(Double.isFinite(target) && target >= 0)) {
      throw new IllegalArgumentException("QuotaPlanner.target must be finite and >= 0, was " + target
          + ".");
    }
    if (!(Double.isFinite(unit) && unit > 0)) {
      throw new IllegalArgumentException("QuotaPlanner.unit must be finite and > 0, was " + unit + ".");
    }
    if (!(w >= 0 && w <= 1)) {
      throw new IllegalArgumentException(
          "QuotaPlanner.potentialWeight must be in [0, 1], was " + w + ".");
    }
    if (!(maxDecrease >= 0 && maxDecrease <= 1)) {
      throw new IllegalArgumentException(
          "QuotaPlanner.maxDecrease must be in [0, 1], was " + maxDecrease + ".");
    }
    if (!(maxIncrease >= 0)) {
      throw new IllegalArgumentException(
          "QuotaPlanner.maxIncrease must be >= 0 (or +Infinity for none), was " + maxIncrease + ".");
    }
  }

  /** The target in units; throws when it is not a whole multiple of the unit. */
  static long units(double target, double unit) {
    BigDecimal[] qr = BigDecimal.valueOf(target).divideAndRemainder(BigDecimal.valueOf(unit));
    if (qr[1].signum() != 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "QuotaPlanner.target %s is not a whole multiple of the unit %s; quotas are whole units and "
              + "add up exactly to the target.%nRound the target (for example to %s) or use a "
              + "smaller unit.", BigDecimal.valueOf(target).toPlainString(),
          BigDecimal.valueOf(unit).toPlainString(),
          qr[0].multiply(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString()));
    }
    if (qr[0].compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "QuotaPlanner.target %s is %s units of %s; at most 2^53 units are supported. Use a larger "
              + "unit.", target, qr[0].toPlainString(), unit));
    }
    return qr[0].longValueExact();
  }

  /**
   * Returns the target.
   *
   * @return the company target
   */
  public double target() {
    return target;
  }

  /**
   * Returns the rounding unit.
   *
   * @return the unit
   */
  public double unit() {
    return unit;
  }

  /**
   * Returns the weight {@code w} of potential in the blend.
   *
   * @return {@code w} in {@code [0, 1]}
   */
  public double potentialWeight() {
    return potentialWeight;
  }

  /**
   * Returns the largest allowed decrease versus last year.
   *
   * @return a fraction in {@code [0, 1]}; 1 means no cap
   */
  public double maxDecrease() {
    return maxDecrease;
  }

  /**
   * Returns the largest allowed increase versus last year.
   *
   * @return a fraction {@code >= 0}; {@code +Infinity} means no cap
   */
  public double maxIncrease() {
    return maxIncrease;
  }

  /**
   * Splits the target over reps.
   *
   * @param reps the reps' figures, at least one, ids unique
   * @return the quotas, in input order, adding up exactly to the target
   * @throws IllegalArgumentException for no reps or a repeated rep id
   */
  public QuotaPlan split(List<RepFigures> reps) {
    List<RepFigures> in = List.copyOf(reps);
    int n = in.size();
    if (n == 0) {
      throw new IllegalArgumentException("QuotaPlanner.split needs at least one rep.");
    }
    Set<String> ids = new HashSet<>();
    for (RepFigures r : in) {
      if (!ids.add(r.repId())) {
        throw new IllegalArgumentException("QuotaPlanner.split: rep \"" + r.repId()
            + "\" is repeated; rep ids must be unique.");
      }
    }
    long total = units(target, unit);
    double sumP = 0;
    double sumR = 0;
    for (RepFigures r : in) {
      sumP += r.potential();
      sumR += r.lastYearRevenue();
    }
    double[] ps = new double[n];
    double[] rs = new double[n];
    double[] s = new double[n];
    for (int r = 0; r < n; r++) {
      ps[r] = sumP > 0 ? in.get(r).potential() / sumP : 1.0 / n;
      rs[r] = sumR > 0 ? in.get(r).lastYearRevenue() / sumR : 1.0 / n;
      s[r] = potentialWeight * ps[r] + (1 - potentialWeight) * rs[r];
    }
    // bands in units (decimal arithmetic); lo/hi as used, bandLo/bandHi as allowed
    BigDecimal u = BigDecimal.valueOf(unit);
    boolean hasLower = maxDecrease < 1;
    boolean hasUpper = Double.isFinite(maxIncrease);
    double[] lo = new double[n];
    double[] hi = new double[n];
    long[] bandLo = new long[n];
    long[] bandHi = new long[n];
    boolean[] capped = new boolean[n];
    List<String> notes = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      RepFigures f = in.get(r);
      capped[r] = f.lastYearQuota().isPresent() && (hasLower || hasUpper);
      bandLo[r] = 0;
      bandHi[r] = Long.MAX_VALUE;
      if (capped[r]) {
        BigDecimal q0 = BigDecimal.valueOf(f.lastYearQuota().getAsDouble());
        if (hasLower) {
          bandLo[r] = q0.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(maxDecrease)))
              .divide(u, 0, RoundingMode.CEILING).longValueExact();
        }
        if (hasUpper) {
          bandHi[r] = q0.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(maxIncrease)))
              .divide(u, 0, RoundingMode.FLOOR).min(BigDecimal.valueOf(MAX_UNITS)).longValueExact();
        }
      }
      lo[r] = bandLo[r];
      hi[r] = bandHi[r] == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : bandHi[r];
      if (bandLo[r] > bandHi[r]) {
        long snap = BigDecimal.valueOf(f.lastYearQuota().getAsDouble())
            .divide(u, 0, RoundingMode.HALF_UP).longValueExact();
        lo[r] = snap;
        hi[r] = snap;
        notes.add(String.format(Locale.ROOT, "Rep \"%s\": no multiple of the unit %s lies within "
            + "the allowed band around last year's quota %s; the quota is set to the nearest "
            + "multiple, %s.", f.repId(), u.toPlainString(), f.lastYearQuota().getAsDouble(),
            u.multiply(BigDecimal.valueOf(snap)).toPlainString()));
      }
    }
    double sumLo = 0;
    double sumHi = 0;
    for (int r = 0; r < n; r++) {
      sumLo += lo[r];
      sumHi += hi[r];
    }
    double[] x = new double[n];
    double[] roundLo = lo.clone();
    double[] roundHi = hi.clone();
    boolean attainable = true;
    if (total < sumLo || total > sumHi) {
      attainable = false;
      boolean over = total > sumHi;
      double bound = over ? sumHi : sumLo;
      for (int r = 0; r < n; r++) {
        x[r] = bound > 0 ? (over ? hi[r] : lo[r]) * (total / bound) : total * s[r];
        roundLo[r] = 0;
        roundHi[r] = Double.POSITIVE_INFINITY;
      }
      notes.add(String.format(Locale.ROOT, "The caps allow quotas adding up to %s of the target "
          + "%s (%s x the unit %s); the target is not attainable within the caps, so every rep's %s "
          + "quota was scaled by %.6f to meet it.",
          over ? "at most " + u.multiply(BigDecimal.valueOf((long) sumHi)).toPlainString()
              : "at least " + u.multiply(BigDecimal.valueOf((long) sumLo)).toPlainString(),
          BigDecimal.valueOf(target).toPlainString(), total, u.toPlainString(),
          over ? "highest allowed" : "lowest allowed", bound > 0 ? total / bound : Double.NaN));
    } else {
      capped(s, lo, hi, total, x);
    }
    long[] units = round(x, s, roundLo, roundHi, total);
    List<RepQuota> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      RepFigures f = in.get(r);
      CapStatus cap;
      if (!capped[r]) {
        cap = CapStatus.UNCAPPED;
      } else if (bandLo[r] > bandHi[r] || units[r] < bandLo[r] || units[r] > bandHi[r]) {
        cap = CapStatus.BROKEN;
      } else if (hasUpper && units[r] == bandHi[r]) {
        cap = CapStatus.AT_MAX;
      } else if (hasLower && units[r] == bandLo[r]) {
        cap = CapStatus.AT_MIN;
      } else {
        cap = CapStatus.WITHIN;
      }
      out.add(new RepQuota(f.repId(), f.potential(), f.lastYearRevenue(), f.lastYearQuota(), ps[r],
          rs[r], s[r], x[r] * unit, units[r], u.multiply(BigDecimal.valueOf(units[r])).doubleValue(),
          cap));
    }
    return new QuotaPlan(target, unit, potentialWeight, maxDecrease, maxIncrease, attainable, out,
        notes);
  }

  /** Capped split in units: x = clamp(lambda * s, lo, hi) adding up to total (sum lo <= total <= sum hi). */
  private static void capped(double[] s, double[] lo, double[] hi, long total, double[] x) {
    int n = s.length;
    double reach = 0; // most the positive-share reps can take, with zero-share reps at their low
    for (int r = 0; r < n; r++) {
      reach += s[r] > 0 ? hi[r] : lo[r];
    }
    if (total > reach) {
      // every positive-share rep at its high; spread the rest over zero-share reps by their room
      // (uncapped zero-share reps, if any, share the rest equally)
      double room = 0;
      int open = 0;
      for (int r = 0; r < n; r++) {
        if (s[r] == 0) {
          room += hi[r] - lo[r];
          open += hi[r] == Double.POSITIVE_INFINITY ? 1 : 0;
        }
      }
      for (int r = 0; r < n; r++) {
        double part = open > 0 ? (hi[r] == Double.POSITIVE_INFINITY ? 1.0 / open : 0)
            : (hi[r] - lo[r]) / room;
        x[r] = s[r] > 0 ? hi[r] : lo[r] + (total - reach) * part;
      }
      return;
    }
    double a = 0;
    double b = 1;
    while (sum(s, lo, hi, b) < total) {
      b *= 2;
    }
    for (int it = 0; it < 2_000; it++) {
      double mid = 0.5 * (a + b);
      if (mid <= a || mid >= b) {
        break;
      }
      if (sum(s, lo, hi, mid) < total) {
        a = mid;
      } else {
        b = mid;
      }
    }
    for (int r = 0; r < n; r++) {
      x[r] = clamp(b * s[r], lo[r], hi[r]);
    }
  }

  private static double sum(double[] s, double[] lo, double[] hi, double lambda) {
    double t = 0;
    for (int r = 0; r < s.length; r++) {
      t += clamp(lambda * s[r], lo[r], hi[r]);
    }
    return t;
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : Math.min(v, hi);
  }

  /** Largest-remainder rounding of x (in units) to longs adding up to total, within [lo, hi]. */
  private static long[] round(double[] x, double[] s, double[] lo, double[] hi, long total) {
    int n = x.length;
    long[] units = new long[n];
    long sum = 0;
    double[] rem = new double[n];
    for (int r = 0; r < n; r++) {
      double f = Math.min(Math.max(Math.floor(x[r]), lo[r]), hi[r]);
      units[r] = (long) f;
      rem[r] = x[r] - f;
      sum += units[r];
    }
    Integer[] order = new Integer[n];
    for (int r = 0; r < n; r++) {
      order[r] = r;
    }
    java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(r -> -rem[r])
        .thenComparingDouble(r -> -s[r]).thenComparingInt(r -> r));
    long missing = total - sum;
    while (missing != 0) {
      boolean moved = false;
      for (int j = 0; j < n && missing != 0; j++) {
        int r = missing > 0 ? order[j] : order[n - 1 - j];
        if (missing > 0 && units[r] + 1 <= hi[r]) {
          units[r]++;
          missing--;
          moved = true;
        } else if (missing < 0 && units[r] - 1 >= lo[r]) {
          units[r]--;
          missing++;
          moved = true;
        }
      }
      if (!moved) {
        throw new IllegalStateException("QuotaPlanner: cannot place " + missing
            + " units within the bands; this is a bug, please report it.");
      }
    }
    return units;
  }

  /**
   * Describes the planner in one line.
   *
   * @return for example {@code QuotaPlanner[target=1.2E7, unit=1000.0, potentialWeight=0.5, ...]}
   */
  @Override
  public String toString() {
    return "QuotaPlanner[target=" + target + ", unit=" + unit + ", potentialWeight=" + potentialWeight
        + ", maxDecrease=" + maxDecrease + ", maxIncrease=" + maxIncrease + "]";
  }

  /**
   * Builder of {@link QuotaPlanner}. Mutable and not thread-safe; {@link #build()} validates.
   *
   * @since 0.1
   */
  public static final class Builder {
    private double target = Double.NaN;
    private boolean targetSet;
    private double unit = 1;
    private double potentialWeight = DEFAULT_POTENTIAL_WEIGHT;
    private double maxDecrease = 1;
    private double maxIncrease = Double.POSITIVE_INFINITY;

    private Builder() {}

    /**
     * Sets the company target (required).
     *
     * @param amount finite, {@code >= 0}, a whole multiple of the unit
     * @return this builder
     */
    public Builder target(double amount) {
      this.target = amount;
      this.targetSet = true;
      return this;
    }

    /**
     * Sets the rounding unit (default 1): every quota is a whole multiple of it.
     *
     * @param amount finite and {@code > 0}, for example 1, 100 or 1000
     * @return this builder
     */
    public Builder unit(double amount) {
      this.unit = amount;
      return this;
    }

    /**
     * Sets the weight {@code w} of the potential share in the blend (default 0.5); the last-year
     * revenue share gets {@code 1 - w}.
     *
     * @param w in {@code [0, 1]}
     * @return this builder
     */
    public Builder potentialWeight(double w) {
      this.potentialWeight = w;
      return this;
    }

    /**
     * Caps the change versus last year's quota symmetrically: at most {@code -fraction} and
     * {@code +fraction}.
     *
     * @param fraction in {@code [0, 1]}, for example 0.15 for +-15%
     * @return this builder
     */
    public Builder maxChange(double fraction) {
      this.maxDecrease = fraction;
      this.maxIncrease = fraction;
      return this;
    }

    /**
     * Caps the decrease versus last year's quota (default 1: no cap).
     *
     * @param fraction in {@code [0, 1]}
     * @return this builder
     */
    public Builder maxDecrease(double fraction) {
      this.maxDecrease = fraction;
      return this;
    }

    /**
     * Caps the increase versus last year's quota (default {@code +Infinity}: no cap).
     *
     * @param fraction {@code >= 0}
     * @return this builder
     */
    public Builder maxIncrease(double fraction) {
      this.maxIncrease = fraction;
      return this;
    }

    /**
     * Validates and builds the planner.
     *
     * @return the immutable planner
     * @throws IllegalStateException when no target was set
     * @throws IllegalArgumentException for a setting out of range or a target that is not a whole
     *     multiple of the unit (the message suggests a rounded target)
     */
    public QuotaPlanner build() {
      if (!targetSet) {
        throw new IllegalStateException("QuotaPlanner needs target(...).");
      }
      checkSettings(target, unit, potentialWeight, maxDecrease, maxIncrease);
      units(target, unit);
      return new QuotaPlanner(this);
    }
  }
}
