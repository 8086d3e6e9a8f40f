package dev.segmentation.allocation;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A minimum service level: at least {@code minShare} of the accounts of a segment get one of the
 * qualifying options (those listed by id, or any option of a listed channel). For example "at least 60%
 * of segment A gets field coverage": {@code ServiceLevel.of("A", 0.6, Set.of(Channel.FIELD), Set.of())}.
 *
 * <p>The required number of accounts is {@code ceil(minShare * size of the segment - 1e-9)}.
 *
 * @param segment the segment id
 * @param minShare the minimum share, in {@code (0, 1]}
 * @param channels qualifying channels
 * @param options qualifying option ids
 * @since 0.1
 */
public record ServiceLevel(String segment, double minShare, Set<Channel> channels, Set<String> options) {

  /**
   * Validates and copies.
   *
   * @param segment segment id
   * @param minShare minimum share
   * @param channels qualifying channels
   * @param options qualifying option ids
   * @throws IllegalArgumentException for a share outside {@code (0, 1]} or no qualifying option
   */
  public ServiceLevel {
    Objects.requireNonNull(segment, "segment");
    channels = Collections.unmodifiableSet(new TreeSet<>(channels));
    options = Collections.unmodifiableSet(new TreeSet<>(options));
    if (!(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException(
          "Service level of segment " + segment + ": minShare must be in (0, 1], was " + minShare + ".");
    }
    if (channels.isEmpty() && options.isEmpty()) {
      throw new IllegalArgumentException(
          "Service level of segment " + segment + " needs at least one qualifying channel or option.");
    }
  }

  /**
   * A service level over the options of some channels.
   *
   * @param segment segment id
   * @param minShare minimum share
   * @param channels qualifying channels
   * @return the service level
   */
  public static ServiceLevel ofChannels(String segment, double minShare, Channel... channels) {
    return new ServiceLevel(segment, minShare, Set.of(channels), Set.of());
  }

  /**
   * A service level over named options.
   *
   * @param segment segment id
   * @param minShare minimum share
   * @param optionIds qualifying option ids
   * @return the service level
   */
  public static ServiceLevel ofOptions(String segment, double minShare, String... optionIds) {
    return new ServiceLevel(segment, minShare, Set.of(), Set.of(optionIds));
  }

  /**
   * Tells whether an option qualifies.
   *
   * @param option an option
   * @return {@code true} when its id or channel is listed
   */
  public boolean qualifies(CoverageOption option) {
    return options.contains(option.id()) || channels.contains(option.channel());
  }

  /**
   * Returns the limit name used in plans, for example {@code service:A>=60%[FIELD]}.
   *
   * @return the name
   */
  public String name() {
    TreeSet<String> q = new TreeSet<>(options);
    for (Channel c : channels) {
      q.add(c.toString());
    }
    return "service:" + segment + ">=" + (minShare * 100 == Math.rint(minShare * 100)
        ? Long.toString(Math.round(minShare * 100)) : Double.toString(minShare * 100)) + "%"
        + q.toString().replace(" ", "");
  }
}
