package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.quota.CapStatus;
import dev.segmentation.allocation.quota.QuotaPlan;
import dev.segmentation.allocation.quota.RepQuota;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Wire form of a {@link QuotaPlan}: the body of a {@code "quota-plan"} document. {@code maxIncrease}
 * is {@code null} when there is no cap on increases ({@code +Infinity}); a rep's
 * {@code lastYearQuota} is {@code null} when the rep has none. {@code targetUnits} is derived and
 * checked when read.
 */
@JsonPropertyOrder({"target", "unit", "targetUnits", "potentialWeight", "maxDecrease", "maxIncrease",
    "capsAttainable", "reps", "notes"})
record QuotaPlanDto(double target, double unit, long targetUnits, double potentialWeight,
    double maxDecrease, @JsonSetter(nulls = Nulls.SET) Double maxIncrease, boolean capsAttainable,
    List<QuotaRepDto> reps, List<String> notes) {

  static QuotaPlanDto from(QuotaPlan p) {
    List<QuotaRepDto> reps = new ArrayList<>();
    for (RepQuota r : p.reps()) {
      reps.add(new QuotaRepDto(r.repId(), r.potential(), r.lastYearRevenue(),
          r.lastYearQuota().isPresent() ? r.lastYearQuota().getAsDouble() : null, r.potentialShare(),
          r.revenueShare(), r.share(), r.unroundedQuota(), r.units(), r.quota(), r.cap()));
    }
    return new QuotaPlanDto(p.target(), p.unit(), p.targetUnits(), p.potentialWeight(),
        p.maxDecrease(), Double.isInfinite(p.maxIncrease()) ? null : p.maxIncrease(),
        p.capsAttainable(), reps, p.notes());
  }

  QuotaPlan toDomain(String path) {
    List<RepQuota> out = new ArrayList<>();
    String rp = Json.field(path, "reps");
    for (int j = 0; j < reps.size(); j++) {
      QuotaRepDto d = reps.get(j);
      String at = Json.index(rp, j);
      double q = BigDecimal.valueOf(unit).multiply(BigDecimal.valueOf(d.units())).doubleValue();
      if (Double.compare(q, d.quota()) != 0) {
        throw Json.invalid(Json.field(at, "quota"), "is " + d.quota() + ", but units x unit is " + q
            + ".");
      }
      out.add(Json.build(at, () -> new RepQuota(d.repId(), d.potential(),
          d.lastYearRevenue(), d.lastYearQuota() == null ? OptionalDouble.empty()
              : OptionalDouble.of(d.lastYearQuota()), d.potentialShare(), d.revenueShare(),
          d.share(), d.unroundedQuota(), d.units(), d.quota(), d.cap())));
    }
    QuotaPlan plan = Json.build(path, () -> new QuotaPlan(target, unit, potentialWeight, maxDecrease,
        maxIncrease == null ? Double.POSITIVE_INFINITY : maxIncrease, capsAttainable, out, notes));
    if (plan.targetUnits() != targetUnits) {
      throw Json.invalid(Json.field(path, "targetUnits"), "is " + targetUnits
          + ", but target / unit is " + plan.targetUnits() + ".");
    }
    return plan;
  }

  /**
   * One rep.
   *
   * @param repId rep id
   * @param potential potential
   * @param lastYearRevenue last year's revenue
   * @param lastYearQuota last year's quota, or {@code null}
   * @param potentialShare potential share
   * @param revenueShare revenue share
   * @param share blended share
   * @param unroundedQuota quota before rounding
   * @param units quota in units
   * @param quota quota in money
   * @param cap cap status
   */
  @JsonPropertyOrder({"repId", "potential", "lastYearRevenue", "lastYearQuota", "potentialShare",
      "revenueShare", "share", "unroundedQuota", "units", "quota", "cap"})
  record QuotaRepDto(String repId, double potential, double lastYearRevenue,
      @JsonSetter(nulls = Nulls.SET) Double lastYearQuota, double potentialShare, double revenueShare,
      double share, double unroundedQuota, long units, double quota, CapStatus cap) {}
}
