package dev.segmentation.allocation.quota;

import dev.segmentation.core.internal.TextTable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Revenue against potential and quota per rep and per rep and segment, made by
 * {@link AttainmentTracker}. {@link #toString()} prints both as aligned tables.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param reps one entry per rep: rep ids sorted, accounts without owner ({@code ""}) last; reps with a
 *     quota but no accounts are included with zero revenue
 * @param cells one entry per rep and segment with accounts, in rep order then segment order (sorted,
 *     {@code ""} last)
 * @since 0.1
 */
public record AttainmentReport(List<RepAttainment> reps, List<RepSegmentAttainment> cells) {

  /**
   * Validates and copies.
   *
   * @param reps reps
   * @param cells cells
   * @throws IllegalArgumentException when a rep repeats
   */
  public AttainmentReport {
    reps = List.copyOf(reps);
    cells = List.copyOf(cells);
    Set<String> seen = new HashSet<>();
    for (RepAttainment r : reps) {
      if (!seen.add(r.rep())) {
        throw new IllegalArgumentException("AttainmentReport: rep \"" + r.rep() + "\" is repeated.");
      }
    }
  }

  /**
   * Returns one rep's attainment.
   *
   * @param rep the rep id ({@code ""} for accounts without owner)
   * @return the rep's row
   * @throws IllegalArgumentException for an unknown rep
   */
  public RepAttainment rep(String rep) {
    Objects.requireNonNull(rep, "rep");
    for (RepAttainment r : reps) {
      if (r.rep().equals(rep)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Unknown rep \"" + rep + "\" in the attainment report.");
  }

  /**
   * Prints one line per rep, then one line per rep and segment.
   *
   * @return the text tables
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("AttainmentReport: ").append(reps.size()).append(" reps, ")
        .append(cells.size()).append(" rep-segment cells\n");
    TextTable t = new TextTable(List.of("rep", "accounts", "revenue", "potential", "share_of_wallet",
        "quota", "attainment"), new boolean[] {false, true, true, true, true, true, true});
    for (RepAttainment r : reps) {
      t.addRow(name(r.rep()), Integer.toString(r.accounts()), money(r.revenue()),
          money(r.potential()), pct(r.shareOfWallet()), money(r.quota()), pct(r.attainment()));
    }
    sb.append(t.render());
    TextTable c = new TextTable(List.of("rep", "segment", "accounts", "revenue", "potential",
        "share_of_wallet", "quota_contribution"),
        new boolean[] {false, false, true, true, true, true, true});
    for (RepSegmentAttainment r : cells) {
      c.addRow(name(r.rep()), name(r.segment()), Integer.toString(r.accounts()), money(r.revenue()),
          money(r.potential()), pct(r.shareOfWallet()), pct(r.quotaContribution()));
    }
    return sb.append(c.render()).toString();
  }

  private static String name(String s) {
    return s.isEmpty() ? "(none)" : s;
  }

  private static String money(double v) {
    return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%,.2f", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
