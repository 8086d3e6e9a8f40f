package dev.segmentation.core.model;

/**
 * How a k-means fit (or a k selection) ended.
 *
 * @since 0.1
 */
public enum FitStatus {
  /** The kept restart converged: labels stopped changing or the centroid shift fell within tolerance. */
  CONVERGED,
  /** The kept restart stopped after {@link KMeans#maxIterations()} centroid updates (reproducible). */
  MAX_ITERATIONS,
  /**
   * The wall-time limit of {@link FitLimits} stopped the fit; the result is the best restart so far
   * (not reproducible: where it stops depends on the machine).
   */
  TIME_LIMIT,
  /**
   * The cancellation check of {@link FitLimits} returned {@code true} or the fitting thread was
   * interrupted; the result is the best restart so far (not reproducible). The interrupt flag is left
   * set.
   */
  CANCELLED;

  /**
   * Tells whether a limit stopped the fit before it finished.
   *
   * @return {@code true} for {@link #TIME_LIMIT} and {@link #CANCELLED}
   */
  public boolean stoppedEarly() {
    return this == TIME_LIMIT || this == CANCELLED;
  }
}
