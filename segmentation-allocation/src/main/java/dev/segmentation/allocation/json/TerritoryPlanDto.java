package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.territory.BalanceMeasure;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryPlan.AccountAssignment;
import dev.segmentation.allocation.territory.TerritoryPlan.RepLoad;
import dev.segmentation.allocation.territory.TerritoryStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of a {@link TerritoryPlan}: the body of a {@code "territory-plan"} document. The
 * {@code summary} holds figures derived from the reps and accounts; it is written for readers of the
 * document and checked for presence, not used, when reading.
 */
@JsonPropertyOrder({"status", "role", "balanceMeasure", "tolerance", "distanceWeight", "disruptionCost",
    "minKeptShare", "candidateReps", "iterations", "lowerBound", "summary", "explanation", "reps",
    "accounts"})
record TerritoryPlanDto(
    TerritoryStatus status,
    String role,
    BalanceMeasure balanceMeasure,
    double tolerance,
    double distanceWeight,
    double disruptionCost,
    double minKeptShare,
    int candidateReps,
    int iterations,
    @JsonSetter(nulls = Nulls.SET) Double lowerBound,
    SummaryDto summary,
    List<String> explanation,
    List<RepDto> reps,
    List<AccountDto> accounts) {

  static TerritoryPlanDto from(TerritoryPlan p) {
    List<RepDto> reps = new ArrayList<>();
    for (RepLoad r : p.reps()) {
      reps.add(new RepDto(r.repId(), r.capacityHours(), r.target(), r.lowerLimit(), r.upperLimit(),
          r.load(), r.workloadHours(), r.potential(), r.accounts(), r.distanceKm(), r.book(),
          r.kept()));
    }
    List<AccountDto> accounts = new ArrayList<>();
    for (AccountAssignment a : p.accounts()) {
      accounts.add(new AccountDto(a.accountId(), a.rep().isEmpty() ? null : a.rep(),
          a.previousRep().isEmpty() ? null : a.previousRep(), a.locked(), a.workloadHours(),
          a.potential(), a.load(), a.distanceKm()));
    }
    SummaryDto summary = new SummaryDto(p.isBalanced(), p.maxDeviation(), p.coefficientOfVariation(),
        p.totalDistanceKm(), p.ownedAccounts(), p.keptAccounts(), p.keptShare(), p.objective());
    return new TerritoryPlanDto(p.status(), p.role(), p.balanceMeasure(), p.tolerance(),
        p.distanceWeight(), p.disruptionCost(), p.minKeptShare(), p.candidateReps(), p.iterations(),
        Json.nanToNull(p.lowerBound()), summary, p.explanation(), reps, accounts);
  }

  TerritoryPlan toDomain(String path) {
    List<RepLoad> repList = new ArrayList<>();
    String rp = Json.field(path, "reps");
    for (int j = 0; j < reps.size(); j++) {
      RepDto r = reps.get(j);
      repList.add(Json.build(Json.index(rp, j), () -> new RepLoad(r.id(), r.capacityHours(),
          r.target(), r.lowerLimit(), r.upperLimit(), r.load(), r.workloadHours(), r.potential(),
          r.accounts(), r.distanceKm(), r.book(), r.kept())));
    }
    List<AccountAssignment> accountList = new ArrayList<>();
    String ap = Json.field(path, "accounts");
    for (int i = 0; i < accounts.size(); i++) {
      AccountDto a = accounts.get(i);
      String at = Json.index(ap, i);
      for (String[] f : new String[][] {{"rep", a.rep()}, {"previousRep", a.previousRep()}}) {
        if (f[1] != null && f[1].isBlank()) {
          throw Json.invalid(Json.field(at, f[0]), "a rep id must be non-blank (null for none), was \""
              + f[1] + "\".");
        }
      }
      accountList.add(Json.build(at, () -> new AccountAssignment(a.id(),
          a.rep() == null ? "" : a.rep(), a.previousRep() == null ? "" : a.previousRep(), a.locked(),
          a.workloadHours(), a.potential(), a.load(), a.distanceKm())));
    }
    return Json.build(path, () -> TerritoryPlan.of(status, role, balanceMeasure, tolerance,
        distanceWeight, disruptionCost, minKeptShare, candidateReps, iterations,
        Json.nullToNaN(lowerBound), explanation, repList, accountList));
  }

  /**
   * Derived figures, for readers of the document.
   *
   * @param balanced every rep within its band and the minimum kept share met
   * @param maxDeviation largest absolute relative deviation
   * @param coefficientOfVariation CV of load / target
   * @param totalDistanceKm total travel distance
   * @param ownedAccounts accounts with an owner among the reps
   * @param keptAccounts owned accounts kept
   * @param keptShare kept / owned
   * @param objective the objective
   */
  @JsonPropertyOrder({"balanced", "maxDeviation", "coefficientOfVariation", "totalDistanceKm",
      "ownedAccounts", "keptAccounts", "keptShare", "objective"})
  record SummaryDto(boolean balanced, double maxDeviation, double coefficientOfVariation,
      double totalDistanceKm, int ownedAccounts, int keptAccounts, double keptShare,
      double objective) {}

  /**
   * One rep's territory.
   *
   * @param id rep id
   * @param capacityHours capacity
   * @param target target load
   * @param lowerLimit band lower limit
   * @param upperLimit band upper limit
   * @param load load
   * @param workloadHours workload hours
   * @param potential potential
   * @param accounts number of accounts
   * @param distanceKm travel
   * @param book accounts owned before
   * @param kept of which kept
   */
  @JsonPropertyOrder({"id", "capacityHours", "target", "lowerLimit", "upperLimit", "load",
      "workloadHours", "potential", "accounts", "distanceKm", "book", "kept"})
  record RepDto(String id, double capacityHours, double target, double lowerLimit, double upperLimit,
      double load, double workloadHours, double potential, int accounts, double distanceKm, int book,
      int kept) {}

  /**
   * One account's assignment.
   *
   * @param id account id
   * @param rep assigned rep, or {@code null} out of scope
   * @param previousRep current owner, or {@code null}
   * @param locked whether locked
   * @param workloadHours workload
   * @param potential potential
   * @param load balance load
   * @param distanceKm distance from the rep's home
   */
  @JsonPropertyOrder({"id", "rep", "previousRep", "locked", "workloadHours", "potential", "load",
      "distanceKm"})
  record AccountDto(String id, @JsonSetter(nulls = Nulls.SET) String rep,
      @JsonSetter(nulls = Nulls.SET) String previousRep, boolean locked, double workloadHours,
      double potential, double load, double distanceKm) {}
}
