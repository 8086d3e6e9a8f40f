package dev.segmentation.allocation.quota;

import dev.segmentation.core.internal.TextTable;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Quotas per rep that add up exactly to the company target, made by {@link QuotaPlanner#split}.
 *
 * <p><b>Exactness.</b> Quotas are whole numbers of the rounding {@link #unit()}: {@link RepQuota#units()}
 * are {@code long}s that add up to {@link #targetUnits()}, so {@code sum(units) * unit == target}
 * exactly in decimal arithmetic ({@link #exactQuota(String)} gives a quota as a {@link BigDecimal}).
 * The {@code double} {@link RepQuota#quota()} is the nearest double to that decimal.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param target the company target, a whole multiple of {@code unit}
 * @param unit the rounding unit, for example 1, 100 or 1000
 * @param potentialWeight the weight {@code w} of potential in the blend, in {@code [0, 1]}
 * @param maxDecrease the largest allowed decrease versus last year as a fraction, in {@code [0, 1]}
 *     (1: no cap)
 * @param maxIncrease the largest allowed increase versus last year as a fraction, {@code >= 0}
 *     ({@code +Infinity}: no cap)
 * @param capsAttainable whether the caps allow the target; when {@code false} the caps were relaxed as
 *     {@link QuotaPlanner} documents and {@link #notes()} say by how much
 * @param reps one quota per rep, in input order; rep ids unique
 * @param notes what the split had to do beyond the plain rule (relaxed caps, unit-grid bands), in
 *     words; empty when nothing
 * @since 0.1
 */
public record QuotaPlan(double target, double unit, double potentialWeight, double maxDecrease,
    double maxIncrease, boolean capsAttainable, List<RepQuota> reps, List<String> notes) {

  /**
   * Validates and copies.
   *
   * @param target target
   * @param unit unit
   * @param potentialWeight potential weight
   * @param maxDecrease max decrease
   * @param maxIncrease max increase
   * @param capsAttainable caps attainable
   * @param reps reps
   * @param notes notes
   * @throws IllegalArgumentException when the target is not a multiple of the unit, the units do not
   *     add up to the target, a quota is not {@code units * unit}, or a rep id repeats
   */
  public QuotaPlan {
    reps = List.copyOf(reps);
    notes = List.copyOf(notes);
    QuotaPlanner.checkSettings(target, unit, potentialWeight, maxDecrease, maxIncrease);
    long n = QuotaPlanner.units(target, unit);
    long sum = 0;
    Set<String> ids = new HashSet<>();
    BigDecimal u = BigDecimal.valueOf(unit);
    for (RepQuota r : reps) {
      if (!ids.add(r.repId())) {
        throw new IllegalArgumentException("QuotaPlan: rep \"" + r.repId() + "\" is repeated.");
      }
      sum = Math.addExact(sum, r.units());
      double q = u.multiply(BigDecimal.valueOf(r.units())).doubleValue();
      if (Double.compare(q, r.quota()) != 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "QuotaPlan: quota of rep \"%s\" is %s, expected units x unit = %s.", r.repId(), r.quota(),
            q));
      }
    }
    if (!reps.isEmpty() && sum != n) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "QuotaPlan: quotas add up to %d units of %s, expected the target %s = %d units.", sum, unit,
          target, n));
    }
  }

  /**
   * Returns the target in rounding units, {@code target / unit} (an exact whole number).
   *
   * @return the units
   */
  public long targetUnits() {
    return QuotaPlanner.units(target, unit);
  }

  /**
   * Returns the quota of each rep.
   *
   * @return rep id to quota in money, in rep order; unmodifiable
   */
  public Map<String, Double> quotasByRep() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (RepQuota r : reps) {
      m.put(r.repId(), r.quota());
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Returns a rep's quota.
   *
   * @param repId the rep id
   * @return the quota
   * @throws IllegalArgumentException for an unknown rep
   */
  public RepQuota rep(String repId) {
    Objects.requireNonNull(repId, "repId");
    for (RepQuota r : reps) {
      if (r.repId().equals(repId)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Unknown rep \"" + repId + "\" in the quota plan.");
  }

  /**
   * Returns a rep's quota exactly, {@code units * unit} in decimal arithmetic.
   *
   * @param repId the rep id
   * @return the quota
   * @throws IllegalArgumentException for an unknown rep
   */
  public BigDecimal exactQuota(String repId) {
    return BigDecimal.valueOf(unit).multiply(BigDecimal.valueOf(rep(repId).units()));
  }

  /**
   * Prints the settings, then one line per rep: figures, shares, quota before and after rounding,
   * change versus last year and cap status, then the notes.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "QuotaPlan: target %,.2f in units of %s, potential weight %s, change cap -%s/+%s%s%n", target,
        BigDecimal.valueOf(unit).stripTrailingZeros().toPlainString(), potentialWeight,
        pct(maxDecrease), Double.isInfinite(maxIncrease) ? "none" : pct(maxIncrease),
        capsAttainable ? "" : " (caps relaxed: target not attainable within them)"));
    TextTable t = new TextTable(List.of("rep", "potential", "last_revenue", "last_quota",
        "potential_share", "revenue_share", "share", "unrounded", "quota", "change", "cap"),
        new boolean[] {false, true, true, true, true, true, true, true, true, true, false});
    for (RepQuota r : reps) {
      t.addRow(r.repId(), money(r.potential()), money(r.lastYearRevenue()),
          r.lastYearQuota().isPresent() ? money(r.lastYearQuota().getAsDouble()) : "NA",
          pct(r.potentialShare()), pct(r.revenueShare()), pct(r.share()), money(r.unroundedQuota()),
          money(r.quota()), Double.isNaN(r.change()) ? "NA" : String.format(Locale.ROOT, "%+.1f%%",
              100 * r.change()), r.cap().toString());
    }
    sb.append(t.render());
    for (String note : notes) {
      sb.append("note: ").append(note).append('\n');
    }
    return sb.toString();
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }
}
