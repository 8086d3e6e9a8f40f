package dev.segmentation.core;

import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of assigning a table with a segment model: for every account, in table order, a segment
 * index or {@link Assignment#UNASSIGNED} with an {@link UnassignedReason}. Nothing is dropped: the
 * number of assignments always equals the number of accounts.
 *
 * <pre>{@code
 * Segmentation seg = model.assign(accounts);
 * System.out.println(seg);                 // accounts and share per segment, unassigned by reason
 * int[] counts = seg.counts();
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads. A segmentation keeps a reference to
 * the table it was computed from, for profiles.
 *
 * @since 0.1
 */
public final class Segmentation {

  private final AccountTable table;
  private final List<Segment> segments;
  private final int[] segmentOf;
  private final UnassignedReason[] reasons;
  private final String[] details;

  private Segmentation(
      AccountTable table, List<Segment> segments, int[] segmentOf, UnassignedReason[] reasons,
      String[] details) {
    this.table = table;
    this.segments = segments;
    this.segmentOf = segmentOf;
    this.reasons = reasons;
    this.details = details;
  }

  /**
   * Creates a segmentation (as models do).
   *
   * @param table the assigned accounts
   * @param segments the model's segments, {@code segments.get(i).index() == i}
   * @param segmentOf one segment index per account, or {@link Assignment#UNASSIGNED}; copied
   * @param reasons one entry per account: {@code null} when assigned, the reason when unassigned; copied
   * @param details one entry per account: detail text for unassigned accounts, {@code null} or empty
   *     otherwise; copied
   * @return the segmentation
   * @throws IllegalArgumentException when lengths differ from the number of accounts, an index is out
   *     of range, or reasons do not match unassigned accounts
   */
  public static Segmentation of(
      AccountTable table, List<Segment> segments, int[] segmentOf, UnassignedReason[] reasons,
      String[] details) {
    Objects.requireNonNull(table, "table");
    List<Segment> segs = List.copyOf(segments);
    int n = table.rowCount();
    if (segmentOf.length != n || reasons.length != n || details.length != n) {
      throw new IllegalArgumentException("Segmentation arrays must have one entry per account (" + n
          + "), had " + segmentOf.length + ", " + reasons.length + ", " + details.length + ".");
    }
    for (int i = 0; i < segs.size(); i++) {
      if (segs.get(i).index() != i) {
        throw new IllegalArgumentException(
            "Segment " + segs.get(i).id() + " has index " + segs.get(i).index() + ", expected " + i + ".");
      }
    }
    int[] s = segmentOf.clone();
    UnassignedReason[] r = reasons.clone();
    String[] d = new String[n];
    int k = segs.size();
    for (int i = 0; i < n; i++) {
      if (s[i] >= 0 && s[i] < k && r[i] == null) {
        continue; // assigned: no reason, no detail (the common case, kept cheap)
      }
      if (s[i] < Assignment.UNASSIGNED || s[i] >= segs.size()) {
        throw new IllegalArgumentException("Account \"" + table.id(i) + "\": segment index " + s[i]
            + " is not -1 or in [0, " + segs.size() + ").");
      }
      if ((s[i] == Assignment.UNASSIGNED) != (r[i] != null)) {
        throw new IllegalArgumentException("Account \"" + table.id(i)
            + "\": a reason must be given exactly when the account is unassigned.");
      }
      d[i] = details[i] == null ? "" : details[i];
    }
    return new Segmentation(table, segs, s, r, d);
  }

  /**
   * Returns the assigned table.
   *
   * @return the table
   */
  public AccountTable table() {
    return table;
  }

  /**
   * Returns the model's segments.
   *
   * @return an unmodifiable list
   */
  public List<Segment> segments() {
    return segments;
  }

  /**
   * Returns the number of accounts.
   *
   * @return the number of assignments
   */
  public int size() {
    return segmentOf.length;
  }

  /**
   * Returns the segment index of a row.
   *
   * @param row 0-based row
   * @return the segment index, or {@link Assignment#UNASSIGNED}
   * @throws IndexOutOfBoundsException when the row is out of range
   */
  public int segmentIndex(int row) {
    return segmentOf[Objects.checkIndex(row, segmentOf.length)];
  }

  /**
   * Returns a copy of all segment indices.
   *
   * @return one index per account, {@link Assignment#UNASSIGNED} for unassigned accounts
   */
  public int[] segmentIndices() {
    return segmentOf.clone();
  }

  /**
   * Returns the assignment of a row.
   *
   * @param row 0-based row
   * @return the assignment
   * @throws IndexOutOfBoundsException when the row is out of range
   */
  public Assignment assignment(int row) {
    int s = segmentIndex(row);
    return s == Assignment.UNASSIGNED
        ? Assignment.unassigned(table.id(row), reasons[row], details[row] == null ? "" : details[row])
        : Assignment.of(table.id(row), s);
  }

  /**
   * Returns every assignment in table order.
   *
   * @return an unmodifiable list of {@link #size()} assignments
   */
  public List<Assignment> assignments() {
    List<Assignment> out = new ArrayList<>(segmentOf.length);
    for (int i = 0; i < segmentOf.length; i++) {
      out.add(assignment(i));
    }
    return List.copyOf(out);
  }

  /**
   * Counts the accounts of each segment.
   *
   * @return an array indexed by segment index
   */
  public int[] counts() {
    int[] c = new int[segments.size()];
    for (int s : segmentOf) {
      if (s >= 0) {
        c[s]++;
      }
    }
    return c;
  }

  /**
   * Counts the unassigned accounts.
   *
   * @return the number of accounts without a segment
   */
  public int unassignedCount() {
    int u = 0;
    for (int s : segmentOf) {
      if (s == Assignment.UNASSIGNED) {
        u++;
      }
    }
    return u;
  }

  /**
   * Counts the unassigned accounts by reason.
   *
   * @return a map in {@link UnassignedReason} order, without zero counts
   */
  public Map<UnassignedReason, Integer> unassignedByReason() {
    Map<UnassignedReason, Integer> m = new EnumMap<>(UnassignedReason.class);
    for (UnassignedReason r : reasons) {
      if (r != null) {
        m.merge(r, 1, Integer::sum);
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Returns the rows of one segment, in table order.
   *
   * @param segment a segment index, or {@link Assignment#UNASSIGNED}
   * @return the 0-based rows
   */
  public int[] rowsOf(int segment) {
    int[] out = new int[segmentOf.length];
    int n = 0;
    for (int i = 0; i < segmentOf.length; i++) {
      if (segmentOf[i] == segment) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Compares table, segments and every assignment.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Segmentation other
        && segments.equals(other.segments)
        && Arrays.equals(segmentOf, other.segmentOf)
        && Arrays.equals(reasons, other.reasons)
        && Arrays.equals(details, other.details)
        && table.equals(other.table);
  }

  @Override
  public int hashCode() {
    return Objects.hash(segments, Arrays.hashCode(segmentOf), Arrays.hashCode(reasons));
  }

  /**
   * Prints accounts and share per segment, then unassigned accounts by reason, as an aligned table.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    int n = segmentOf.length;
    int[] c = counts();
    TextTable t = new TextTable(
        List.of("segment", "id", "accounts", "share"), new boolean[] {false, false, true, true});
    for (Segment s : segments) {
      t.addRow(s.name(), s.id(), Integer.toString(c[s.index()]), share(c[s.index()], n));
    }
    for (Map.Entry<UnassignedReason, Integer> e : unassignedByReason().entrySet()) {
      t.addRow("(unassigned)", e.getKey().toString(), e.getValue().toString(), share(e.getValue(), n));
    }
    return "Segmentation: " + n + " accounts, " + segments.size() + " segments, "
        + unassignedCount() + " unassigned\n" + t.render();
  }

  private static String share(int count, int n) {
    return n == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / n);
  }
}
