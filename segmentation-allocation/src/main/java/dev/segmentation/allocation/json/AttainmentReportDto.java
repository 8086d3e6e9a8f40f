package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.quota.AttainmentReport;
import dev.segmentation.allocation.quota.RepAttainment;
import dev.segmentation.allocation.quota.RepSegmentAttainment;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of an {@link AttainmentReport}: the body of an {@code "attainment-report"} document. The
 * rep of accounts without owner and the segment of accounts without segment are {@code null}; a
 * missing quota and undefined ratios are {@code null}; the ratios are derived and checked when read.
 */
@JsonPropertyOrder({"reps", "cells"})
record AttainmentReportDto(List<AttainmentRepDto> reps, List<AttainmentCellDto> cells) {

  static AttainmentReportDto from(AttainmentReport r) {
    List<AttainmentRepDto> reps = new ArrayList<>();
    for (RepAttainment a : r.reps()) {
      reps.add(new AttainmentRepDto(a.rep().isEmpty() ? null : a.rep(), a.accounts(), a.revenue(),
          a.potential(), Json.nanToNull(a.quota()), Json.nanToNull(a.shareOfWallet()),
          Json.nanToNull(a.attainment())));
    }
    List<AttainmentCellDto> cells = new ArrayList<>();
    for (RepSegmentAttainment c : r.cells()) {
      cells.add(new AttainmentCellDto(c.rep().isEmpty() ? null : c.rep(),
          c.segment().isEmpty() ? null : c.segment(), c.accounts(), c.revenue(), c.potential(),
          Json.nanToNull(c.quota()), Json.nanToNull(c.shareOfWallet()),
          Json.nanToNull(c.quotaContribution())));
    }
    return new AttainmentReportDto(reps, cells);
  }

  AttainmentReport toDomain(String path) {
    List<RepAttainment> outReps = new ArrayList<>();
    String rp = Json.field(path, "reps");
    for (int j = 0; j < reps.size(); j++) {
      AttainmentRepDto d = reps.get(j);
      String at = Json.index(rp, j);
      String rep = PlanningJson.optionalId(d.rep(), Json.field(at, "rep"));
      RepAttainment a = Json.build(at, () -> new RepAttainment(rep, d.accounts(), d.revenue(),
          d.potential(), Json.nullToNaN(d.quota())));
      PlanningJson.check(Json.field(at, "shareOfWallet"), d.shareOfWallet(), a.shareOfWallet(),
          "revenue / potential");
      PlanningJson.check(Json.field(at, "attainment"), d.attainment(), a.attainment(),
          "revenue / quota");
      outReps.add(a);
    }
    List<RepSegmentAttainment> outCells = new ArrayList<>();
    String cp = Json.field(path, "cells");
    for (int j = 0; j < cells.size(); j++) {
      AttainmentCellDto d = cells.get(j);
      String at = Json.index(cp, j);
      String rep = PlanningJson.optionalId(d.rep(), Json.field(at, "rep"));
      String segment = PlanningJson.optionalId(d.segment(), Json.field(at, "segment"));
      RepSegmentAttainment c = Json.build(at, () -> new RepSegmentAttainment(rep, segment,
          d.accounts(), d.revenue(), d.potential(), Json.nullToNaN(d.quota())));
      PlanningJson.check(Json.field(at, "shareOfWallet"), d.shareOfWallet(), c.shareOfWallet(),
          "revenue / potential");
      PlanningJson.check(Json.field(at, "quotaContribution"), d.quotaContribution(),
          c.quotaContribution(), "revenue / quota");
      outCells.add(c);
    }
    return Json.build(path, () -> new AttainmentReport(outReps, outCells));
  }

  /**
   * One rep.
   *
   * @param rep rep id, {@code null} for accounts without owner
   * @param accounts accounts
   * @param revenue revenue
   * @param potential potential
   * @param quota quota, or {@code null}
   * @param shareOfWallet derived share of wallet, or {@code null}
   * @param attainment derived attainment, or {@code null}
   */
  @JsonPropertyOrder({"rep", "accounts", "revenue", "potential", "quota", "shareOfWallet",
      "attainment"})
  record AttainmentRepDto(@JsonSetter(nulls = Nulls.SET) String rep, int accounts, double revenue,
      double potential, @JsonSetter(nulls = Nulls.SET) Double quota,
      @JsonSetter(nulls = Nulls.SET) Double shareOfWallet,
      @JsonSetter(nulls = Nulls.SET) Double attainment) {}

  /**
   * One rep and segment.
   *
   * @param rep rep id, {@code null} for accounts without owner
   * @param segment segment id, {@code null} for accounts without segment
   * @param accounts accounts
   * @param revenue revenue
   * @param potential potential
   * @param quota the rep's quota, or {@code null}
   * @param shareOfWallet derived share of wallet, or {@code null}
   * @param quotaContribution derived revenue / quota, or {@code null}
   */
  @JsonPropertyOrder({"rep", "segment", "accounts", "revenue", "potential", "quota", "shareOfWallet",
      "quotaContribution"})
  record AttainmentCellDto(@JsonSetter(nulls = Nulls.SET) String rep,
      @JsonSetter(nulls = Nulls.SET) String segment, int accounts, double revenue, double potential,
      @JsonSetter(nulls = Nulls.SET) Double quota,
      @JsonSetter(nulls = Nulls.SET) Double shareOfWallet,
      @JsonSetter(nulls = Nulls.SET) Double quotaContribution) {}
}
