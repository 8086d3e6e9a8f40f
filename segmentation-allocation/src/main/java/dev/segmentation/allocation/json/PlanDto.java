package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.PlanStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of an {@link AllocationPlan}: the body of an {@code "allocation-plan"} document. Totals
 * and per-account outcome fields are {@code null} in an {@code INFEASIBLE} plan; a margin without
 * runner-up ({@code +Infinity}) and an upper bound that is not there ({@code NaN}) are {@code null}.
 */
@JsonPropertyOrder({"status", "value", "cost", "objective", "upperBound", "boundConverged",
    "iterations", "options", "roles", "limits", "conflicts", "accounts"})
record PlanDto(
    PlanStatus status,
    @JsonSetter(nulls = Nulls.SET) Double value,
    @JsonSetter(nulls = Nulls.SET) Double cost,
    @JsonSetter(nulls = Nulls.SET) Double objective,
    @JsonSetter(nulls = Nulls.SET) Double upperBound,
    boolean boundConverged,
    int iterations,
    List<String> options,
    List<String> roles,
    List<LimitDto> limits,
    List<String> conflicts,
    List<AccountDto> accounts) {

  static PlanDto from(AllocationPlan p) {
    List<LimitDto> limits = new ArrayList<>();
    for (LimitUsage u : p.limits()) {
      limits.add(new LimitDto(u.name(), u.kind(), u.capacity(), Json.nanToNull(u.used()),
          u.shadowPrice()));
    }
    List<AccountDto> accounts = new ArrayList<>();
    for (int i = 0; i < p.accountIds().size(); i++) {
      String id = p.accountIds().get(i);
      String segment = p.segmentOf(i).orElse(null);
      if (!p.isFeasible()) {
        accounts.add(new AccountDto(id, segment, null, null, null, null, null, null, null));
        continue;
      }
      AllocationPlan.AccountOutcome o = p.outcome(i);
      accounts.add(new AccountDto(id, segment, o.option(), o.reducedValue(),
          o.runnerUp().isEmpty() ? null : o.runnerUp(),
          o.margin() == Double.POSITIVE_INFINITY ? null : o.margin(), o.value(), o.cost(),
          o.hours()));
    }
    return new PlanDto(p.status(), Json.nanToNull(p.value()), Json.nanToNull(p.cost()),
        Json.nanToNull(p.objective()), Json.nanToNull(p.upperBound()), p.boundConverged(),
        p.iterations(), p.optionIds(), p.roleNames(), limits, p.conflicts(), accounts);
  }

  AllocationPlan toDomain(String path) {
    boolean feasible = status != PlanStatus.INFEASIBLE;
    double[] totals = new double[3];
    String[] names = {"value", "cost", "objective"};
    Double[] given = {value, cost, objective};
    for (int j = 0; j < 3; j++) {
      totals[j] = nullOrNumber(given[j], feasible, Json.field(path, names[j]));
    }
    List<LimitUsage> limitList = new ArrayList<>();
    String lp = Json.field(path, "limits");
    for (int j = 0; j < limits.size(); j++) {
      LimitDto l = limits.get(j);
      String at = Json.index(lp, j);
      double used = nullOrNumber(l.used(), feasible, Json.field(at, "used"));
      limitList.add(Json.build(at,
          () -> new LimitUsage(l.name(), l.kind(), l.capacity(), used, l.shadowPrice())));
    }
    List<String> ids = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    List<AllocationPlan.AccountOutcome> outcomes = new ArrayList<>();
    String ap = Json.field(path, "accounts");
    for (int i = 0; i < accounts.size(); i++) {
      AccountDto a = accounts.get(i);
      String at = Json.index(ap, i);
      ids.add(a.id());
      if (a.segment() != null && a.segment().isBlank()) {
        throw Json.invalid(Json.field(at, "segment"), "a segment id must be non-blank (null for an "
            + "account without segment), was \"" + a.segment() + "\".");
      }
      segments.add(a.segment() == null ? "" : a.segment());
      Object[] fields = {a.option(), a.reducedValue(), a.runnerUp(), a.margin(), a.value(),
          a.cost(), a.hours()};
      String[] fieldNames = {"option", "reducedValue", "runnerUp", "margin", "value", "cost",
          "hours"};
      for (int j = 0; j < fields.length; j++) {
        boolean required = feasible && j != 2 && j != 3;
        if (required && fields[j] == null || !feasible && fields[j] != null) {
          throw Json.invalid(Json.field(at, fieldNames[j]), (feasible
              ? "null in a " + status + " plan; expected " + (j == 0 ? "an option id." : j == 6
                  ? "one number of hours per role." : "a finite number.")
              : "must be null in an INFEASIBLE plan, which gives no account an option."));
        }
      }
      if (!feasible) {
        continue;
      }
      if ((a.runnerUp() == null) != (a.margin() == null)) {
        throw Json.invalid(Json.field(at, a.runnerUp() == null ? "margin" : "runnerUp"),
            "\"runnerUp\" and \"margin\" are both null (the account had one option) or both given.");
      }
      checkOption(a.option(), Json.field(at, "option"));
      if (a.runnerUp() != null) {
        checkOption(a.runnerUp(), Json.field(at, "runnerUp"));
      }
      if (a.hours().size() != roles.size()) {
        throw Json.invalid(Json.field(at, "hours"), "has " + a.hours().size()
            + " entries, expected one per role " + roles + ".");
      }
      outcomes.add(new AllocationPlan.AccountOutcome(a.option(), a.reducedValue(),
          a.runnerUp() == null ? "" : a.runnerUp(),
          a.margin() == null ? Double.POSITIVE_INFINITY : a.margin(), a.value(), a.cost(),
          a.hours()));
    }
    return Json.build(path, () -> AllocationPlan.of(status, ids, segments, options, roles, outcomes,
        totals[0], totals[1], totals[2], Json.nullToNaN(upperBound), boundConverged, iterations,
        limitList, conflicts));
  }

  private void checkOption(String id, String path) {
    if (!options.contains(id)) {
      throw Json.invalid(path, "'" + id + "' is not one of the plan's options " + options + ".");
    }
  }

  /** A total that a feasible plan has and an infeasible plan has not. */
  private double nullOrNumber(Double v, boolean feasible, String path) {
    if (feasible && v == null) {
      throw Json.invalid(path, "null in a " + status + " plan; expected a finite number.");
    }
    if (!feasible && v != null) {
      throw Json.invalid(path, "must be null in an INFEASIBLE plan, was " + v + ".");
    }
    return Json.nullToNaN(v);
  }

  /**
   * The use of one limit.
   *
   * @param name limit name
   * @param kind limit kind
   * @param capacity capacity
   * @param used use, {@code null} in an infeasible plan
   * @param shadowPrice shadow price
   */
  @JsonPropertyOrder({"name", "kind", "capacity", "used", "shadowPrice"})
  record LimitDto(String name, LimitKind kind, double capacity,
      @JsonSetter(nulls = Nulls.SET) Double used, double shadowPrice) {}

  /**
   * One account of the plan.
   *
   * @param id account id
   * @param segment segment id, or {@code null}
   * @param option chosen option id
   * @param reducedValue reduced value of the chosen option
   * @param runnerUp best other option, or {@code null}
   * @param margin chosen minus runner-up reduced value, or {@code null} without runner-up
   * @param value value of the chosen option for this account
   * @param cost money cost of the chosen option for this account
   * @param hours hours per role, in the order of the plan's roles
   */
  @JsonPropertyOrder({"id", "segment", "option", "reducedValue", "runnerUp", "margin", "value",
      "cost", "hours"})
  record AccountDto(
      String id,
      @JsonSetter(nulls = Nulls.SET) String segment,
      @JsonSetter(nulls = Nulls.SET) String option,
      @JsonSetter(nulls = Nulls.SET) Double reducedValue,
      @JsonSetter(nulls = Nulls.SET) String runnerUp,
      @JsonSetter(nulls = Nulls.SET) Double margin,
      @JsonSetter(nulls = Nulls.SET) Double value,
      @JsonSetter(nulls = Nulls.SET) Double cost,
      @JsonSetter(nulls = Nulls.SET) List<Double> hours) {}
}
