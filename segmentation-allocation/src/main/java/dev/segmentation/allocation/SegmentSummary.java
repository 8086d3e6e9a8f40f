package dev.segmentation.allocation;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plan summarised for one segment.
 *
 * @param segment the segment id ({@code ""} for accounts without segment)
 * @param accounts number of accounts
 * @param accountsPerOption accounts per chosen option id, in option order
 * @param value total value
 * @param cost total money cost
 * @param hours hours used per role, in role order
 * @since 0.1
 */
public record SegmentSummary(
    String segment, int accounts, Map<String, Integer> accountsPerOption, double value, double cost,
    Map<String, Double> hours) {

  /**
   * Validates and copies.
   *
   * @param segment segment id
   * @param accounts accounts
   * @param accountsPerOption accounts per option
   * @param value value
   * @param cost cost
   * @param hours hours per role
   */
  public SegmentSummary {
    Objects.requireNonNull(segment, "segment");
    accountsPerOption = Collections.unmodifiableMap(new LinkedHashMap<>(accountsPerOption));
    hours = Collections.unmodifiableMap(new LinkedHashMap<>(hours));
  }

  static final class Acc {
    int accounts;
    final Map<String, Integer> perOption = new HashMap<>();
    double value;
    double cost;
    final double[] hours;

    Acc(int roles) {
      hours = new double[roles];
    }
  }
}
