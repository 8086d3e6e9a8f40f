package dev.segmentation.allocation.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Totals that overflow: each value is finite, a rep's (or a rep and segment's) sum is not. */
class AttainmentOverflowTest {

  private static AccountTable table(double[] revenue, double[] potential) {
    return AccountTable.of(new String[] {"c1", "c2", "c3"},
        CategoricalColumn.of("rep", new String[] {"ana", "ana", "ben"}),
        CategoricalColumn.of("tier", new String[] {"A", "B", "A"}),
        NumericColumn.of("revenue", revenue), NumericColumn.of("potential", potential));
  }

  @Test
  void overflowingRevenueNamesTheRepAndColumn() {
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> AttainmentTrackerTest.TRACKER.track(table(new double[] {1e308, 1e308, 1},
            new double[] {1, 1, 1}), Map.of("ana", 5.0)));
    assertEquals("Column 'revenue': the total of rep \"ana\" over 2 accounts is Infinity (the sum "
        + "overflows); expected a finite total. Scale the column down (for example to thousands).",
        e.getMessage());
    assertEquals("revenue", e.column().orElseThrow(), "column");
  }

  @Test
  void overflowingPotentialIsCaughtToo() {
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> AttainmentTrackerTest.TRACKER.track(table(new double[] {1, 1, 1},
            new double[] {1.7e308, 1.7e308, 1}), Map.of()));
    assertEquals("potential", e.column().orElseThrow(), e.getMessage());
  }

  @Test
  void largeFiniteTotalsAreFine() {
    AttainmentReport r = AttainmentTrackerTest.TRACKER.track(table(new double[] {8e307, 8e307, 1e308},
        new double[] {1e307, 1e307, 1}), Map.of("ana", 1.0));
    assertEquals(1.6e308, r.rep("ana").revenue(), 1e293, "ana's revenue");
  }
}
