package dev.segmentation.core.insight;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Row;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.internal.InsightSupport;
import dev.segmentation.core.model.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which accounts are the "best customers" that {@link Lookalike} compares every account with: the
 * accounts of one segment, accounts chosen by id or by a predicate, or the top fraction of accounts
 * by a numeric column (for example the top decile by revenue).
 *
 * <pre>{@code
 * ReferenceSet best = ReferenceSet.topFraction("revenue", 0.10);       // top decile by revenue
 * ReferenceSet strategic = ReferenceSet.segment(seg, "A");             // a segment of a segmentation
 * ReferenceSet named = ReferenceSet.ids(List.of("C-1", "C-7"));
 * ReferenceSet pharma = ReferenceSet.where("industry = Pharma",
 *     row -> row.category("industry").orElse("").equals("Pharma"));
 * }</pre>
 *
 * <p>A reference set is resolved against a table when scoring: it selects rows of that table.
 * Instances are immutable and safe to share between threads (a predicate given to
 * {@link #where(String, Predicate)} must itself be thread-safe if shared).
 *
 * @since 0.1
 */
public final class ReferenceSet {

  private final String description;
  private final Function<AccountTable, boolean[]> resolver;

  private ReferenceSet(String description, Function<AccountTable, boolean[]> resolver) {
    this.description = description;
    this.resolver = resolver;
  }

  /**
   * The accounts that a segmentation puts into one segment, matched to the scored table by account
   * id (accounts of the table that are not in the segmentation are not in the set).
   *
   * @param segmentation the segmentation
   * @param segmentId the segment's stable id ({@link Segment#id()})
   * @return the reference set
   * @throws IllegalArgumentException when the segmentation has no segment with that id; the message
   *     lists the ids
   */
  public static ReferenceSet segment(Segmentation segmentation, String segmentId) {
    Objects.requireNonNull(segmentation, "segmentation");
    Objects.requireNonNull(segmentId, "segmentId");
    int index = -1;
    List<String> known = new ArrayList<>();
    for (Segment s : segmentation.segments()) {
      known.add(s.id());
      if (s.id().equals(segmentId)) {
        index = s.index();
      }
    }
    if (index < 0) {
      throw new IllegalArgumentException("Unknown segment id \"" + segmentId
          + "\"; segment ids are: " + String.join(", ", known) + ".");
    }
    int target = index;
    return new ReferenceSet("segment " + segmentId, table -> {
      int[] seg = InsightSupport.segmentsById(segmentation, table);
      boolean[] in = new boolean[seg.length];
      for (int i = 0; i < seg.length; i++) {
        in[i] = seg[i] == target;
      }
      return in;
    });
  }

  /**
   * The accounts with the given ids; ids not in the scored table are ignored.
   *
   * @param accountIds the ids
   * @return the reference set
   */
  public static ReferenceSet ids(Collection<String> accountIds) {
    Objects.requireNonNull(accountIds, "accountIds");
    Set<String> set = new TreeSet<>();
    for (String id : accountIds) {
      set.add(Objects.requireNonNull(id, "account id"));
    }
    Set<String> frozen = Set.copyOf(set);
    return new ReferenceSet(set.size() + " accounts by id", table -> {
      boolean[] in = new boolean[table.rowCount()];
      for (int i = 0; i < in.length; i++) {
        in[i] = frozen.contains(table.id(i));
      }
      return in;
    });
  }

  /**
   * The accounts for which a predicate holds.
   *
   * @param description a short text for reports, for example {@code "industry = Pharma"}
   * @param predicate the test of one row
   * @return the reference set
   */
  public static ReferenceSet where(String description, Predicate<? super Row> predicate) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(predicate, "predicate");
    return new ReferenceSet(description, table -> {
      boolean[] in = new boolean[table.rowCount()];
      for (int i = 0; i < in.length; i++) {
        in[i] = predicate.test(table.row(i));
      }
      return in;
    });
  }

  /**
   * The top fraction of accounts by a numeric column: with {@code m} accounts whose value is not
   * missing, the {@code ceil(fraction * m)} accounts with the largest values, ties broken by account
   * id ({@link String#compareTo(String)}), so the count is exact. {@code topFraction("revenue", 0.1)}
   * is the top decile by revenue. Accounts with a missing value are never in the set.
   *
   * @param column a numeric column of the scored table
   * @param fraction the fraction, in {@code (0, 1]}
   * @return the reference set
   * @throws IllegalArgumentException when the fraction is outside {@code (0, 1]}
   */
  public static ReferenceSet topFraction(String column, double fraction) {
    Objects.requireNonNull(column, "column");
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "ReferenceSet.topFraction fraction must be in (0, 1], was " + fraction + ".");
    }
    String text = String.format(Locale.ROOT, "top %s%% by %s",
        stripZeros(100 * fraction), column);
    return new ReferenceSet(text, table -> {
      double[] v = InsightSupport.numeric(table, column, "reference column");
      double[] present = new double[v.length];
      int m = 0;
      for (double x : v) {
        if (!Double.isNaN(x)) {
          present[m++] = x;
        }
      }
      int keep = (int) Math.ceil(fraction * m - 1e-9);
      boolean[] in = new boolean[v.length];
      if (keep == 0) {
        return in;
      }
      Arrays.sort(present, 0, m);
      double cut = present[m - keep];
      // every value above the cut is in; the remaining places go to the smallest ids at the cut
      int above = 0;
      List<Integer> atCut = new ArrayList<>();
      for (int i = 0; i < v.length; i++) {
        if (v[i] > cut) {
          in[i] = true;
          above++;
        } else if (v[i] == cut) {
          atCut.add(i);
        }
      }
      atCut.sort((a, b) -> table.id(a).compareTo(table.id(b)));
      for (int k = 0; k < keep - above; k++) {
        in[atCut.get(k)] = true;
      }
      return in;
    });
  }

  private static String stripZeros(double v) {
    String s = String.format(Locale.ROOT, "%.4f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Returns the description used in reports, for example {@code "top 10% by revenue"}.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Selects the reference rows of a table.
   *
   * @param table the table
   * @return one flag per row
   */
  boolean[] resolve(AccountTable table) {
    return resolver.apply(Objects.requireNonNull(table, "table"));
  }

  /**
   * Returns {@code ReferenceSet[description]}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "ReferenceSet[" + description + "]";
  }
}
