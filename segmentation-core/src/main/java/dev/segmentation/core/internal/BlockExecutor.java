package dev.segmentation.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks (fixed blocks of rows) on one thread, on a private {@link ForkJoinPool}, or on a
 * caller's {@link Executor}, and waits for all of them. Tasks write their results into slots indexed by
 * task number, so results never depend on scheduling; callers combine the slots in task order.
 *
 * <p><b>Interrupts.</b> While {@link #run} waits for the tasks of other threads, an interrupt of the
 * waiting thread is not visible through its interrupt flag (every blocking wait in Java clears it).
 * {@code run} therefore records it: {@link #interruptSeen()} returns {@code true} from then on, so stop
 * checks inside the tasks can see it; {@code run} still waits for every task (they write shared
 * arrays) and sets the flag again before it returns.
 *
 * <p>Close it to shut down a private pool. Not thread-safe: one instance per computation.
 */
public final class BlockExecutor implements AutoCloseable {

  /** Rows per block: the unit of work and of partial sums, independent of the number of threads. */
  public static final int BLOCK_ROWS = 4096;

  private final int parallelism;
  private final Executor executor;
  private final ForkJoinPool ownPool;
  private volatile boolean interruptSeen;

  private BlockExecutor(int parallelism, Executor executor, ForkJoinPool ownPool) {
    this.parallelism = parallelism;
    this.executor = executor;
    this.ownPool = ownPool;
  }

  /**
   * Creates an executor.
   *
   * @param parallelism number of threads, {@code >= 1}; 1 runs everything on the calling thread
   * @param executor the caller's executor, or {@code null} to create a private pool when
   *     {@code parallelism > 1}
   * @return the block executor
   */
  public static BlockExecutor create(int parallelism, Executor executor) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
    }
    if (parallelism == 1) {
      return new BlockExecutor(1, null, null);
    }
    if (executor != null) {
      return new BlockExecutor(parallelism, executor, null);
    }
    ForkJoinPool pool = new ForkJoinPool(parallelism);
    return new BlockExecutor(parallelism, pool, pool);
  }

  /**
   * Returns the number of blocks of {@link #BLOCK_ROWS} rows that cover {@code n} rows.
   *
   * @param n number of rows
   * @return the block count, at least 1
   */
  public static int blocks(int n) {
    return Math.max(1, (n + BLOCK_ROWS - 1) / BLOCK_ROWS);
  }

  /**
   * Runs {@code task.accept(t)} for every {@code t} in {@code [0, tasks)} and waits. The first failure
   * is rethrown after all tasks ended.
   *
   * @param tasks number of tasks
   * @param task the work of one task
   */
  public void run(int tasks, IntConsumer task) {
    if (parallelism == 1 || tasks <= 1) {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
      return;
    }
    int chunks = Math.min(tasks, parallelism * 4);
    List<CompletableFuture<Void>> futures = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) tasks * c / chunks);
      int to = (int) ((long) tasks * (c + 1) / chunks);
      futures.add(CompletableFuture.runAsync(() -> {
        for (int t = from; t < to; t++) {
          task.accept(t);
        }
      }, executor));
    }
    RuntimeException first = null;
    boolean interrupted = false;
    for (CompletableFuture<Void> f : futures) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          // keep waiting (the tasks write shared arrays), but let the tasks' stop checks see it
          interrupted = true;
          interruptSeen = true;
        } catch (ExecutionException e) {
          if (first == null) {
            Throwable cause = e.getCause();
            first = cause instanceof RuntimeException re ? re : new CompletionException(cause);
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Tells whether a thread waiting in {@link #run} was interrupted while it waited, in this or an
   * earlier call. Safe to call from any thread, in particular from the tasks' stop checks, which
   * cannot see the waiting thread's interrupt flag while it waits.
   *
   * @return {@code true} once such an interrupt happened
   */
  public boolean interruptSeen() {
    return interruptSeen;
  }

  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.shutdown();
    }
  }
}
