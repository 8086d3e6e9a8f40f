package dev.segmentation.core.insight;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.internal.InsightSupport;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.model.Segment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Performance against potential per group (segment, rep, territory): revenue, potential, share of
 * wallet and the distribution of accounts by share-of-wallet band.
 *
 * <pre>{@code
 * WalletReport r = WalletReport.builder(accounts)
 *     .revenue("revenue").potential("potential")
 *     .bySegment(segmentation)
 *     .byColumn("rep")
 *     .build();
 * System.out.println(r);
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li><b>Share of wallet</b> of an account = revenue / potential; its {@link WalletBand} follows
 *       {@link WalletBand#of(double, double)}: a positive revenue with potential 0 is above 100%,
 *       revenue and potential both 0, a negative potential or a missing value is
 *       {@link WalletBand#UNDEFINED}.
 *   <li><b>Group revenue and potential</b> are sums over the group's accounts that have both values
 *       (so the ratio compares like with like); accounts with a missing value count in the group's
 *       accounts and in the {@code UNDEFINED} band only.
 *   <li><b>Group share of wallet</b> = group revenue / group potential, {@code NaN} when the group
 *       potential is not positive.
 *   <li><b>Groups</b>: first one group {@code all} with every account; then, with
 *       {@link Builder#bySegment(Segmentation)}, one per segment in model order (empty ones
 *       included) and {@code (unassigned)} when some account has no segment; then, for each
 *       {@link Builder#byColumn(String)}, one per label sorted by {@link String#compareTo(String)}
 *       (the empty label holds accounts with a missing value).
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class WalletReport {

  private final String revenueColumn;
  private final String potentialColumn;
  private final List<WalletGroup> groups;

  private WalletReport(String revenueColumn, String potentialColumn, List<WalletGroup> groups) {
    this.revenueColumn = revenueColumn;
    this.potentialColumn = potentialColumn;
    this.groups = List.copyOf(groups);
  }

  /**
   * Starts a builder.
   *
   * @param table the accounts
   * @return a new builder
   */
  public static Builder builder(AccountTable table) {
    return new Builder(Objects.requireNonNull(table, "table"));
  }

  /**
   * Returns the revenue column.
   *
   * @return the name
   */
  public String revenueColumn() {
    return revenueColumn;
  }

  /**
   * Returns the potential column.
   *
   * @return the name
   */
  public String potentialColumn() {
    return potentialColumn;
  }

  /**
   * Returns every group: the total, then segments, then column groups.
   *
   * @return an unmodifiable list
   */
  public List<WalletGroup> groups() {
    return groups;
  }

  /**
   * Returns the groups of one dimension.
   *
   * @param dimension {@code "all"}, {@code "segment"} or a column name
   * @return an unmodifiable list, empty when the report has no such dimension
   */
  public List<WalletGroup> groups(String dimension) {
    Objects.requireNonNull(dimension, "dimension");
    List<WalletGroup> out = new ArrayList<>();
    for (WalletGroup g : groups) {
      if (g.dimension().equals(dimension)) {
        out.add(g);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the group of all accounts.
   *
   * @return the total
   */
  public WalletGroup total() {
    return groups.get(0);
  }

  /**
   * Compares columns and groups.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof WalletReport r && revenueColumn.equals(r.revenueColumn)
        && potentialColumn.equals(r.potentialColumn) && groups.equals(r.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revenueColumn, potentialColumn, groups);
  }

  /**
   * Prints one row per group as an aligned table.
   *
   * @return the text
   */
  @Override
  public String toString() {
    List<String> headers = new ArrayList<>(List.of("group", "label", "accounts", revenueColumn,
        potentialColumn, "share"));
    for (WalletBand b : WalletBand.values()) {
      headers.add(b.label());
    }
    boolean[] right = new boolean[headers.size()];
    for (int j = 2; j < right.length; j++) {
      right[j] = true;
    }
    int n = groups.size();
    double[] rev = new double[n];
    double[] pot = new double[n];
    for (int i = 0; i < n; i++) {
      rev[i] = groups.get(i).revenue();
      pot[i] = groups.get(i).potential();
    }
    String[] rc = TextTable.formatNumbers(rev);
    String[] pc = TextTable.formatNumbers(pot);
    TextTable t = new TextTable(headers, right);
    for (int i = 0; i < n; i++) {
      WalletGroup g = groups.get(i);
      List<String> row = new ArrayList<>(List.of(g.dimension(), g.label(),
          Integer.toString(g.accounts()), rc[i], pc[i],
          Double.isNaN(g.shareOfWallet()) ? "NA"
              : String.format(Locale.ROOT, "%.1f%%", 100 * g.shareOfWallet())));
      for (int c : g.bandCounts()) {
        row.add(Integer.toString(c));
      }
      t.addRow(row.toArray(new String[0]));
    }
    return "WalletReport: " + revenueColumn + " vs " + potentialColumn + ", " + n + " groups\n"
        + t.render();
  }

  /**
   * Builds a {@link WalletReport}. Mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final AccountTable table;
    private String revenue;
    private String potential;
    private Segmentation segmentation;
    private final Set<String> columns = new LinkedHashSet<>();

    private Builder(AccountTable table) {
      this.table = table;
    }

    /**
     * Sets the revenue column (required).
     *
     * @param column the numeric column name
     * @return this builder
     */
    public Builder revenue(String column) {
      this.revenue = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Sets the potential column (required).
     *
     * @param column the numeric column name
     * @return this builder
     */
    public Builder potential(String column) {
      this.potential = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Adds one group per segment (accounts matched by id).
     *
     * @param segmentation the segmentation
     * @return this builder
     */
    public Builder bySegment(Segmentation segmentation) {
      this.segmentation = Objects.requireNonNull(segmentation, "segmentation");
      return this;
    }

    /**
     * Adds one group per label of a column (rep, territory; any type).
     *
     * @param column the column name
     * @return this builder
     * @throws IllegalStateException when the column is added twice
     */
    public Builder byColumn(String column) {
      if (!columns.add(Objects.requireNonNull(column, "column"))) {
        throw new IllegalStateException("Column '" + column + "' is added twice.");
      }
      return this;
    }

    /**
     * Computes the report.
     *
     * @return the report
     * @throws IllegalStateException when revenue or potential is not set
     * @throws IllegalArgumentException when a column is unknown or not numeric
     * @throws DataValidationException when a revenue or potential value is infinite, or a group's
     *     totals or share of wallet overflow
     */
    public WalletReport build() {
      if (revenue == null || potential == null) {
        throw new IllegalStateException("WalletReport needs revenue(column) and potential(column).");
      }
      double[] rev = InsightSupport.finiteNumeric(table, revenue, "revenue column");
      double[] pot = InsightSupport.finiteNumeric(table, potential, "potential column");
      int n = table.rowCount();
      List<WalletGroup> out = new ArrayList<>();
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      out.add(group("all", "all", all, n, rev, pot));
      if (segmentation != null) {
        int[] seg = InsightSupport.segmentsById(segmentation, table);
        List<Segment> segs = segmentation.segments();
        for (int s = -1; s < segs.size(); s++) {
          int[] rows = new int[n];
          int c = 0;
          for (int i = 0; i < n; i++) {
            if (seg[i] == s) {
              rows[c++] = i;
            }
          }
          if (s >= 0 || c > 0) {
            out.add(group("segment", s >= 0 ? segs.get(s).id() : "(unassigned)", rows, c, rev, pot));
          }
        }
        // unassigned first in the loop above; move it to the end
        for (int j = 0; j < out.size(); j++) {
          if (out.get(j).label().equals("(unassigned)") && out.get(j).dimension().equals("segment")) {
            out.add(out.remove(j));
            break;
          }
        }
      }
      for (String column : columns) {
        String[] labels = InsightSupport.labels(table, column);
        TreeMap<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < n; i++) {
          byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        for (var e : byLabel.entrySet()) {
          int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
          out.add(group(column, e.getKey(), rows, rows.length, rev, pot));
        }
      }
      return new WalletReport(revenue, potential, out);
    }

    private WalletGroup group(String dimension, String label, int[] rows, int count,
        double[] rev, double[] pot) {
      double r = 0;
      double p = 0;
      Integer[] bands = new Integer[WalletBand.values().length];
      int[] counts = new int[bands.length];
      for (int k = 0; k < count; k++) {
        int i = rows[k];
        counts[WalletBand.of(rev[i], pot[i]).ordinal()]++;
        if (!Double.isNaN(rev[i]) && !Double.isNaN(pot[i])) {
          r += rev[i];
          p += pot[i];
        }
      }
      String group = dimension.equals("all") ? "all accounts" : dimension + " '" + label + "'";
      InsightSupport.finiteTotal(r, "the revenue total of " + group, revenue);
      InsightSupport.finiteTotal(p, "the potential total of " + group, potential);
      for (int b = 0; b < bands.length; b++) {
        bands[b] = counts[b];
      }
      double share = p > 0 ? r / p : Double.NaN;
      InsightSupport.finiteTotal(share, "the share of wallet (revenue / potential) of " + group,
          potential);
      return new WalletGroup(dimension, label, count, r, p, share,
          List.of(bands));
    }
  }
}
