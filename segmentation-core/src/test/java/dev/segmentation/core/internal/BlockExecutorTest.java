package dev.segmentation.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Block results by task number, the first failure in task order, and interrupts while waiting. */
class BlockExecutorTest {

  @Test
  void everyTaskRunsOnceAndSlotsDoNotDependOnThreads() {
    for (int threads : new int[] {1, 2, 5}) {
      int[] slots = new int[97];
      AtomicInteger runs = new AtomicInteger();
      try (BlockExecutor exec = BlockExecutor.create(threads, null)) {
        exec.run(slots.length, t -> {
          slots[t] = t * t;
          runs.incrementAndGet();
        });
      }
      int[] expected = new int[97];
      for (int t = 0; t < expected.length; t++) {
        expected[t] = t * t;
      }
      assertArrayEquals(expected, slots, threads + " threads");
      assertEquals(97, runs.get(), threads + " threads");
    }
  }

  @Test
  void theFirstFailureInTaskOrderIsRethrown() {
    IllegalStateException early = new IllegalStateException("task 3");
    AtomicInteger ended = new AtomicInteger();
    try (BlockExecutor exec = BlockExecutor.create(3, null)) {
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> exec.run(40, t -> {
        ended.incrementAndGet();
        if (t == 3) {
          throw early;
        }
        if (t == 30) {
          throw new IllegalArgumentException("task 30");
        }
      }));
      assertSame(early, thrown);
    }
    // a failure ends its own chunk of tasks only; task 30 (another chunk) ran and failed too
    assertTrue(ended.get() > 30, "tasks run: " + ended.get());
  }

  @Test
  void anInterruptWhileWaitingIsSeenByTheTasksAndTheFlagIsSetAgain() throws Exception {
    AtomicBoolean tasksSawIt = new AtomicBoolean();
    AtomicBoolean flagAfter = new AtomicBoolean();
    AtomicBoolean seenBefore = new AtomicBoolean(true);
    CountDownLatch started = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try (BlockExecutor exec = BlockExecutor.create(2, null)) {
        seenBefore.set(exec.interruptSeen());
        exec.run(2, t -> {
          started.countDown();
          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
          while (!exec.interruptSeen() && System.nanoTime() < until) {
            Thread.onSpinWait();
          }
          if (exec.interruptSeen()) {
            tasksSawIt.set(true);
          }
        });
        flagAfter.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    assertTrue(started.await(20, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(30_000);
    assertFalse(caller.isAlive());
    assertFalse(seenBefore.get(), "nothing seen before the interrupt");
    assertTrue(tasksSawIt.get(), "the tasks see the interrupt of the waiting thread");
    assertTrue(flagAfter.get(), "the waiting thread's flag is set again when run returns");
  }
}
