package dev.segmentation.allocation.capacity;

import dev.segmentation.allocation.LimitKind;
import dev.segmentation.core.internal.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The efficient frontier of an allocation problem along one resource: the objective of the best plan
 * as the budget or the hours of one role vary over a grid, made by {@link WhatIf}. The objective and
 * the upper bound are non-decreasing in the level (see {@link WhatIfPoint}).
 *
 * <p><b>Stopped curves.</b> When a limit stops {@link WhatIf} ({@link #status()} other than
 * {@link WhatIfStatus#COMPLETE}), the curve holds only the levels whose solves had finished before the
 * stop; a level being solved at the stop is dropped, never reported half-solved. The monotone
 * construction of {@link WhatIfPoint} then runs over the levels kept, so the properties above hold for
 * them. The status is not stored in the JSON form of a curve: a curve read back reports
 * {@link WhatIfStatus#COMPLETE}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param resource {@link LimitKind#BUDGET} or {@link LimitKind#ROLE_HOURS}
 * @param resourceName {@code "budget"} or the role name
 * @param points the points, levels strictly increasing
 * @param status whether every level of the grid was solved or a limit stopped the computation
 * @since 0.1
 */
public record WhatIfCurve(LimitKind resource, String resourceName, List<WhatIfPoint> points,
    WhatIfStatus status) {

  /**
   * Validates and copies.
   *
   * @param resource the resource kind
   * @param resourceName the resource name
   * @param points the points
   * @param status how the computation ended
   * @throws IllegalArgumentException for a service-level resource, levels that do not increase, or an
   *     objective or bound that decreases (the message names the level)
   */
  public WhatIfCurve {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(resourceName, "resourceName");
    Objects.requireNonNull(status, "status");
    points = List.copyOf(points);
    if (resource == LimitKind.SERVICE_LEVEL) {
      throw new IllegalArgumentException("WhatIfCurve varies the budget or the hours of a role, not "
          + "a service level.");
    }
    for (int j = 1; j < points.size(); j++) {
      WhatIfPoint a = points.get(j - 1);
      WhatIfPoint b = points.get(j);
      if (!(b.level() > a.level())) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "WhatIfCurve levels must increase; level %s follows %s.", b.level(), a.level()));
      }
      if (a.hasPlan() && !(b.objective() >= a.objective())) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "WhatIfCurve objective must not decrease; %s at level %s follows %s at level %s.",
            b.objective(), b.level(), a.objective(), a.level()));
      }
      if (!Double.isNaN(a.upperBound()) && !Double.isNaN(b.upperBound())
          && !(b.upperBound() >= a.upperBound())) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "WhatIfCurve upper bound must not decrease; %s at level %s follows %s at level %s.",
            b.upperBound(), b.level(), a.upperBound(), a.level()));
      }
    }
  }

  /**
   * Creates a curve of a computation that solved every level ({@link WhatIfStatus#COMPLETE}).
   *
   * @param resource the resource kind
   * @param resourceName the resource name
   * @param points the points
   * @throws IllegalArgumentException as the canonical constructor
   */
  public WhatIfCurve(LimitKind resource, String resourceName, List<WhatIfPoint> points) {
    this(resource, resourceName, points, WhatIfStatus.COMPLETE);
  }

  /**
   * Returns the objectives in level order.
   *
   * @return one objective per point ({@code NaN} where no plan is known)
   */
  public double[] objectives() {
    return points.stream().mapToDouble(WhatIfPoint::objective).toArray();
  }

  /**
   * Prints one line per level: level, status, objective, value, cost, the level of the reported plan,
   * the objective solved at the level, the bound, the gap and the shadow price.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("WhatIfCurve: ").append(resource).append(" '")
        .append(resourceName).append("', ").append(points.size()).append(" levels");
    if (status != WhatIfStatus.COMPLETE) {
      sb.append(", stopped early (").append(status).append(")");
    }
    sb.append('\n');
    TextTable t = new TextTable(List.of("level", "status", "objective", "value", "cost", "plan_level",
        "solved_objective", "upper_bound", "gap", "shadow_price"),
        new boolean[] {true, false, true, true, true, true, true, true, true, true});
    for (WhatIfPoint p : points) {
      t.addRow(CapacityPlan.f2(p.level()), p.status().toString(), CapacityPlan.f2(p.objective()),
          CapacityPlan.f2(p.value()), CapacityPlan.f2(p.cost()), CapacityPlan.f2(p.planLevel()),
          CapacityPlan.f2(p.solvedObjective()), CapacityPlan.f2(p.upperBound()), g(p.gap()),
          g(p.shadowPrice()));
    }
    return sb.append(t.render()).toString();
  }

  static String g(double v) {
    return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.4g", v);
  }
}
