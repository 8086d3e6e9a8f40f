package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.territory.AccountScope;
import dev.segmentation.allocation.territory.BalanceMeasure;
import dev.segmentation.allocation.territory.Location;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import java.util.ArrayList;
import java.util.List;

/** Wire form of a {@link TerritoryProblem}: the body of a {@code "territory-problem"} document. */
@JsonPropertyOrder({"role", "tolerance", "balanceMeasure", "mixWeight", "distanceWeight",
    "disruptionCost", "minKeptShare", "candidateReps", "scope", "parallelism", "reps", "accounts"})
record TerritoryProblemDto(
    String role,
    double tolerance,
    BalanceMeasure balanceMeasure,
    double mixWeight,
    double distanceWeight,
    double disruptionCost,
    double minKeptShare,
    int candidateReps,
    AccountScope scope,
    int parallelism,
    List<RepDto> reps,
    List<AccountDto> accounts) {

  static TerritoryProblemDto from(TerritoryProblem p) {
    List<RepDto> reps = new ArrayList<>();
    for (TerritoryRep r : p.reps()) {
      reps.add(new RepDto(r.id(), r.role(), r.capacityHours(),
          r.homeLocation().map(LocationDto::of).orElse(null)));
    }
    List<AccountDto> accounts = new ArrayList<>();
    for (TerritoryAccount a : p.accounts()) {
      accounts.add(new AccountDto(a.id(), a.workloadHours(), a.potential(),
          a.location().map(LocationDto::of).orElse(null), a.currentOwner().orElse(null),
          a.lockedRep().orElse(null)));
    }
    return new TerritoryProblemDto(p.role(), p.tolerance(), p.balanceMeasure(), p.mixWeight(),
        p.distanceWeight(), p.disruptionCost(), p.minKeptShare(), p.candidateReps(), p.scope(),
        p.parallelism(), reps, accounts);
  }

  TerritoryProblem toDomain(String path) {
    TerritoryProblem.Builder b = Json.build(path, () -> TerritoryProblem.builder().role(role)
        .tolerance(tolerance).balanceBy(balanceMeasure).mixWeight(mixWeight)
        .distanceWeight(distanceWeight).disruptionCost(disruptionCost).minKeptShare(minKeptShare)
        .candidateReps(candidateReps).scope(scope).parallelism(parallelism));
    String rp = Json.field(path, "reps");
    for (int j = 0; j < reps.size(); j++) {
      RepDto r = reps.get(j);
      String at = Json.index(rp, j);
      TerritoryRep rep = Json.build(at, () -> {
        TerritoryRep x = TerritoryRep.of(r.id(), r.role(), r.capacityHours());
        return r.home() == null ? x : x.home(r.home().toDomain());
      });
      b.rep(rep);
    }
    String ap = Json.field(path, "accounts");
    for (int i = 0; i < accounts.size(); i++) {
      AccountDto a = accounts.get(i);
      String at = Json.index(ap, i);
      TerritoryAccount acc = Json.build(at, () -> {
        TerritoryAccount x = TerritoryAccount.of(a.id(), a.workloadHours(), a.potential());
        if (a.location() != null) {
          x = x.location(a.location().toDomain());
        }
        if (a.owner() != null) {
          x = x.ownedBy(a.owner());
        }
        return a.lockedTo() == null ? x : x.lockedTo(a.lockedTo());
      });
      b.account(acc);
    }
    return Json.build(path, b::build);
  }

  /**
   * A point.
   *
   * @param latitude degrees north
   * @param longitude degrees east
   */
  @JsonPropertyOrder({"latitude", "longitude"})
  record LocationDto(double latitude, double longitude) {
    static LocationDto of(Location l) {
      return new LocationDto(l.latitude(), l.longitude());
    }

    Location toDomain() {
      return Location.of(latitude, longitude);
    }
  }

  /**
   * A rep.
   *
   * @param id rep id
   * @param role role name
   * @param capacityHours capacity hours per year
   * @param home home location, or {@code null}
   */
  @JsonPropertyOrder({"id", "role", "capacityHours", "home"})
  record RepDto(String id, String role, double capacityHours,
      @JsonSetter(nulls = Nulls.SET) LocationDto home) {}

  /**
   * An account.
   *
   * @param id account id
   * @param workloadHours workload hours per year
   * @param potential potential per year
   * @param location location, or {@code null}
   * @param owner current owner, or {@code null}
   * @param lockedTo rep the account is locked to, or {@code null}
   */
  @JsonPropertyOrder({"id", "workloadHours", "potential", "location", "owner", "lockedTo"})
  record AccountDto(String id, double workloadHours, double potential,
      @JsonSetter(nulls = Nulls.SET) LocationDto location,
      @JsonSetter(nulls = Nulls.SET) String owner,
      @JsonSetter(nulls = Nulls.SET) String lockedTo) {}
}
