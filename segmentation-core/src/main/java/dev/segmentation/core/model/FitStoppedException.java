package dev.segmentation.core.model;

import dev.segmentation.core.SegmentationException;
import java.util.Objects;

/**
 * Thrown when a {@link FitLimits} limit (time limit, cancellation or thread interrupt) stops a k-means
 * fit or k selection before any result exists: during the k-means++ seeding of the first restart, or
 * before the first k of a selection was scored. Once a result exists, limits return it with a status
 * instead of throwing.
 *
 * @since 0.1
 */
public final class FitStoppedException extends SegmentationException {

  private static final long serialVersionUID = 1L;

  /** The status that stopped the fit. */
  private final FitStatus status;

  /**
   * Creates the exception.
   *
   * @param status {@link FitStatus#TIME_LIMIT} or {@link FitStatus#CANCELLED}
   * @param what the call that was stopped, for the message
   */
  public FitStoppedException(FitStatus status, String what) {
    super(what + " was stopped (" + Objects.requireNonNull(status, "status")
        + ") before a first result existed.");
    this.status = status;
  }

  /**
   * Returns why the fit stopped.
   *
   * @return {@link FitStatus#TIME_LIMIT} or {@link FitStatus#CANCELLED}
   */
  public FitStatus status() {
    return status;
  }
}
