package dev.segmentation.allocation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits of a solve: a wall-time limit (not reproducible: where it stops depends on the machine), an
 * iteration limit (reproducible), and a cancellation token. A solve that hits a limit still returns a
 * feasible plan with its status. The wall-time limit counts from the call of {@code solve}, so reading
 * the accounts' options (about 0.5-0.9 s at 1,000,000 accounts) uses part of it; the cancellation token
 * and thread interrupts are checked once that reading is done.
 *
 * <pre>{@code
 * plan = problem.solve(SolveLimits.timeLimit(Duration.ofSeconds(5)).maxIterations(1000));
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SolveLimits {

  /** Default maximum number of bound iterations (evaluations of the dual function). */
  public static final int DEFAULT_MAX_ITERATIONS = 500;

  private static final SolveLimits NONE = new SolveLimits(null, DEFAULT_MAX_ITERATIONS, Cancellation.NEVER);

  private final Duration timeLimit;
  private final int maxIterations;
  private final Cancellation cancellation;

  private SolveLimits(Duration timeLimit, int maxIterations, Cancellation cancellation) {
    this.timeLimit = timeLimit;
    this.maxIterations = maxIterations;
    this.cancellation = cancellation;
  }

  /**
   * No wall-time limit, {@value #DEFAULT_MAX_ITERATIONS} iterations, never cancelled.
   *
   * @return the default limits
   */
  public static SolveLimits defaults() {
    return NONE;
  }

  /**
   * Limits with a wall-time limit.
   *
   * @param limit positive duration
   * @return the limits
   */
  public static SolveLimits timeLimit(Duration limit) {
    return NONE.withTimeLimit(limit);
  }

  /**
   * Returns a copy with a wall-time limit.
   *
   * @param limit positive duration
   * @return new limits
   * @throws IllegalArgumentException for a zero or negative duration
   */
  public SolveLimits withTimeLimit(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isZero() || limit.isNegative()) {
      throw new IllegalArgumentException("SolveLimits.timeLimit must be positive, was " + limit + ".");
    }
    return new SolveLimits(limit, maxIterations, cancellation);
  }

  /**
   * Returns a copy with an iteration limit.
   *
   * @param n at least 1
   * @return new limits
   * @throws IllegalArgumentException when {@code n < 1}
   */
  public SolveLimits maxIterations(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("SolveLimits.maxIterations must be >= 1, was " + n + ".");
    }
    return new SolveLimits(timeLimit, n, cancellation);
  }

  /**
   * Returns a copy with a cancellation token.
   *
   * @param token the token
   * @return new limits
   */
  public SolveLimits cancellation(Cancellation token) {
    return new SolveLimits(timeLimit, maxIterations, Objects.requireNonNull(token, "token"));
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
   * Returns the iteration limit.
   *
   * @return the maximum number of iterations
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * Returns the cancellation token.
   *
   * @return the token
   */
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public String toString() {
    return "SolveLimits[timeLimit=" + (timeLimit == null ? "none" : timeLimit) + ", maxIterations="
        + maxIterations + "]";
  }
}
