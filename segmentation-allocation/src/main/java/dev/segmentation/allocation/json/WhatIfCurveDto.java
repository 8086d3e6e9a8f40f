package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.capacity.WhatIfCurve;
import dev.segmentation.allocation.capacity.WhatIfPoint;
import dev.segmentation.allocation.capacity.WhatIfStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of a {@link WhatIfCurve}: the body of a {@code "what-if-curve"} document; numbers that
 * are not there ({@code NaN}) are {@code null}. {@code status} says whether every level was solved
 * ({@code COMPLETE}) or a limit stopped the computation.
 */
@JsonPropertyOrder({"resource", "resourceName", "status", "points"})
record WhatIfCurveDto(LimitKind resource, String resourceName, List<WhatIfPointDto> points,
    WhatIfStatus status) {

  static WhatIfCurveDto from(WhatIfCurve c) {
    List<WhatIfPointDto> points = new ArrayList<>();
    for (WhatIfPoint p : c.points()) {
      points.add(new WhatIfPointDto(p.level(), p.status(), Json.nanToNull(p.objective()),
          Json.nanToNull(p.value()), Json.nanToNull(p.cost()), Json.nanToNull(p.planLevel()),
          Json.nanToNull(p.solvedObjective()), Json.nanToNull(p.upperBound()),
          Json.nanToNull(p.gap()), Json.nanToNull(p.shadowPrice())));
    }
    return new WhatIfCurveDto(c.resource(), c.resourceName(), points, c.status());
  }

  WhatIfCurve toDomain(String path) {
    List<WhatIfPoint> out = new ArrayList<>();
    String pp = Json.field(path, "points");
    for (int j = 0; j < points.size(); j++) {
      WhatIfPointDto d = points.get(j);
      out.add(Json.build(Json.index(pp, j), () -> new WhatIfPoint(d.level(), d.status(),
          Json.nullToNaN(d.objective()), Json.nullToNaN(d.value()), Json.nullToNaN(d.cost()),
          Json.nullToNaN(d.planLevel()), Json.nullToNaN(d.solvedObjective()),
          Json.nullToNaN(d.upperBound()), Json.nullToNaN(d.gap()), Json.nullToNaN(d.shadowPrice()))));
    }
    return Json.build(path, () -> new WhatIfCurve(resource, resourceName, out, status));
  }

  /**
   * One point.
   *
   * @param level level
   * @param status status of the solve at the level
   * @param objective objective of the reported plan, or {@code null}
   * @param value value, or {@code null}
   * @param cost cost, or {@code null}
   * @param planLevel level of the reported plan, or {@code null}
   * @param solvedObjective objective solved at the level, or {@code null}
   * @param upperBound bound, or {@code null}
   * @param gap gap, or {@code null}
   * @param shadowPrice shadow price, or {@code null}
   */
  @JsonPropertyOrder({"level", "status", "objective", "value", "cost", "planLevel", "solvedObjective",
      "upperBound", "gap", "shadowPrice"})
  record WhatIfPointDto(double level, PlanStatus status,
      @JsonSetter(nulls = Nulls.SET) Double objective,
      @JsonSetter(nulls = Nulls.SET) Double value,
      @JsonSetter(nulls = Nulls.SET) Double cost,
      @JsonSetter(nulls = Nulls.SET) Double planLevel,
      @JsonSetter(nulls = Nulls.SET) Double solvedObjective,
      @JsonSetter(nulls = Nulls.SET) Double upperBound,
      @JsonSetter(nulls = Nulls.SET) Double gap,
      @JsonSetter(nulls = Nulls.SET) Double shadowPrice) {}
}
