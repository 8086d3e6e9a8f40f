package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.profile.SegmentProfile;
import dev.segmentation.core.profile.SegmentProfiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of {@link SegmentProfiles}: the body of a {@code "segment-profiles"} document (written
 * only; there is no reader).
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "segment-profiles",
 *   "accountCount": 440,
 *   "assignedCount": 437,
 *   "numericColumns": ["Fresh", "Milk"],
 *   "valueColumns": ["Milk"],
 *   "categoricalColumns": ["Region"],
 *   "topCategories": 3,
 *   "groups": [
 *     {
 *       "segmentIndex": 0, "id": "A", "name": "Strategic", "unassignedReason": null,
 *       "accounts": 120, "accountShare": 0.2727,
 *       "numeric": [{"column": "Fresh", "count": 118, "missing": 2, "sum": .., "mean": ..,
 *                    "median": .., "min": .., "max": ..}],
 *       "valueShares": [{"column": "Milk", "sum": .., "share": ..}],
 *       "categorical": [{"column": "Region", "missing": 0,
 *                        "top": [{"label": "Lisbon", "count": 60, "share": 0.5}]}]
 *     },
 *     {"segmentIndex": -1, "id": "MISSING_VALUE", "name": "(unassigned)",
 *      "unassignedReason": "MISSING_VALUE", ...}
 *   ]
 * }
 * }</pre>
 *
 * Groups are the segments in model order, then one group per unassigned reason in enum order. A
 * statistic that is not defined ({@code NaN}, such as the mean of an all-missing column) or not finite
 * (a sum that includes an infinite value) is written as {@code null}.
 */
final class ProfileDtos {

  private ProfileDtos() {}

  /** Maps {@code NaN} and infinities to JSON {@code null}. */
  static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /**
   * The document body.
   *
   * @param accountCount accounts of the profiled table
   * @param assignedCount accounts with a segment
   * @param numericColumns profiled numeric columns
   * @param valueColumns value columns
   * @param categoricalColumns profiled categorical columns
   * @param topCategories the largest number of top categories per column
   * @param groups the row groups
   */
  @JsonPropertyOrder({"accountCount", "assignedCount", "numericColumns", "valueColumns",
      "categoricalColumns", "topCategories", "groups"})
  record SegmentProfilesDto(
      int accountCount,
      int assignedCount,
      List<String> numericColumns,
      List<String> valueColumns,
      List<String> categoricalColumns,
      int topCategories,
      List<GroupDto> groups) {

    static SegmentProfilesDto from(SegmentProfiles p) {
      List<GroupDto> groups = new ArrayList<>();
      for (SegmentProfile g : p.all()) {
        groups.add(GroupDto.from(g));
      }
      return new SegmentProfilesDto(p.accountCount(), p.assignedCount(), p.numericColumns(),
          p.valueColumns(), p.categoricalColumns(), p.topCategories(), groups);
    }
  }

  /**
   * One row group.
   *
   * @param segmentIndex the segment index, -1 for unassigned accounts
   * @param id the segment id, or the reason name for unassigned accounts
   * @param name the segment name, or {@code "(unassigned)"}
   * @param unassignedReason the reason name, {@code null} for a segment
   * @param accounts number of accounts
   * @param accountShare share of all accounts, {@code null} for an empty table
   * @param numeric numeric statistics
   * @param valueShares value shares
   * @param categorical top categories
   */
  @JsonPropertyOrder({"segmentIndex", "id", "name", "unassignedReason", "accounts", "accountShare",
      "numeric", "valueShares", "categorical"})
  record GroupDto(
      int segmentIndex,
      String id,
      String name,
      String unassignedReason,
      int accounts,
      Double accountShare,
      List<NumericDto> numeric,
      List<ValueShareDto> valueShares,
      List<CategoricalDto> categorical) {

    static GroupDto from(SegmentProfile g) {
      List<NumericDto> numeric = new ArrayList<>();
      for (SegmentProfile.NumericStats s : g.numeric()) {
        numeric.add(new NumericDto(s.column(), s.count(), s.missing(), finiteOrNull(s.sum()),
            finiteOrNull(s.mean()), finiteOrNull(s.median()), finiteOrNull(s.min()),
            finiteOrNull(s.max())));
      }
      List<ValueShareDto> shares = new ArrayList<>();
      for (SegmentProfile.ValueShare v : g.valueShares()) {
        shares.add(new ValueShareDto(v.column(), finiteOrNull(v.sum()), finiteOrNull(v.share())));
      }
      List<CategoricalDto> cats = new ArrayList<>();
      for (SegmentProfile.CategoryStats c : g.categorical()) {
        List<CategoryDto> top = new ArrayList<>();
        for (SegmentProfile.CategoryCount cc : c.top()) {
          top.add(new CategoryDto(cc.label(), cc.count(), finiteOrNull(cc.share())));
        }
        cats.add(new CategoricalDto(c.column(), c.missing(), top));
      }
      return new GroupDto(
          g.segment().map(Segment::index).orElse(-1),
          g.id(),
          g.name(),
          g.unassignedReason().map(Enum::name).orElse(null),
          g.accountCount(),
          finiteOrNull(g.accountShare()),
          numeric,
          shares,
          cats);
    }
  }

  /**
   * Statistics of one numeric column.
   *
   * @param column column name
   * @param count non-missing values
   * @param missing missing values
   * @param sum sum, or {@code null}
   * @param mean mean, or {@code null}
   * @param median median (Hyndman–Fan type 7), or {@code null}
   * @param min minimum, or {@code null}
   * @param max maximum, or {@code null}
   */
  @JsonPropertyOrder({"column", "count", "missing", "sum", "mean", "median", "min", "max"})
  record NumericDto(
      String column, int count, int missing, Double sum, Double mean, Double median, Double min,
      Double max) {}

  /**
   * The share of one value column.
   *
   * @param column column name
   * @param sum the group's sum, or {@code null}
   * @param share the share of the total over assigned accounts, or {@code null}
   */
  @JsonPropertyOrder({"column", "sum", "share"})
  record ValueShareDto(String column, Double sum, Double share) {}

  /**
   * Top categories of one categorical column.
   *
   * @param column column name
   * @param missing missing values
   * @param top categories by decreasing count
   */
  @JsonPropertyOrder({"column", "missing", "top"})
  record CategoricalDto(String column, int missing, List<CategoryDto> top) {}

  /**
   * One category.
   *
   * @param label the label
   * @param count accounts with the label
   * @param share count / group accounts
   */
  @JsonPropertyOrder({"label", "count", "share"})
  record CategoryDto(String label, int count, Double share) {}
}
