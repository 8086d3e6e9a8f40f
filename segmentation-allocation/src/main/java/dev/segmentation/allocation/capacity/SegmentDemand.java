package dev.segmentation.allocation.capacity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The hours one segment's accounts take from each role under a policy or plan.
 *
 * @param segment the segment id, {@code ""} for accounts without segment
 * @param accounts number of accounts, {@code >= 0}
 * @param hours hours per year per role, in role order; copied, values finite and {@code >= 0}
 * @since 0.1
 */
public record SegmentDemand(String segment, int accounts, Map<String, Double> hours) {

  /**
   * Validates and copies.
   *
   * @param segment segment id
   * @param accounts accounts
   * @param hours hours per role
   * @throws IllegalArgumentException for a negative count or bad hours
   */
  public SegmentDemand {
    Objects.requireNonNull(segment, "segment");
    if (accounts < 0) {
      throw new IllegalArgumentException(
          "SegmentDemand of segment '" + segment + "': accounts must be >= 0, was " + accounts + ".");
    }
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : hours.entrySet()) {
      double h = Objects.requireNonNull(e.getValue(), "hours");
      if (!(Double.isFinite(h) && h >= 0)) {
        throw new IllegalArgumentException("SegmentDemand of segment '" + segment + "': hours of role '"
            + e.getKey() + "' must be finite and >= 0, was " + h + ".");
      }
      copy.put(Objects.requireNonNull(e.getKey(), "role"), h);
    }
    hours = Collections.unmodifiableMap(copy);
  }
}
