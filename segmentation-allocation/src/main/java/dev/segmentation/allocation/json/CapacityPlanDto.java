package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.capacity.CapacityPlan;
import dev.segmentation.allocation.capacity.RoleCapacity;
import dev.segmentation.allocation.capacity.SegmentDemand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wire form of a {@link CapacityPlan}: the body of a {@code "capacity-plan"} document. The derived
 * FTE figures are written for readers of the document and checked against the hours when read.
 */
@JsonPropertyOrder({"roles", "segments"})
record CapacityPlanDto(List<CapacityRoleDto> roles, List<CapacitySegmentDto> segments) {

  static CapacityPlanDto from(CapacityPlan p) {
    List<CapacityRoleDto> roles = new ArrayList<>();
    for (RoleCapacity r : p.roles()) {
      roles.add(new CapacityRoleDto(r.role(), r.hoursNeeded(), r.hoursAvailable(), r.hoursPerFte(),
          r.utilisation(), r.fteNeeded(), r.headcount(), r.fteAvailable()));
    }
    List<CapacitySegmentDto> segments = new ArrayList<>();
    for (SegmentDemand s : p.segments()) {
      segments.add(new CapacitySegmentDto(s.segment().isEmpty() ? null : s.segment(), s.accounts(),
          s.hours()));
    }
    return new CapacityPlanDto(roles, segments);
  }

  CapacityPlan toDomain(String path) {
    List<RoleCapacity> out = new ArrayList<>();
    String rp = Json.field(path, "roles");
    for (int j = 0; j < roles.size(); j++) {
      CapacityRoleDto d = roles.get(j);
      String at = Json.index(rp, j);
      RoleCapacity r = Json.build(at, () -> new RoleCapacity(d.role(), d.hoursNeeded(),
          d.hoursAvailable(), d.hoursPerFte(), d.utilisation()));
      PlanningJson.check(Json.field(at, "fteNeeded"), d.fteNeeded(), r.fteNeeded(),
          "hoursNeeded / (hoursPerFte * utilisation)");
      PlanningJson.check(Json.field(at, "fteAvailable"), d.fteAvailable(), r.fteAvailable(),
          "hoursAvailable / (hoursPerFte * utilisation)");
      if (d.headcount() != r.headcount()) {
        throw Json.invalid(Json.field(at, "headcount"), "is " + d.headcount()
            + ", but fteNeeded rounded up is " + r.headcount() + ".");
      }
      out.add(r);
    }
    List<SegmentDemand> segs = new ArrayList<>();
    String sp = Json.field(path, "segments");
    for (int j = 0; j < segments.size(); j++) {
      CapacitySegmentDto d = segments.get(j);
      String at = Json.index(sp, j);
      segs.add(Json.build(at, () -> new SegmentDemand(PlanningJson.optionalId(d.segment(),
          Json.field(at, "segment")), d.accounts(), d.hours())));
    }
    return Json.build(path, () -> new CapacityPlan(out, segs));
  }

  /**
   * One role.
   *
   * @param role role name
   * @param hoursNeeded hours needed
   * @param hoursAvailable hours available
   * @param hoursPerFte paid hours per FTE
   * @param utilisation utilisation
   * @param fteNeeded derived FTEs needed
   * @param headcount derived headcount
   * @param fteAvailable derived FTEs available
   */
  @JsonPropertyOrder({"role", "hoursNeeded", "hoursAvailable", "hoursPerFte", "utilisation",
      "fteNeeded", "headcount", "fteAvailable"})
  record CapacityRoleDto(String role, double hoursNeeded, double hoursAvailable, double hoursPerFte,
      double utilisation, double fteNeeded, long headcount, double fteAvailable) {}

  /**
   * One segment.
   *
   * @param segment segment id, {@code null} for accounts without segment
   * @param accounts accounts
   * @param hours hours per role
   */
  @JsonPropertyOrder({"segment", "accounts", "hours"})
  record CapacitySegmentDto(@JsonSetter(nulls = Nulls.SET) String segment, int accounts,
      Map<String, Double> hours) {}
}
