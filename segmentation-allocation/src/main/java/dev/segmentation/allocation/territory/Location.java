package dev.segmentation.allocation.territory;

/**
 * A point on the earth in decimal degrees (WGS-84 latitude and longitude, used on a sphere).
 *
 * <p><b>Distance.</b> {@link #distanceKm(Location)} is the great-circle distance on a sphere of radius
 * {@value #EARTH_RADIUS_KM} km (the IUGG mean earth radius), computed with the haversine formula
 * {@code d = 2 R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)))}. It is exact for the sphere and
 * within about 0.5% of the ellipsoidal distance. It uses {@link StrictMath}, so every platform gives the
 * same bits.
 *
 * @param latitude degrees north, in {@code [-90, 90]}
 * @param longitude degrees east, in {@code [-180, 180]}
 * @since 0.1
 */
public record Location(double latitude, double longitude) {

  /** Earth radius used for every distance, in km: the IUGG mean radius {@code R1}. */
  public static final double EARTH_RADIUS_KM = 6371.0088;

  /**
   * Validates.
   *
   * @param latitude degrees north, in {@code [-90, 90]}
   * @param longitude degrees east, in {@code [-180, 180]}
   * @throws IllegalArgumentException for a value outside its range or not finite
   */
  public Location {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException(
          "Location.latitude must be between -90 and 90 degrees, was " + latitude + ".");
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(
          "Location.longitude must be between -180 and 180 degrees, was " + longitude + ".");
    }
  }

  /**
   * A location.
   *
   * @param latitude degrees north, in {@code [-90, 90]}
   * @param longitude degrees east, in {@code [-180, 180]}
   * @return the location
   * @throws IllegalArgumentException for a value outside its range
   */
  public static Location of(double latitude, double longitude) {
    return new Location(latitude, longitude);
  }

  /**
   * Returns the great-circle distance to another location (haversine formula, earth radius
   * {@value #EARTH_RADIUS_KM} km).
   *
   * @param other the other location
   * @return the distance in km, {@code >= 0}
   */
  public double distanceKm(Location other) {
    return haversineKm(latitude, longitude, other.latitude, other.longitude);
  }

  /** The haversine distance in km between two points given in degrees. */
  static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double sp = StrictMath.sin(dp / 2);
    double sl = StrictMath.sin(dl / 2);
    double a = sp * sp + StrictMath.cos(p1) * StrictMath.cos(p2) * sl * sl;
    return 2 * EARTH_RADIUS_KM * StrictMath.asin(Math.min(1.0, StrictMath.sqrt(a)));
  }
}
