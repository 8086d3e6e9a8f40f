package dev.segmentation.allocation;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread-safe cancellation token: call {@link #cancel()} from any thread to stop a running solve at
 * its next check; an interrupt of the solving thread has the same effect. The solve returns its best
 * feasible plan with status {@link PlanStatus#CANCELLED}.
 *
 * <p>Instances are safe to share between threads.
 *
 * @since 0.1
 */
public final class Cancellation {

  /** A token that is never cancelled. */
  public static final Cancellation NEVER = new Cancellation(false);

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final boolean cancellable;

  private Cancellation(boolean cancellable) {
    this.cancellable = cancellable;
  }

  /**
   * Creates a new, not yet cancelled token.
   *
   * @return the token
   */
  public static Cancellation create() {
    return new Cancellation(true);
  }

  /**
   * Requests cancellation (no effect on {@link #NEVER}).
   */
  public void cancel() {
    if (cancellable) {
      cancelled.set(true);
    }
  }

  /**
   * Tells whether cancellation was requested or the current thread is interrupted.
   *
   * @return {@code true} when the solve should stop
   */
  public boolean isCancelled() {
    return cancelled.get() || Thread.currentThread().isInterrupted();
  }
}
