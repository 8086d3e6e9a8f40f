package dev.segmentation.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.insight.WalletReport;
import dev.segmentation.core.insight.Whitespace;
import org.junit.jupiter.api.Test;

/**
 * Regression cases from the bad-input matrix: whitespace and wallet reports used to return infinite or
 * NaN totals (which then failed to write as JSON) for infinite or huge revenue and potential.
 */
class InsightRegressionTest {

  private static AccountTable table(double r0, double p0, double r1, double p1) {
    return AccountTable.builder().numeric("rev").numeric("pot")
        .addRow("a-1", r0, p0).addRow("a-2", r1, p1).build();
  }

  @Test
  void whitespaceRejectsAnInfiniteRevenueNamingTheAccount() {
    DataValidationException e = assertThrows(DataValidationException.class, () -> Whitespace.builder()
        .revenue("rev").potential("pot").build().compute(table(1, 2, Double.POSITIVE_INFINITY, 2)));
    assertEquals("a-2", e.accountId().orElseThrow(), e.getMessage());
    assertTrue(e.getMessage().contains("'rev'") && e.getMessage().contains("Infinity"), e.getMessage());
  }

  @Test
  void whitespaceRejectsATotalThatOverflows() {
    DataValidationException e = assertThrows(DataValidationException.class, () -> Whitespace.builder()
        .revenue("rev").potential("pot").build().compute(table(0, 1e308, 0, 1e308)));
    assertTrue(e.getMessage().contains("overflows"), e.getMessage());
  }

  @Test
  void walletReportRejectsAnInfinitePotential() {
    DataValidationException e = assertThrows(DataValidationException.class, () -> WalletReport
        .builder(table(1, Double.NEGATIVE_INFINITY, 1, 2)).revenue("rev").potential("pot").build());
    assertEquals("a-1", e.accountId().orElseThrow(), e.getMessage());
  }

  @Test
  void walletReportRejectsTotalsAndSharesThatOverflow() {
    assertThrows(DataValidationException.class, () -> WalletReport.builder(table(1e308, 1, 1e308, 1))
        .revenue("rev").potential("pot").build());
    DataValidationException e = assertThrows(DataValidationException.class, () -> WalletReport
        .builder(table(1e10, 1e-300, 0, 0)).revenue("rev").potential("pot").build());
    assertTrue(e.getMessage().contains("share of wallet"), e.getMessage());
  }
}
