package dev.segmentation.core.model;

import dev.segmentation.core.UnassignedReason;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one account: a segment, or no segment with the reason why.
 *
 * @param accountId the account id
 * @param segment the segment index, or {@link #UNASSIGNED} (-1)
 * @param reason the reason when unassigned, {@code null} otherwise (use {@link #unassignedReason()})
 * @param detail human-readable detail, for example the criterion whose value is missing; may be empty
 * @since 0.1
 */
public record Assignment(String accountId, int segment, UnassignedReason reason, String detail) {

  /** The segment index of an unassigned account. */
  public static final int UNASSIGNED = -1;

  /**
   * Validates.
   *
   * @param accountId the account id
   * @param segment the segment index or -1
   * @param reason required exactly when unassigned
   * @param detail detail text
   * @throws IllegalArgumentException when segment and reason are inconsistent
   */
  public Assignment {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(detail, "detail");
    if (segment < UNASSIGNED) {
      throw new IllegalArgumentException("segment must be >= -1, was " + segment + ".");
    }
    if ((segment == UNASSIGNED) != (reason != null)) {
      throw new IllegalArgumentException(
          "An assignment has a reason exactly when it is unassigned; segment " + segment
              + ", reason " + reason + ".");
    }
  }

  /**
   * An account in a segment.
   *
   * @param accountId the account id
   * @param segment the segment index, {@code >= 0}
   * @return the assignment
   */
  public static Assignment of(String accountId, int segment) {
    if (segment < 0) {
      throw new IllegalArgumentException("segment must be >= 0, was " + segment + ".");
    }
    return new Assignment(accountId, segment, null, "");
  }

  /**
   * An account without a segment.
   *
   * @param accountId the account id
   * @param reason why
   * @param detail human-readable detail, may be empty
   * @return the assignment
   */
  public static Assignment unassigned(String accountId, UnassignedReason reason, String detail) {
    return new Assignment(accountId, UNASSIGNED, Objects.requireNonNull(reason, "reason"), detail);
  }

  /**
   * Tells whether the account has a segment.
   *
   * @return {@code true} when assigned
   */
  public boolean isAssigned() {
    return segment != UNASSIGNED;
  }

  /**
   * Returns the reason of an unassigned account.
   *
   * @return the reason, or empty when assigned
   */
  public Optional<UnassignedReason> unassignedReason() {
    return Optional.ofNullable(reason);
  }
}
