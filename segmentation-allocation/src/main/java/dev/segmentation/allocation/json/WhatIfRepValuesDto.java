package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.capacity.MarginalRepValue;
import dev.segmentation.allocation.capacity.MarginalRepValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of {@link MarginalRepValues}: the body of a {@code "marginal-rep-values"} document;
 * numbers that are not there ({@code NaN}) are {@code null}.
 */
@JsonPropertyOrder({"baseStatus", "roles"})
record WhatIfRepValuesDto(PlanStatus baseStatus, List<WhatIfRepValueDto> roles) {

  static WhatIfRepValuesDto from(MarginalRepValues v) {
    List<WhatIfRepValueDto> roles = new ArrayList<>();
    for (MarginalRepValue m : v.roles()) {
      roles.add(new WhatIfRepValueDto(m.role(), m.hoursAvailable(), m.hoursAdded(),
          Json.nanToNull(m.objective()), Json.nanToNull(m.objectiveWithRep()),
          Json.nanToNull(m.marginalValue()), Json.nanToNull(m.shadowPrice()),
          Json.nanToNull(m.lpEstimate()), m.status()));
    }
    return new WhatIfRepValuesDto(v.baseStatus(), roles);
  }

  MarginalRepValues toDomain(String path) {
    List<MarginalRepValue> out = new ArrayList<>();
    String rp = Json.field(path, "roles");
    for (int j = 0; j < roles.size(); j++) {
      WhatIfRepValueDto d = roles.get(j);
      out.add(Json.build(Json.index(rp, j), () -> new MarginalRepValue(d.role(), d.hoursAvailable(),
          d.hoursAdded(), Json.nullToNaN(d.objective()), Json.nullToNaN(d.objectiveWithRep()),
          Json.nullToNaN(d.marginalValue()), Json.nullToNaN(d.shadowPrice()),
          Json.nullToNaN(d.lpEstimate()), d.status())));
    }
    return Json.build(path, () -> new MarginalRepValues(baseStatus, out));
  }

  /**
   * One role.
   *
   * @param role role name
   * @param hoursAvailable hours available
   * @param hoursAdded hours one more rep adds
   * @param objective base objective, or {@code null}
   * @param objectiveWithRep objective with one more rep, or {@code null}
   * @param marginalValue marginal value, or {@code null}
   * @param shadowPrice shadow price, or {@code null}
   * @param lpEstimate LP estimate, or {@code null}
   * @param status status of the solve with one more rep
   */
  @JsonPropertyOrder({"role", "hoursAvailable", "hoursAdded", "objective", "objectiveWithRep",
      "marginalValue", "shadowPrice", "lpEstimate", "status"})
  record WhatIfRepValueDto(String role, double hoursAvailable, double hoursAdded,
      @JsonSetter(nulls = Nulls.SET) Double objective,
      @JsonSetter(nulls = Nulls.SET) Double objectiveWithRep,
      @JsonSetter(nulls = Nulls.SET) Double marginalValue,
      @JsonSetter(nulls = Nulls.SET) Double shadowPrice,
      @JsonSetter(nulls = Nulls.SET) Double lpEstimate,
      PlanStatus status) {}
}
