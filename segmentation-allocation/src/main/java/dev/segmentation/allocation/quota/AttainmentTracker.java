package dev.segmentation.allocation.quota;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Tracks attainment: for each rep and each segment, revenue against potential (share of wallet) and
 * against quota. Definitions are in {@link RepAttainment} and {@link RepSegmentAttainment}.
 *
 * <pre>{@code
 * AttainmentTracker tracker = AttainmentTracker.builder()
 *     .ownerColumn("rep").revenueColumn("revenue_ytd").potentialColumn("potential")
 *     .segmentColumn("tier")                   // or track(segmentation, ...) for model segments
 *     .build();
 * AttainmentReport report = tracker.track(accounts, quotaPlan.quotasByRep());
 * System.out.println(report);                  // per rep, then per rep and segment
 * }</pre>
 *
 * <p>Every account is counted once: accounts without owner under rep {@code ""}, accounts without
 * segment under segment {@code ""}. Sums are taken in table order, so the same input gives the same
 * report.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class AttainmentTracker {

  private final String ownerColumn;
  private final String revenueColumn;
  private final String potentialColumn;
  private final String segmentColumn;

  private AttainmentTracker(Builder b) {
    this.ownerColumn = b.ownerColumn;
    this.revenueColumn = b.revenueColumn;
    this.potentialColumn = b.potentialColumn;
    this.segmentColumn = b.segmentColumn;
  }

  /**
   * Starts a tracker.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  static void checkAmounts(String what, int accounts, double revenue, double potential, double quota) {
    if (accounts < 0) {
      throw new IllegalArgumentException(
          "Attainment of " + what + ": accounts must be >= 0, was " + accounts + ".");
    }
    if (!(Double.isFinite(revenue) && revenue >= 0 && Double.isFinite(potential) && potential >= 0)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "Attainment of %s: revenue and "
          + "potential must be finite and >= 0, were %s and %s.", what, revenue, potential));
    }
    if (!(Double.isNaN(quota) || (Double.isFinite(quota) && quota >= 0))) {
      throw new IllegalArgumentException(
          "Attainment of " + what + ": quota must be finite and >= 0 (NaN: none), was " + quota + ".");
    }
  }

  /**
   * Tracks the accounts of a table; segments come from the segment column, or all accounts are in
   * segment {@code ""} when the tracker has none.
   *
   * @param table the accounts
   * @param quotas quota per rep id (for example {@link QuotaPlan#quotasByRep()}); finite,
   *     {@code >= 0}
   * @return the report
   * @throws IllegalArgumentException when a column is missing or of the wrong type, or a quota is
   *     negative or not finite
   * @throws DataValidationException for a missing, negative or infinite revenue or potential (the
   *     message names the account and column), or a rep's total revenue or potential that overflows
   *     (the message names the rep and column)
   */
  public AttainmentReport track(AccountTable table, Map<String, Double> quotas) {
    Objects.requireNonNull(table, "table");
    String[] segment = new String[table.rowCount()];
    if (segmentColumn == null) {
      java.util.Arrays.fill(segment, "");
    } else {
      CategoricalColumn c = table.categorical(segmentColumn);
      for (int i = 0; i < segment.length; i++) {
        segment[i] = c.value(i).orElse("");
      }
    }
    return track(table, segment, quotas);
  }

  /**
   * Tracks the accounts of a segmentation; each account's segment is its segment id ({@code ""} when
   * unassigned) and the tracker's segment column, if any, is not used.
   *
   * @param segmentation the accounts and their segments
   * @param quotas quota per rep id; finite, {@code >= 0}
   * @return the report
   * @throws IllegalArgumentException when a column is missing or of the wrong type, or a quota is
   *     negative or not finite
   * @throws DataValidationException for a missing, negative or infinite revenue or potential, or a
   *     rep's total revenue or potential that overflows (the message names the rep and column)
   */
  public AttainmentReport track(Segmentation segmentation, Map<String, Double> quotas) {
    Objects.requireNonNull(segmentation, "segmentation");
    String[] segment = new String[segmentation.size()];
    for (int i = 0; i < segment.length; i++) {
      int s = segmentation.segmentIndex(i);
      segment[i] = s == Assignment.UNASSIGNED ? "" : segmentation.segments().get(s).id();
    }
    return track(segmentation.table(), segment, quotas);
  }

  private AttainmentReport track(AccountTable table, String[] segment, Map<String, Double> quotas) {
    Comparator<String> order = Comparator.comparing(String::isEmpty)
        .thenComparing(Comparator.naturalOrder());
    Map<String, Double> q = new TreeMap<>(order);
    for (Map.Entry<String, Double> e : quotas.entrySet()) {
      double v = Objects.requireNonNull(e.getValue(), "quota");
      if (!(Double.isFinite(v) && v >= 0)) {
        throw new IllegalArgumentException("Quota of rep \"" + e.getKey()
            + "\" must be finite and >= 0, was " + v + ".");
      }
      q.put(Objects.requireNonNull(e.getKey(), "rep id"), v);
    }
    CategoricalColumn owner = table.categorical(ownerColumn);
    double[] revenue = RepFigures.values(table, revenueColumn);
    double[] potential = RepFigures.values(table, potentialColumn);
    Map<String, double[]> reps = new TreeMap<>(order);
    Map<String, Map<String, double[]>> cells = new TreeMap<>(order);
    for (String rep : q.keySet()) {
      reps.put(rep, new double[3]);
    }
    for (int i = 0; i < table.rowCount(); i++) {
      String rep = owner.value(i).orElse("");
      double[] r = reps.computeIfAbsent(rep, k -> new double[3]);
      r[0]++;
      r[1] += revenue[i];
      r[2] += potential[i];
      double[] c = cells.computeIfAbsent(rep, k -> new TreeMap<>(order))
          .computeIfAbsent(segment[i], k -> new double[3]);
      c[0]++;
      c[1] += revenue[i];
      c[2] += potential[i];
    }
    for (Map.Entry<String, double[]> e : reps.entrySet()) {
      finiteTotals(e.getKey(), null, e.getValue());
      for (Map.Entry<String, double[]> c : cells.getOrDefault(e.getKey(), Map.of()).entrySet()) {
        finiteTotals(e.getKey(), c.getKey(), c.getValue());
      }
    }
    List<RepAttainment> outReps = new ArrayList<>();
    List<RepSegmentAttainment> outCells = new ArrayList<>();
    for (Map.Entry<String, double[]> e : reps.entrySet()) {
      double quota = q.getOrDefault(e.getKey(), Double.NaN);
      double[] r = e.getValue();
      outReps.add(new RepAttainment(e.getKey(), (int) r[0], r[1], r[2], quota));
      for (Map.Entry<String, double[]> c : cells.getOrDefault(e.getKey(), Map.of()).entrySet()) {
        double[] v = c.getValue();
        outCells.add(new RepSegmentAttainment(e.getKey(), c.getKey(), (int) v[0], v[1], v[2], quota));
      }
    }
    return new AttainmentReport(outReps, outCells);
  }

  /** Rejects a revenue or potential total that overflowed (each value is finite, the sum is not). */
  private void finiteTotals(String rep, String segment, double[] sums) {
    for (int f = 1; f <= 2; f++) {
      if (!Double.isFinite(sums[f])) {
        String column = f == 1 ? revenueColumn : potentialColumn;
        throw new DataValidationException(String.format(Locale.ROOT,
            "Column '%s': the total of rep \"%s\"%s over %d accounts is %s (the sum overflows); "
                + "expected a finite total. Scale the column down (for example to thousands).",
            column, rep, segment == null ? "" : " in segment \"" + segment + "\"", (long) sums[0],
            sums[f]), null, column, -1, null);
      }
    }
  }

  /**
   * Describes the tracker in one line.
   *
   * @return for example {@code AttainmentTracker[owner=rep, revenue=revenue, potential=potential,
   *     segment=tier]}
   */
  @Override
  public String toString() {
    return "AttainmentTracker[owner=" + ownerColumn + ", revenue=" + revenueColumn + ", potential="
        + potentialColumn + ", segment=" + (segmentColumn == null ? "none" : segmentColumn) + "]";
  }

  /**
   * Builder of {@link AttainmentTracker}. Mutable and not thread-safe; {@link #build()} validates.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String ownerColumn;
    private String revenueColumn;
    private String potentialColumn;
    private String segmentColumn;

    private Builder() {}

    /**
     * Sets the categorical column with each account's rep id (required).
     *
     * @param column the column name
     * @return this builder
     */
    public Builder ownerColumn(String column) {
      this.ownerColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Sets the numeric column with each account's revenue (required).
     *
     * @param column the column name
     * @return this builder
     */
    public Builder revenueColumn(String column) {
      this.revenueColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Sets the numeric column with each account's potential (required).
     *
     * @param column the column name
     * @return this builder
     */
    public Builder potentialColumn(String column) {
      this.potentialColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Sets the categorical column with each account's segment (optional; without it, tables are
     * tracked as one segment {@code ""} and segmentations by their segments).
     *
     * @param column the column name
     * @return this builder
     */
    public Builder segmentColumn(String column) {
      this.segmentColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Validates and builds the tracker.
     *
     * @return the immutable tracker
     * @throws IllegalStateException when the owner, revenue or potential column is not set
     */
    public AttainmentTracker build() {
      if (ownerColumn == null || revenueColumn == null || potentialColumn == null) {
        throw new IllegalStateException("AttainmentTracker needs ownerColumn(...), revenueColumn(...) "
            + "and potentialColumn(...).");
      }
      return new AttainmentTracker(this);
    }
  }
}
