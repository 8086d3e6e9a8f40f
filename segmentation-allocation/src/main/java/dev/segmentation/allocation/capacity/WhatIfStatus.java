package dev.segmentation.allocation.capacity;

/**
 * How the computation of a {@link WhatIfCurve} ended.
 *
 * @since 0.1
 */
public enum WhatIfStatus {
  /** Every level of the grid was solved; the curve has one point per level. */
  COMPLETE,
  /**
   * The whole-call time limit ({@link WhatIf.Builder#totalTimeLimit}) passed; the curve has the levels
   * whose solves had finished before it (not reproducible: where it stops depends on the machine).
   */
  TIME_LIMIT,
  /**
   * The cancellation token of {@link WhatIf#limits()} was cancelled or the calling thread was
   * interrupted (the interrupt flag is left set); the curve has the levels whose solves had finished
   * before it.
   */
  CANCELLED;

  /**
   * Tells whether a stop ended the computation before every level was solved.
   *
   * @return {@code true} for {@link #TIME_LIMIT} and {@link #CANCELLED}
   */
  public boolean stoppedEarly() {
    return this != COMPLETE;
  }
}
