package dev.segmentation.allocation.territory;

import java.util.Objects;
import java.util.Optional;

/**
 * A sales rep who can own accounts: id, role, hours of capacity per year and an optional home
 * location (where travel starts). The rep's current book is given by the accounts'
 * {@linkplain TerritoryAccount#currentOwner() current owner}.
 *
 * <pre>{@code
 * TerritoryRep ana = TerritoryRep.of("ana", "field", 1_600).home(48.137, 11.575);
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class TerritoryRep {

  private final String id;
  private final String role;
  private final double capacityHours;
  private final Location home;

  private TerritoryRep(String id, String role, double capacityHours, Location home) {
    this.id = id;
    this.role = role;
    this.capacityHours = capacityHours;
    this.home = home;
  }

  /**
   * A rep without home location.
   *
   * @param id unique rep id, non-blank
   * @param role the role name, non-blank
   * @param capacityHours hours per year, finite and {@code > 0}; the rep's target load is
   *     proportional to it
   * @return the rep
   * @throws IllegalArgumentException for a blank id or role, or hours that are not finite and positive
   */
  public static TerritoryRep of(String id, String role, double capacityHours) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    if (id.isBlank()) {
      throw new IllegalArgumentException("TerritoryRep.id must be non-blank, was \"" + id + "\".");
    }
    if (role.isBlank()) {
      throw new IllegalArgumentException("TerritoryRep \"" + id + "\": role must be non-blank.");
    }
    if (!(Double.isFinite(capacityHours) && capacityHours > 0)) {
      throw new IllegalArgumentException("TerritoryRep \"" + id
          + "\": capacityHours must be finite and > 0, was " + capacityHours + ".");
    }
    return new TerritoryRep(id, role, capacityHours, null);
  }

  /**
   * Returns a copy with a home location.
   *
   * @param latitude degrees north, in {@code [-90, 90]}
   * @param longitude degrees east, in {@code [-180, 180]}
   * @return the new rep
   * @throws IllegalArgumentException for coordinates out of range
   */
  public TerritoryRep home(double latitude, double longitude) {
    return home(Location.of(latitude, longitude));
  }

  /**
   * Returns a copy with a home location.
   *
   * @param location the home
   * @return the new rep
   */
  public TerritoryRep home(Location location) {
    return new TerritoryRep(id, role, capacityHours, Objects.requireNonNull(location, "location"));
  }

  /**
   * Returns the rep id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the role name.
   *
   * @return the role
   */
  public String role() {
    return role;
  }

  /**
   * Returns the capacity in hours per year.
   *
   * @return the hours, {@code > 0}
   */
  public double capacityHours() {
    return capacityHours;
  }

  /**
   * Returns the home location.
   *
   * @return the home, or empty when unknown (travel from this rep then counts as 0 km)
   */
  public Optional<Location> homeLocation() {
    return Optional.ofNullable(home);
  }

  /**
   * Compares id, role, hours (bit for bit) and home.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TerritoryRep r && id.equals(r.id) && role.equals(r.role)
        && Double.compare(capacityHours, r.capacityHours) == 0 && Objects.equals(home, r.home);
  }

  /**
   * Hashes the compared parts.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(id, role, capacityHours, home);
  }

  /**
   * One line with every part.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "TerritoryRep[id=" + id + ", role=" + role + ", capacityHours=" + capacityHours + ", home="
        + (home == null ? "none" : home.latitude() + "," + home.longitude()) + "]";
  }
}
