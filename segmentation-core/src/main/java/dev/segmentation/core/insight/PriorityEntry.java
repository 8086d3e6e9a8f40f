package dev.segmentation.core.insight;

import java.util.List;
import java.util.Objects;

/**
 * One account of a {@link PriorityList}: its rank and the factors of its expected value.
 *
 * @param rank 1-based rank, 1 = work on first
 * @param accountId the account id
 * @param segment the segment id, empty when the list has no segmentation or the account is
 *     unassigned
 * @param groups the account's label for each grouping column of the list (empty string when
 *     missing), in {@link PriorityList#groupColumns()} order
 * @param whitespace the whitespace, {@code NaN} when unknown
 * @param lookalike the lookalike score in {@code [0, 100]}, {@code NaN} when the account has no
 *     score
 * @param response the response factor, {@code NaN} when missing
 * @param expectedValue {@code whitespace * lookalike / 100 * response}, {@code NaN} when a factor is
 *     missing
 * @param note empty, or which factor is missing and why
 * @since 0.1
 */
public record PriorityEntry(
    int rank,
    String accountId,
    String segment,
    List<String> groups,
    double whitespace,
    double lookalike,
    double response,
    double expectedValue,
    String note) {

  /**
   * Validates and copies.
   *
   * @param rank the rank, {@code >= 1}
   * @param accountId the account id
   * @param segment the segment id or empty
   * @param groups group labels
   * @param whitespace the whitespace or {@code NaN}
   * @param lookalike the score or {@code NaN}
   * @param response the response factor or {@code NaN}
   * @param expectedValue the expected value or {@code NaN}
   * @param note note text
   * @throws IllegalArgumentException when the rank is below 1 or a number is out of range
   */
  public PriorityEntry {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(note, "note");
    groups = List.copyOf(groups);
    if (rank < 1) {
      throw new IllegalArgumentException(
          "Account \"" + accountId + "\": rank must be >= 1, was " + rank + ".");
    }
    if (whitespace < 0 || lookalike < 0 || lookalike > 100 || response < 0 || expectedValue < 0
        || Double.isInfinite(whitespace) || Double.isInfinite(response)
        || Double.isInfinite(expectedValue)) {
      throw new IllegalArgumentException("Account \"" + accountId + "\": expected whitespace, "
          + "response and expected value finite and >= 0 and lookalike in [0, 100], were "
          + whitespace + ", " + response + ", " + expectedValue + " and " + lookalike + ".");
    }
  }

  /**
   * Tells whether the expected value is known.
   *
   * @return {@code true} unless a factor is missing
   */
  public boolean hasExpectedValue() {
    return !Double.isNaN(expectedValue);
  }
}
