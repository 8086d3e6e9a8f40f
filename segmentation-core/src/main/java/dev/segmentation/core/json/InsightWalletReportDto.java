package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.segmentation.core.insight.WalletBand;
import dev.segmentation.core.insight.WalletGroup;
import dev.segmentation.core.insight.WalletReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of a {@link WalletReport}: the body of a {@code "wallet-report"} document (written only;
 * a report, like segment profiles).
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "wallet-report",
 *   "revenueColumn": "revenue",
 *   "potentialColumn": "potential",
 *   "bands": ["0-25%", "25-50%", "50-75%", "75-100%", ">100%", "n/a"],
 *   "groups": [
 *     {"dimension": "all", "label": "all", "accounts": 6, "revenue": 165.0, "potential": 300.0,
 *      "shareOfWallet": 0.55, "bandCounts": [1, 0, 1, 1, 1, 2]}
 *   ]
 * }
 * }</pre>
 *
 * A share of wallet that is not defined ({@code NaN}) is written as {@code null}.
 */
@JsonPropertyOrder({"revenueColumn", "potentialColumn", "bands", "groups"})
record InsightWalletReportDto(
    String revenueColumn, String potentialColumn, List<String> bands, List<GroupDto> groups) {

  /**
   * One group.
   *
   * @param dimension the dimension
   * @param label the label
   * @param accounts accounts
   * @param revenue revenue sum
   * @param potential potential sum
   * @param shareOfWallet share, or {@code null}
   * @param bandCounts accounts per band
   */
  @JsonPropertyOrder({"dimension", "label", "accounts", "revenue", "potential", "shareOfWallet",
      "bandCounts"})
  record GroupDto(String dimension, String label, int accounts, double revenue, double potential,
      Double shareOfWallet, List<Integer> bandCounts) {}

  static InsightWalletReportDto from(WalletReport r) {
    List<String> bands = new ArrayList<>();
    for (WalletBand b : WalletBand.values()) {
      bands.add(b.label());
    }
    List<GroupDto> groups = new ArrayList<>();
    for (WalletGroup g : r.groups()) {
      groups.add(new GroupDto(g.dimension(), g.label(), g.accounts(), g.revenue(), g.potential(),
          ProfileDtos.finiteOrNull(g.shareOfWallet()), g.bandCounts()));
    }
    return new InsightWalletReportDto(r.revenueColumn(), r.potentialColumn(), bands, groups);
  }
}
