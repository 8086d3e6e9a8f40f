package dev.segmentation.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.core.Segmentation;
import dev.segmentation.core.SegmentationException;
import dev.segmentation.core.model.Assignment;

/** Classifies the outcome of one bad-input case: a checked result or an allowed, documented exception. */
final class Outcomes {

  private Outcomes() {}

  /** One case's body. */
  interface Body {
    /**
     * Runs the case.
     *
     * @return a short description of the result
     * @throws Exception anything; classified by {@link #run}
     */
    String run() throws Exception;
  }

  /**
   * Runs a case and returns "ok: ..." or the simple name of the documented exception it threw. Fails on
   * any other throwable (NPE, index, class-cast, arithmetic, stack overflow) and on blank messages.
   */
  static String run(String name, Body body) {
    try {
      return "ok: " + body.run();
    } catch (SegmentationException | IllegalArgumentException | IllegalStateException e) {
      String m = e.getMessage();
      if (e instanceof dev.segmentation.core.ModelFormatException && m != null && m.startsWith("Cannot write")) {
        fail(name + ": a result that cannot be written as JSON (non-finite number): " + m, e);
      }
      assertFalse(m == null || m.isBlank(), name + ": blank message from " + e.getClass().getName());
      String first = m.lines().findFirst().orElse("");
      return e.getClass().getSimpleName() + ": " + (first.length() > 110 ? first.substring(0, 110) + "..." : first);
    } catch (Throwable t) {
      fail(name + ": undocumented failure " + t, t);
      throw new AssertionError(t);
    }
  }

  /** Asserts a case throws one of the given types (documented outcome). */
  static void assertRejects(String name, Body body, Class<?>... allowed) {
    String o = run(name, body);
    for (Class<?> c : allowed) {
      if (o.startsWith(c.getSimpleName() + ":")) {
        return;
      }
    }
    fail(name + ": expected one of " + java.util.Arrays.toString(allowed) + " but was " + o);
  }

  /** Asserts every account of a segmentation is assigned or carries a reason. */
  static String check(String name, Segmentation seg, int rows) {
    assertEquals(rows, seg.size(), name + ": one assignment per account");
    int unassigned = 0;
    for (Assignment a : seg.assignments()) {
      if (!a.isAssigned()) {
        assertTrue(a.unassignedReason().isPresent(), name + ": unassigned without a reason " + a);
        unassigned++;
      }
    }
    assertEquals(unassigned, seg.unassignedCount(), name + ": unassigned count");
    assertFalse(seg.toString().isBlank(), name);
    return rows + " rows, " + unassigned + " unassigned";
  }

  /** Asserts numbers are finite. */
  static void finite(String name, double... values) {
    for (double v : values) {
      assertTrue(Double.isFinite(v), name + ": non-finite number " + v);
    }
  }
}
