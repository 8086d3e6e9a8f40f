package dev.segmentation.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.testing.AllocationInstances;
import org.junit.jupiter.api.Test;

/**
 * {@link CoverageOption.Builder#segments} naming a segment no account belongs to is allowed (documented
 * there): one option catalogue serves subsets of the accounts, and a Spark template's sample table
 * has no segments. The option is then open to no account.
 */
class OptionSegmentValidationTest {

  private static CoverageOption vip(String... segments) {
    return CoverageOption.builder("vip", Channel.FIELD).cost(10).retention(0.99).effort(9)
        .segments(segments).build();
  }

  private static void assertNobodyTakesVip(AllocationProblem p, String what) {
    AllocationPlan plan = p.solve(SolveLimits.defaults().maxIterations(200));
    assertTrue(plan.isFeasible(), what + ": " + plan.status());
    for (int i = 0; i < p.accounts().rowCount(); i++) {
      assertNotEquals("vip", plan.option(i), what + ": account " + i + " takes an option of an absent segment");
    }
    AllocationProblem back = AllocationJson.readProblem(AllocationJson.write(p));
    assertEquals(p.options(), back.options(), what + ": the problem round-trips through JSON");
  }

  @Test
  void segmentedAccountsAndAnOptionForAnAbsentSegment() {
    AllocationProblem p = AllocationInstances.generate(40, 1, false, 0.5, false)
        .method(SolveMethod.LAGRANGIAN).parallelism(1).option(vip("Z")).build();
    assertNobodyTakesVip(p, "segments A, B, C; option for Z");
  }

  @Test
  void unsegmentedAccountsAsATemplateWouldHave() {
    AllocationProblem segmented = AllocationInstances.generate(40, 2, false, 0.5, false).build();
    AllocationProblem p = AllocationProblem.builder().accounts(segmented.accounts())
        .budget(10_000)
        .option(vip("A"))
        .option(CoverageOption.builder("phone", Channel.INSIDE).cost(20).retention(0.9).effort(1).build())
        .option(CoverageOption.none("none"))
        .responseModel(new ResponseModel("revenue", "potential", 0.25, 4, 1.0))
        .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
    assertNobodyTakesVip(p, "plain table; option for A");
  }
}
