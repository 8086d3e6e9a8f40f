package dev.segmentation.allocation.capacity;

import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Hours and FTEs needed per role for a coverage policy or plan, with the hours per segment; made by
 * {@link CapacityPlanner}. {@link #toString()} prints both as aligned tables.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param roles one entry per role, in problem order; role names unique
 * @param segments hours per segment: segment ids sorted, accounts without segment ({@code ""}) last
 * @since 0.1
 */
public record CapacityPlan(List<RoleCapacity> roles, List<SegmentDemand> segments) {

  /**
   * Validates and copies.
   *
   * @param roles roles
   * @param segments segments
   * @throws IllegalArgumentException when a role or segment repeats
   */
  public CapacityPlan {
    roles = List.copyOf(roles);
    segments = List.copyOf(segments);
    Set<String> seen = new HashSet<>();
    for (RoleCapacity r : roles) {
      if (!seen.add(r.role())) {
        throw new IllegalArgumentException("CapacityPlan: role '" + r.role() + "' is repeated.");
      }
    }
    seen.clear();
    for (SegmentDemand s : segments) {
      if (!seen.add(s.segment())) {
        throw new IllegalArgumentException(
            "CapacityPlan: segment '" + s.segment() + "' is repeated.");
      }
    }
  }

  /**
   * Returns the capacity of one role.
   *
   * @param role the role name
   * @return the role's capacity
   * @throws IllegalArgumentException for an unknown role (the message lists the roles)
   */
  public RoleCapacity role(String role) {
    Objects.requireNonNull(role, "role");
    for (RoleCapacity r : roles) {
      if (r.role().equals(role)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Unknown role '" + role + "'; roles are: "
        + roles.stream().map(RoleCapacity::role).toList() + ".");
  }

  /**
   * Prints one line per role (hours, FTEs, headcount, gap), then the hours per segment and role.
   *
   * @return the text tables
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CapacityPlan: ").append(roles.size()).append(" roles, ")
        .append(segments.size()).append(" segments\n");
    TextTable t = new TextTable(List.of("role", "hours_needed", "hours_available", "hours_per_fte",
        "utilisation", "fte_needed", "headcount", "fte_available", "fte_gap"),
        new boolean[] {false, true, true, true, true, true, true, true, true});
    for (RoleCapacity r : roles) {
      t.addRow(r.role(), f2(r.hoursNeeded()), f2(r.hoursAvailable()), f2(r.hoursPerFte()),
          String.format(Locale.ROOT, "%.1f%%", 100 * r.utilisation()), f2(r.fteNeeded()),
          Long.toString(r.headcount()), f2(r.fteAvailable()), f2(r.fteGap()));
    }
    sb.append(t.render());
    List<String> headers = new ArrayList<>(List.of("segment", "accounts"));
    boolean[] right = new boolean[roles.size() + 2];
    for (int r = 0; r < roles.size(); r++) {
      headers.add("hours_" + roles.get(r).role());
      right[r + 2] = true;
    }
    right[1] = true;
    TextTable s = new TextTable(headers, right);
    for (SegmentDemand d : segments) {
      List<String> row = new ArrayList<>(List.of(d.segment().isEmpty() ? "(none)" : d.segment(),
          Integer.toString(d.accounts())));
      for (RoleCapacity r : roles) {
        row.add(f2(d.hours().getOrDefault(r.role(), 0.0)));
      }
      s.addRow(row.toArray(new String[0]));
    }
    sb.append(s.render());
    return sb.toString();
  }

  static String f2(double v) {
    return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%,.2f", v);
  }
}
