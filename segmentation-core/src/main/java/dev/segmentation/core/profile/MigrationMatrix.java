package dev.segmentation.core.profile;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How accounts moved between two segmentations, for example last year's and this year's: a matrix of
 * counts from-segment x to-segment, the accounts that moved, and the accounts present in only one of
 * the two.
 *
 * <pre>{@code
 * MigrationMatrix m = MigrationMatrix.of(lastYear, thisYear);
 * System.out.println(m);                       // aligned matrix with totals
 * int aToB = m.count(0, 1);                    // segment 0 of lastYear to segment 1 of thisYear
 * m.moves().forEach(System.out::println);      // who moved, in segment then id order
 * m.writeCsv(Path.of("migration.csv"));
 * m.writeMovesCsv(Path.of("moves.csv"));
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li><b>Matching.</b> Accounts are matched by account id. Accounts of the first segmentation whose
 *       id is not in the second are listed in {@link #onlyInFirst()}, those of the second not in the
 *       first in {@link #onlyInSecond()}; neither is counted in the matrix. The two segmentations may
 *       come from different models with different segment lists.
 *   <li><b>Rows and columns.</b> Rows are the segments of the first segmentation in model order, then
 *       {@link #UNASSIGNED_LABEL}; columns are the segments of the second in model order, then
 *       {@link #UNASSIGNED_LABEL}. In every method that takes a segment index,
 *       {@link Assignment#UNASSIGNED} ({@code -1}) means the unassigned row or column. Unassigned
 *       accounts are one row and one column, whatever their
 *       {@link dev.segmentation.core.UnassignedReason}.
 *   <li><b>Stayed and moved.</b> A matched account stayed when both its segments have the same
 *       {@linkplain Segment#id() segment id} (segment ids are the stable identity of a segment across
 *       models and years), or when it is unassigned in both; otherwise it moved. The stay cells form the
 *       "diagonal" of the matrix; every other cell counts moves, so
 *       {@code stayedCount() + movedCount() == matchedCount()}.
 *   <li><b>Shares.</b> Row share = cell / row total (the fraction of a from-segment that went to each
 *       to-segment); total share = cell / {@link #matchedCount()}. Both are {@code NaN} when the
 *       denominator is zero.
 *   <li><b>Order.</b> Lists are sorted by segment order (unassigned last) and then by account id in
 *       {@link String#compareTo(String)} order, so output does not depend on table row order.
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads. The matrix keeps no reference to the
 * segmentations.
 *
 * @since 0.1
 */
public final class MigrationMatrix {

  /**
   * The label of the unassigned row and column, used as segment id and name in text and CSV (a segment
   * whose id is this label cannot be told apart from it there).
   */
  public static final String UNASSIGNED_LABEL = "(unassigned)";

  /** The CSV header of {@link #toCsv(Writer)}. */
  static final List<String> MATRIX_HEADER =
      List.of("from_segment_id", "from_segment_name", "to_segment_id", "to_segment_name", "count",
          "row_share", "total_share");

  /** The CSV header of {@link #movesToCsv(Writer)}. */
  static final List<String> MOVES_HEADER =
      List.of("account_id", "from_segment_id", "from_segment_name", "to_segment_id",
          "to_segment_name");

  private static final int PRINTED_ROWS = 20;
  private static final int PRINTED_COLUMNS = 12;

  private final List<Segment> fromSegments;
  private final List<Segment> toSegments;
  /** counts[from][to]; the last row and column are the unassigned accounts. */
  private final int[][] counts;
  private final int matched;
  private final int stayed;
  private final List<Move> moves;
  private final List<Assignment> onlyInFirst;
  private final List<Assignment> onlyInSecond;

  private MigrationMatrix(
      List<Segment> fromSegments,
      List<Segment> toSegments,
      int[][] counts,
      int matched,
      int stayed,
      List<Move> moves,
      List<Assignment> onlyInFirst,
      List<Assignment> onlyInSecond) {
    this.fromSegments = List.copyOf(fromSegments);
    this.toSegments = List.copyOf(toSegments);
    this.counts = counts;
    this.matched = matched;
    this.stayed = stayed;
    this.moves = List.copyOf(moves);
    this.onlyInFirst = List.copyOf(onlyInFirst);
    this.onlyInSecond = List.copyOf(onlyInSecond);
  }

  /**
   * Compares two segmentations of (mostly) the same accounts.
   *
   * @param first the earlier segmentation ("from", the rows)
   * @param second the later segmentation ("to", the columns)
   * @return the migration matrix
   */
  public static MigrationMatrix of(Segmentation first, Segmentation second) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    List<Segment> from = first.segments();
    List<Segment> to = second.segments();
    int rows = from.size() + 1;
    int cols = to.size() + 1;
    int[][] counts = new int[rows][cols];
    AccountTable a = first.table();
    AccountTable b = second.table();
    boolean[] matchedInSecond = new boolean[b.rowCount()];
    List<Move> moves = new ArrayList<>();
    List<Assignment> onlyFirst = new ArrayList<>();
    int matched = 0;
    int stayed = 0;
    for (int i = 0; i < a.rowCount(); i++) {
      String id = a.id(i);
      OptionalInt j = b.indexOf(id);
      if (j.isEmpty()) {
        onlyFirst.add(first.assignment(i));
        continue;
      }
      matchedInSecond[j.getAsInt()] = true;
      int s = first.segmentIndex(i);
      int t = second.segmentIndex(j.getAsInt());
      counts[s == Assignment.UNASSIGNED ? rows - 1 : s][t == Assignment.UNASSIGNED ? cols - 1 : t]++;
      matched++;
      if (isStay(from, to, s, t)) {
        stayed++;
      } else {
        moves.add(new Move(id, s, label(from, s), t, label(to, t)));
      }
    }
    List<Assignment> onlySecond = new ArrayList<>();
    for (int j = 0; j < b.rowCount(); j++) {
      if (!matchedInSecond[j]) {
        onlySecond.add(second.assignment(j));
      }
    }
    moves.sort(Comparator.<Move>comparingInt(m -> order(m.from()))
        .thenComparingInt(m -> order(m.to()))
        .thenComparing(Move::accountId));
    Comparator<Assignment> bySegmentThenId =
        Comparator.<Assignment>comparingInt(x -> order(x.segment())).thenComparing(Assignment::accountId);
    onlyFirst.sort(bySegmentThenId);
    onlySecond.sort(bySegmentThenId);
    return new MigrationMatrix(from, to, counts, matched, stayed, moves, onlyFirst, onlySecond);
  }

  /** Sort key of a segment index: model order, unassigned last. */
  private static int order(int segment) {
    return segment == Assignment.UNASSIGNED ? Integer.MAX_VALUE : segment;
  }

  private static boolean isStay(List<Segment> from, List<Segment> to, int s, int t) {
    if (s == Assignment.UNASSIGNED || t == Assignment.UNASSIGNED) {
      return s == t;
    }
    return from.get(s).id().equals(to.get(t).id());
  }

  private static String label(List<Segment> segments, int s) {
    return s == Assignment.UNASSIGNED ? UNASSIGNED_LABEL : segments.get(s).id();
  }

  private static String name(List<Segment> segments, int s) {
    return s == Assignment.UNASSIGNED ? UNASSIGNED_LABEL : segments.get(s).name();
  }

  private int row(int fromSegment) {
    if (fromSegment == Assignment.UNASSIGNED) {
      return fromSegments.size();
    }
    if (fromSegment < 0 || fromSegment >= fromSegments.size()) {
      throw new IndexOutOfBoundsException("From-segment index " + fromSegment
          + " is not -1 (unassigned) or in [0, " + fromSegments.size() + ").");
    }
    return fromSegment;
  }

  private int column(int toSegment) {
    if (toSegment == Assignment.UNASSIGNED) {
      return toSegments.size();
    }
    if (toSegment < 0 || toSegment >= toSegments.size()) {
      throw new IndexOutOfBoundsException("To-segment index " + toSegment
          + " is not -1 (unassigned) or in [0, " + toSegments.size() + ").");
    }
    return toSegment;
  }

  /**
   * Returns the segments of the first segmentation (the rows, before the unassigned row).
   *
   * @return an unmodifiable list in model order
   */
  public List<Segment> fromSegments() {
    return fromSegments;
  }

  /**
   * Returns the segments of the second segmentation (the columns, before the unassigned column).
   *
   * @return an unmodifiable list in model order
   */
  public List<Segment> toSegments() {
    return toSegments;
  }

  /**
   * Counts the matched accounts that went from one segment to another.
   *
   * @param fromSegment a segment index of the first segmentation, or {@link Assignment#UNASSIGNED}
   * @param toSegment a segment index of the second segmentation, or {@link Assignment#UNASSIGNED}
   * @return the number of accounts
   * @throws IndexOutOfBoundsException when an index is neither -1 nor a segment index
   */
  public int count(int fromSegment, int toSegment) {
    return counts[row(fromSegment)][column(toSegment)];
  }

  /**
   * Returns all counts; row {@code i < fromSegments().size()} is from-segment {@code i}, the last row
   * the unassigned accounts of the first segmentation, and likewise for columns.
   *
   * @return a new array of {@code fromSegments().size() + 1} rows of {@code toSegments().size() + 1}
   *     counts
   */
  public int[][] counts() {
    int[][] out = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i].clone();
    }
    return out;
  }

  /**
   * Returns the share of a from-segment that went to a to-segment: the cell divided by its row total.
   *
   * @param fromSegment a segment index of the first segmentation, or {@link Assignment#UNASSIGNED}
   * @param toSegment a segment index of the second segmentation, or {@link Assignment#UNASSIGNED}
   * @return the share in {@code [0, 1]}, or {@code NaN} when the row is empty
   * @throws IndexOutOfBoundsException when an index is neither -1 nor a segment index
   */
  public double rowShare(int fromSegment, int toSegment) {
    int total = rowTotal(fromSegment);
    return total == 0 ? Double.NaN : (double) count(fromSegment, toSegment) / total;
  }

  /**
   * Returns a cell divided by the number of matched accounts.
   *
   * @param fromSegment a segment index of the first segmentation, or {@link Assignment#UNASSIGNED}
   * @param toSegment a segment index of the second segmentation, or {@link Assignment#UNASSIGNED}
   * @return the share in {@code [0, 1]}, or {@code NaN} when no account was matched
   * @throws IndexOutOfBoundsException when an index is neither -1 nor a segment index
   */
  public double totalShare(int fromSegment, int toSegment) {
    return matched == 0 ? Double.NaN : (double) count(fromSegment, toSegment) / matched;
  }

  /**
   * Counts the matched accounts of a from-segment.
   *
   * @param fromSegment a segment index of the first segmentation, or {@link Assignment#UNASSIGNED}
   * @return the row total
   * @throws IndexOutOfBoundsException when the index is neither -1 nor a segment index
   */
  public int rowTotal(int fromSegment) {
    int sum = 0;
    for (int c : counts[row(fromSegment)]) {
      sum += c;
    }
    return sum;
  }

  /**
   * Counts the matched accounts of a to-segment.
   *
   * @param toSegment a segment index of the second segmentation, or {@link Assignment#UNASSIGNED}
   * @return the column total
   * @throws IndexOutOfBoundsException when the index is neither -1 nor a segment index
   */
  public int columnTotal(int toSegment) {
    int j = column(toSegment);
    int sum = 0;
    for (int[] r : counts) {
      sum += r[j];
    }
    return sum;
  }

  /**
   * Tells whether a cell counts accounts that stayed (same segment id, or unassigned in both).
   *
   * @param fromSegment a segment index of the first segmentation, or {@link Assignment#UNASSIGNED}
   * @param toSegment a segment index of the second segmentation, or {@link Assignment#UNASSIGNED}
   * @return {@code true} for a cell of the "diagonal"
   * @throws IndexOutOfBoundsException when an index is neither -1 nor a segment index
   */
  public boolean isStay(int fromSegment, int toSegment) {
    row(fromSegment);
    column(toSegment);
    return isStay(fromSegments, toSegments, fromSegment, toSegment);
  }

  /**
   * Counts the accounts present in both segmentations.
   *
   * @return the sum of all cells
   */
  public int matchedCount() {
    return matched;
  }

  /**
   * Counts the matched accounts that stayed.
   *
   * @return the sum of the stay cells
   */
  public int stayedCount() {
    return stayed;
  }

  /**
   * Counts the matched accounts that moved.
   *
   * @return {@code matchedCount() - stayedCount()}, the size of {@link #moves()}
   */
  public int movedCount() {
    return moves.size();
  }

  /**
   * Returns the accounts that moved, ordered by from-segment, to-segment (model order, unassigned last)
   * and account id.
   *
   * @return an unmodifiable list
   */
  public List<Move> moves() {
    return moves;
  }

  /**
   * Returns the assignments (in the first segmentation) of accounts whose id is not in the second,
   * ordered by segment (unassigned last) and account id.
   *
   * @return an unmodifiable list
   */
  public List<Assignment> onlyInFirst() {
    return onlyInFirst;
  }

  /**
   * Returns the assignments (in the second segmentation) of accounts whose id is not in the first,
   * ordered by segment (unassigned last) and account id.
   *
   * @return an unmodifiable list
   */
  public List<Assignment> onlyInSecond() {
    return onlyInSecond;
  }

  /**
   * Writes the matrix as CSV in long form, one cell per line in row-major order (rows and columns as
   * in the class comment, zero cells included), to a writer that is flushed but not closed.
   *
   * <p>Header {@code from_segment_id,from_segment_name,to_segment_id,to_segment_name,count,row_share,
   * total_share}; the unassigned row and column have id and name {@value #UNASSIGNED_LABEL}. Shares are
   * written as {@link Double#toString(double)} (integers without a decimal point), an undefined
   * ({@code NaN}) share as an empty cell; LF line ends.
   *
   * @param writer the destination
   * @throws UncheckedIOException when the writer fails
   */
  public void toCsv(Writer writer) {
    Objects.requireNonNull(writer, "writer");
    Exports.csv(writer, MATRIX_HEADER, this::matrixRows);
  }

  /**
   * Writes the matrix as a UTF-8 CSV file in the form of {@link #toCsv(Writer)}.
   *
   * @param path the file, created or replaced
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  public void writeCsv(Path path) {
    Objects.requireNonNull(path, "path");
    Exports.csv(path, MATRIX_HEADER, this::matrixRows);
  }

  /**
   * Writes the moved accounts as CSV, in the order of {@link #moves()}, to a writer that is flushed
   * but not closed.
   *
   * <p>Header {@code account_id,from_segment_id,from_segment_name,to_segment_id,to_segment_name}; an
   * unassigned side has id and name {@value #UNASSIGNED_LABEL}; LF line ends.
   *
   * @param writer the destination
   * @throws UncheckedIOException when the writer fails
   */
  public void movesToCsv(Writer writer) {
    Objects.requireNonNull(writer, "writer");
    Exports.csv(writer, MOVES_HEADER, this::moveRows);
  }

  /**
   * Writes the moved accounts as a UTF-8 CSV file in the form of {@link #movesToCsv(Writer)}.
   *
   * @param path the file, created or replaced
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  public void writeMovesCsv(Path path) {
    Objects.requireNonNull(path, "path");
    Exports.csv(path, MOVES_HEADER, this::moveRows);
  }

  private void matrixRows(Exports.RowSink out) throws IOException {
    for (int i = 0; i <= fromSegments.size(); i++) {
      int s = i == fromSegments.size() ? Assignment.UNASSIGNED : i;
      for (int j = 0; j <= toSegments.size(); j++) {
        int t = j == toSegments.size() ? Assignment.UNASSIGNED : j;
        out.row(label(fromSegments, s), name(fromSegments, s), label(toSegments, t),
            name(toSegments, t), Integer.toString(counts[i][j]), Exports.number(rowShare(s, t)),
            Exports.number(totalShare(s, t)));
      }
    }
  }

  private void moveRows(Exports.RowSink out) throws IOException {
    for (Move m : moves) {
      out.row(m.accountId(), m.fromSegmentId(), name(fromSegments, m.from()), m.toSegmentId(),
          name(toSegments, m.to()));
    }
  }

  /**
   * Compares segments, counts and the account lists.
   *
   * @param o the other object
   * @return {@code true} when both describe the same migration
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof MigrationMatrix other
        && fromSegments.equals(other.fromSegments)
        && toSegments.equals(other.toSegments)
        && Arrays.deepEquals(counts, other.counts)
        && moves.equals(other.moves)
        && onlyInFirst.equals(other.onlyInFirst)
        && onlyInSecond.equals(other.onlyInSecond);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fromSegments, toSegments, Arrays.deepHashCode(counts), moves);
  }

  /**
   * Prints a summary line and the count matrix as an aligned text table: one row per from-segment
   * (by id) and one column per to-segment, the unassigned row and column, and totals. At most 20 rows
   * and 12 segment columns are shown; the footer says how many were left out.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    int rows = fromSegments.size() + 1;
    int cols = toSegments.size() + 1;
    int shownRows = Math.min(rows, PRINTED_ROWS);
    int shownCols = Math.min(cols, PRINTED_COLUMNS);
    // always show the unassigned row/column: print the first shown-1 segments and then unassigned
    int[] rowIdx = pick(rows, shownRows);
    int[] colIdx = pick(cols, shownCols);
    List<String> headers = new ArrayList<>();
    headers.add("from \\ to");
    boolean[] right = new boolean[colIdx.length + 2];
    for (int k = 0; k < colIdx.length; k++) {
      int j = colIdx[k];
      headers.add(j == cols - 1 ? UNASSIGNED_LABEL : toSegments.get(j).id());
      right[k + 1] = true;
    }
    headers.add("total");
    right[colIdx.length + 1] = true;
    TextTable t = new TextTable(headers, right);
    for (int i : rowIdx) {
      String[] r = new String[headers.size()];
      r[0] = i == rows - 1 ? UNASSIGNED_LABEL : fromSegments.get(i).id();
      int total = 0;
      for (int c : counts[i]) {
        total += c;
      }
      for (int k = 0; k < colIdx.length; k++) {
        r[k + 1] = Integer.toString(counts[i][colIdx[k]]);
      }
      r[r.length - 1] = Integer.toString(total);
      t.addRow(r);
    }
    String[] totals = new String[headers.size()];
    totals[0] = "total";
    for (int k = 0; k < colIdx.length; k++) {
      int sum = 0;
      for (int[] row : counts) {
        sum += row[colIdx[k]];
      }
      totals[k + 1] = Integer.toString(sum);
    }
    totals[totals.length - 1] = Integer.toString(matched);
    t.addRow(totals);
    StringBuilder sb = new StringBuilder();
    sb.append("MigrationMatrix: ").append(matched).append(" matched accounts, ").append(stayed)
        .append(" stayed, ").append(moves.size()).append(" moved; ").append(onlyInFirst.size())
        .append(" only in first, ").append(onlyInSecond.size()).append(" only in second\n");
    sb.append(t.render());
    if (rows > shownRows) {
      sb.append("... ").append(rows - shownRows).append(" more rows (from-segments)\n");
    }
    if (cols > shownCols) {
      sb.append("... ").append(cols - shownCols).append(" more columns (to-segments)\n");
    }
    return sb.toString();
  }

  /** The first {@code shown - 1} indices and the last one (the unassigned row or column). */
  private static int[] pick(int size, int shown) {
    int[] out = new int[shown];
    for (int k = 0; k < shown - 1; k++) {
      out[k] = k;
    }
    out[shown - 1] = size - 1;
    return out;
  }

  /**
   * One account that changed segment between the two segmentations.
   *
   * @param accountId the account id
   * @param from its segment index in the first segmentation, or {@link Assignment#UNASSIGNED}
   * @param fromSegmentId the id of that segment, or {@link MigrationMatrix#UNASSIGNED_LABEL}
   * @param to its segment index in the second segmentation, or {@link Assignment#UNASSIGNED}
   * @param toSegmentId the id of that segment, or {@link MigrationMatrix#UNASSIGNED_LABEL}
   * @since 0.1
   */
  public record Move(String accountId, int from, String fromSegmentId, int to, String toSegmentId) {

    /**
     * Validates.
     *
     * @param accountId the account id
     * @param from the from-segment index, {@code >= -1}
     * @param fromSegmentId the from-segment id
     * @param to the to-segment index, {@code >= -1}
     * @param toSegmentId the to-segment id
     * @throws IllegalArgumentException when an index is below -1
     */
    public Move {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(fromSegmentId, "fromSegmentId");
      Objects.requireNonNull(toSegmentId, "toSegmentId");
      if (from < Assignment.UNASSIGNED || to < Assignment.UNASSIGNED) {
        throw new IllegalArgumentException("Account \"" + accountId + "\": segment indices must be"
            + " >= -1, were " + from + " and " + to + ".");
      }
    }
  }
}
