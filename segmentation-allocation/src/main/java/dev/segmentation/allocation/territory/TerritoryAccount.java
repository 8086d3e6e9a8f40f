package dev.segmentation.allocation.territory;

import java.util.Objects;
import java.util.Optional;

/**
 * An account to place in a territory: id, workload hours of the role (usually from the coverage plan,
 * see {@link Workloads}), potential, optional location, current owner and an optional lock.
 *
 * <pre>{@code
 * TerritoryAccount a = TerritoryAccount.of("C-17", 24.0, 180_000)   // 24 h/year, potential 180k
 *     .location(48.2, 11.6)
 *     .ownedBy("ana")
 *     .locked();                                                   // stays with ana
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class TerritoryAccount {

  private final String id;
  private final double workloadHours;
  private final double potential;
  private final Location location;
  private final String owner;
  private final String lockedTo;

  private TerritoryAccount(String id, double workloadHours, double potential, Location location,
      String owner, String lockedTo) {
    this.id = id;
    this.workloadHours = workloadHours;
    this.potential = potential;
    this.location = location;
    this.owner = owner;
    this.lockedTo = lockedTo;
  }

  /**
   * An account without location, owner or lock.
   *
   * @param id unique account id, non-blank
   * @param workloadHours hours per year of the role this account needs, finite and {@code >= 0}
   * @param potential potential per year in the accounts' currency, finite and {@code >= 0}
   * @return the account
   * @throws IllegalArgumentException for a blank id or a negative or non-finite amount
   */
  public static TerritoryAccount of(String id, double workloadHours, double potential) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("TerritoryAccount.id must be non-blank, was \"" + id + "\".");
    }
    if (!(Double.isFinite(workloadHours) && workloadHours >= 0)) {
      throw new IllegalArgumentException("TerritoryAccount \"" + id
          + "\": workloadHours must be finite and >= 0, was " + workloadHours + ".");
    }
    if (!(Double.isFinite(potential) && potential >= 0)) {
      throw new IllegalArgumentException("TerritoryAccount \"" + id
          + "\": potential must be finite and >= 0, was " + potential + ".");
    }
    return new TerritoryAccount(id, workloadHours, potential, null, null, null);
  }

  /**
   * Returns a copy with a location.
   *
   * @param latitude degrees north, in {@code [-90, 90]}
   * @param longitude degrees east, in {@code [-180, 180]}
   * @return the new account
   * @throws IllegalArgumentException for coordinates out of range
   */
  public TerritoryAccount location(double latitude, double longitude) {
    return location(Location.of(latitude, longitude));
  }

  /**
   * Returns a copy with a location.
   *
   * @param location the location
   * @return the new account
   */
  public TerritoryAccount location(Location location) {
    return new TerritoryAccount(id, workloadHours, potential,
        Objects.requireNonNull(location, "location"), owner, lockedTo);
  }

  /**
   * Returns a copy with a current owner (the rep whose book holds the account today).
   *
   * @param repId the rep id, non-blank; a rep that is not one of the problem's reps of the role counts
   *     as no owner
   * @return the new account
   * @throws IllegalArgumentException for a blank id
   */
  public TerritoryAccount ownedBy(String repId) {
    Objects.requireNonNull(repId, "repId");
    if (repId.isBlank()) {
      throw new IllegalArgumentException("TerritoryAccount \"" + id + "\": owner must be non-blank.");
    }
    return new TerritoryAccount(id, workloadHours, potential, location, repId, lockedTo);
  }

  /**
   * Returns a copy locked to its current owner: it stays where it is.
   *
   * @return the new account
   * @throws IllegalStateException when the account has no owner
   */
  public TerritoryAccount locked() {
    if (owner == null) {
      throw new IllegalStateException("TerritoryAccount \"" + id
          + "\" has no owner to lock to; call ownedBy(rep) first or use lockedTo(rep).");
    }
    return lockedTo(owner);
  }

  /**
   * Returns a copy locked to a rep: the assignment always gives it this rep.
   *
   * @param repId a rep of the problem's role
   * @return the new account
   * @throws IllegalArgumentException for a blank id
   */
  public TerritoryAccount lockedTo(String repId) {
    Objects.requireNonNull(repId, "repId");
    if (repId.isBlank()) {
      throw new IllegalArgumentException("TerritoryAccount \"" + id + "\": lock must be non-blank.");
    }
    return new TerritoryAccount(id, workloadHours, potential, location, owner, repId);
  }

  /**
   * Returns the account id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the workload hours per year of the role.
   *
   * @return the hours, {@code >= 0}
   */
  public double workloadHours() {
    return workloadHours;
  }

  /**
   * Returns the potential per year.
   *
   * @return the potential, {@code >= 0}
   */
  public double potential() {
    return potential;
  }

  /**
   * Returns the location.
   *
   * @return the location, or empty (travel to this account then counts as 0 km)
   */
  public Optional<Location> location() {
    return Optional.ofNullable(location);
  }

  /**
   * Returns the current owner.
   *
   * @return the rep id, or empty
   */
  public Optional<String> currentOwner() {
    return Optional.ofNullable(owner);
  }

  /**
   * Returns the rep the account is locked to.
   *
   * @return the rep id, or empty when the account may move
   */
  public Optional<String> lockedRep() {
    return Optional.ofNullable(lockedTo);
  }

  /**
   * Compares every part (amounts bit for bit).
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TerritoryAccount a && id.equals(a.id)
        && Double.compare(workloadHours, a.workloadHours) == 0
        && Double.compare(potential, a.potential) == 0 && Objects.equals(location, a.location)
        && Objects.equals(owner, a.owner) && Objects.equals(lockedTo, a.lockedTo);
  }

  /**
   * Hashes the compared parts.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(id, workloadHours, potential, location, owner, lockedTo);
  }

  /**
   * One line with every part.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "TerritoryAccount[id=" + id + ", workloadHours=" + workloadHours + ", potential="
        + potential + ", location="
        + (location == null ? "none" : location.latitude() + "," + location.longitude())
        + ", owner=" + (owner == null ? "none" : owner) + ", lockedTo="
        + (lockedTo == null ? "none" : lockedTo) + "]";
  }
}
