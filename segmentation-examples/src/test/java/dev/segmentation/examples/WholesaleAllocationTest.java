package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WholesaleAllocationTest {

  @Test
  void plansCoverageWithinLimits() {
    String report = WholesaleAllocation.run(BundledData.path("wholesale_customers.csv"));
    assertTrue(report.contains("AllocationPlan: OPTIMAL") || report.contains("AllocationPlan: FEASIBLE"),
        "a feasible plan:\n" + report);
    assertFalse(report.contains("INFEASIBLE"), "not infeasible:\n" + report);
    assertTrue(report.contains("Shadow prices: field"), "shadow prices are reported:\n" + report);
    assertTrue(report.contains("Why account 1: Explanation[accountId=1"), "explanation:\n" + report);
  }
}
