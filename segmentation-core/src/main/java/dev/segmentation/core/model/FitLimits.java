package dev.segmentation.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Limits of a k-means fit or k selection: a wall-time limit and a cancellation check, the core
 * counterpart of the allocation module's {@code SolveLimits}. The fit checks them before every restart,
 * between the centres of k-means++ seeding, before every Lloyd iteration and, once an earlier result
 * exists to fall back on (a later restart, or a later k of a selection), before every block of 4,096
 * accounts (k selection also before every k and between row blocks of the silhouette); an interrupt of the fitting thread always counts
 * as cancellation (the interrupt flag is left set). A fit stopped by a limit returns the best restart
 * so far with {@link KMeansModel#status()} {@link FitStatus#TIME_LIMIT} or {@link FitStatus#CANCELLED};
 * when no restart has a complete seeding yet it throws {@link FitStoppedException}.
 *
 * <pre>{@code
 * AtomicBoolean stop = new AtomicBoolean();
 * KMeansModel m = kmeans.fit(accounts, criteria,
 *     FitLimits.timeLimit(Duration.ofSeconds(5)).cancelWhen(stop::get));
 * if (m.status().stoppedEarly()) { ... }
 * }</pre>
 *
 * <p>The iteration limit is {@link KMeans.Builder#maxIterations(int)} (status
 * {@link FitStatus#MAX_ITERATIONS}). The time limit counts from the call's start. Instances are
 * immutable and safe to share between threads when the cancellation check is.
 *
 * @since 0.1
 */
public final class FitLimits {

  private static final BooleanSupplier NEVER = () -> false;
  private static final FitLimits NONE = new FitLimits(null, NEVER);

  private final Duration timeLimit;
  private final BooleanSupplier cancelled;

  private FitLimits(Duration timeLimit, BooleanSupplier cancelled) {
    this.timeLimit = timeLimit;
    this.cancelled = cancelled;
  }

  /**
   * No time limit and no cancellation check (thread interrupts still cancel).
   *
   * @return the default limits
   */
  public static FitLimits none() {
    return NONE;
  }

  /**
   * Limits with a wall-time limit.
   *
   * @param limit positive duration
   * @return the limits
   * @throws IllegalArgumentException for a zero or negative duration
   */
  public static FitLimits timeLimit(Duration limit) {
    return NONE.withTimeLimit(limit);
  }

  /**
   * Returns a copy with a wall-time limit.
   *
   * @param limit positive duration
   * @return new limits
   * @throws IllegalArgumentException for a zero or negative duration
   */
  public FitLimits withTimeLimit(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isZero() || limit.isNegative()) {
      throw new IllegalArgumentException("FitLimits.timeLimit must be positive, was " + limit + ".");
    }
    return new FitLimits(limit, cancelled);
  }

  /**
   * Returns a copy with a cancellation check (for example {@code atomicBoolean::get}); it is polled
   * from the fitting thread and from the fit's worker threads, so it must be cheap and thread-safe.
   *
   * @param check returns {@code true} once the fit should stop
   * @return new limits
   */
  public FitLimits cancelWhen(BooleanSupplier check) {
    return new FitLimits(timeLimit, Objects.requireNonNull(check, "check"));
  }

  /**
   * Returns the wall-time limit.
   *
   * @return the limit, or empty for none
   */
  public Optional<Duration> timeLimit() {
    return Optional.ofNullable(timeLimit);
  }

  /**
   * Returns the cancellation check given to {@link #cancelWhen}, for long calls in other packages
   * (for example lookalike scoring) that poll it themselves.
   *
   * @return the check; one that never fires when none was given
   */
  public BooleanSupplier cancellation() {
    return cancelled;
  }

  /**
   * Starts the clock of one call.
   *
   * @return a new stop check
   */
  Stopper start() {
    return new Stopper(timeLimit == null ? Long.MAX_VALUE : System.nanoTime(),
        timeLimit == null ? 0 : saturatedNanos(timeLimit), cancelled);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "FitLimits[timeLimit=" + (timeLimit == null ? "none" : timeLimit)
        + ", cancellation=" + (cancelled == NEVER ? "none" : "set") + "]";
  }

  /**
   * The stop check of one call; remembers the first reason it saw. Safe to poll from the executor's
   * threads: the interrupt checked is the calling thread's, the reason is set once.
   */
  static final class Stopper implements BooleanSupplier {
    private final long start;
    private final long budget;
    private final BooleanSupplier cancelled;
    private final Thread owner;
    private final AtomicReference<FitStatus> reason = new AtomicReference<>();

    private Stopper(long start, long budget, BooleanSupplier cancelled) {
      this.start = start;
      this.budget = budget;
      this.cancelled = cancelled;
      this.owner = Thread.currentThread();
    }

    @Override
    public boolean getAsBoolean() {
      if (reason.get() != null) {
        return true;
      }
      FitStatus now = null;
      if (owner.isInterrupted() || cancelled.getAsBoolean()) {
        now = FitStatus.CANCELLED;
      } else if (start != Long.MAX_VALUE && System.nanoTime() - start >= budget) {
        now = FitStatus.TIME_LIMIT;
      }
      if (now == null) {
        return false;
      }
      reason.compareAndSet(null, now);
      return true;
    }

    /** The reason the check fired, or {@code null}. */
    FitStatus reason() {
      return reason.get();
    }
  }
}
