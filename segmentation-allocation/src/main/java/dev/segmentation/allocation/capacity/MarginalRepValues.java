package dev.segmentation.allocation.capacity;

import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.core.internal.TextTable;
import java.util.List;
import java.util.Objects;

/**
 * The marginal value of one more rep of every role of a problem, made by {@link WhatIf#marginalReps}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param baseStatus how the solve of the base problem ended
 * @param roles one entry per role, in problem order
 * @since 0.1
 */
public record MarginalRepValues(PlanStatus baseStatus, List<MarginalRepValue> roles) {

  /**
   * Validates and copies.
   *
   * @param baseStatus the base status
   * @param roles the roles
   */
  public MarginalRepValues {
    Objects.requireNonNull(baseStatus, "baseStatus");
    roles = List.copyOf(roles);
  }

  /**
   * Prints one line per role: hours, hours one rep adds, objectives, marginal value, shadow price and
   * LP estimate.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MarginalRepValues: base ").append(baseStatus).append('\n');
    TextTable t = new TextTable(List.of("role", "hours", "hours_added", "objective",
        "objective_with_rep", "marginal_value", "shadow_price", "lp_estimate", "status"),
        new boolean[] {false, true, true, true, true, true, true, true, false});
    for (MarginalRepValue m : roles) {
      t.addRow(m.role(), CapacityPlan.f2(m.hoursAvailable()), CapacityPlan.f2(m.hoursAdded()),
          CapacityPlan.f2(m.objective()), CapacityPlan.f2(m.objectiveWithRep()),
          CapacityPlan.f2(m.marginalValue()), WhatIfCurve.g(m.shadowPrice()),
          CapacityPlan.f2(m.lpEstimate()), m.status().toString());
    }
    return sb.append(t.render()).toString();
  }
}
