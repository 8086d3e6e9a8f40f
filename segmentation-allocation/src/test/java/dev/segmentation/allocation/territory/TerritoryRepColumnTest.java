package dev.segmentation.allocation.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerritoryRepColumnTest {

  @Test
  void repColumnFollowsTheTableRowsByIdAndMarksAccountsOutOfScopeMissing() {
    TerritoryPlan plan = TerritoryProblem.builder().role("field")
        .reps(List.of(TerritoryRep.of("ann", "field", 10), TerritoryRep.of("bob", "field", 10)))
        .accounts(List.of(TerritoryAccount.of("a", 1, 1).lockedTo("bob"),
            TerritoryAccount.of("b", 1, 1).lockedTo("ann"), TerritoryAccount.of("idle", 0, 1)))
        .build().solve();
    AccountTable table = AccountTable.of(new String[] {"idle", "b", "zz", "a"},
        NumericColumn.of("x", new double[] {1, 2, 3, 4}));
    CategoricalColumn reps = plan.repColumn(table, "rep");
    assertEquals("rep", reps.name());
    assertEquals(List.of("", "ann", "", "bob"),
        List.of(reps.value(0).orElse(""), reps.value(1).orElse(""), reps.value(2).orElse(""),
            reps.value(3).orElse("")),
        "by id; no workload and unknown ids are missing");
  }
}
