package dev.segmentation.core.profile;

import static dev.segmentation.core.profile.ProfileFixtures.parseCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.profile.MigrationMatrix.Move;
import dev.segmentation.testing.Gen;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationMatrixTest {

  @TempDir Path dir;

  private static final int U = Assignment.UNASSIGNED;

  static LongStream seeds() {
    return Gen.seeds(300);
  }

  private static Segmentation seg(String[] ids, List<Segment> segments, int... segmentOf) {
    AccountTable t = AccountTable.of(ids);
    UnassignedReason[] r = new UnassignedReason[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (segmentOf[i] == U) {
        r[i] = UnassignedReason.NO_RULE_MATCHED;
      }
    }
    return Segmentation.of(t, segments, segmentOf, r, new String[ids.length]);
  }

  /**
   * Last year (A, B, C): a1 A, a2 A, a3 B, a4 C, a5 unassigned, a6 B (a6 churned). This year (C, A, X),
   * rows in another order: a7 new in X, a3 A, a1 A, a2 X, a4 C, a5 A.
   */
  static MigrationMatrix example() {
    Segmentation last = seg(new String[] {"a1", "a2", "a3", "a4", "a5", "a6"},
        ProfileFixtures.segments("A", "B", "C"), 0, 0, 1, 2, U, 1);
    Segmentation now = seg(new String[] {"a7", "a3", "a1", "a2", "a4", "a5"},
        ProfileFixtures.segments("C", "A", "X"), 2, 1, 1, 2, 0, 1);
    return MigrationMatrix.of(last, now);
  }

  @Test
  void exampleMatrix() {
    MigrationMatrix m = example();
    assertEquals(5, m.matchedCount(), "matched");
    assertEquals(2, m.stayedCount(), "stayed: a1 A->A, a4 C->C (different indices, same id)");
    assertEquals(3, m.movedCount(), "moved");
    assertEquals(1, m.count(0, 1), "A -> A");
    assertEquals(1, m.count(0, 2), "A -> X");
    assertEquals(1, m.count(1, 1), "B -> A");
    assertEquals(1, m.count(2, 0), "C -> C");
    assertEquals(1, m.count(U, 1), "unassigned -> A");
    assertEquals(0, m.count(U, U), "unassigned -> unassigned");
    assertTrue(m.isStay(2, 0) && m.isStay(0, 1) && m.isStay(U, U), "stay cells by segment id");
    assertTrue(!m.isStay(0, 0) && !m.isStay(U, 1), "move cells");
    assertEquals(0.5, m.rowShare(0, 1), 0.0, "row share A -> A");
    assertEquals(0.2, m.totalShare(0, 1), 0.0, "total share A -> A");
    assertEquals(0.0, m.rowShare(1, U), 0.0, "row share B -> unassigned");
    assertEquals(2, m.rowTotal(0), "row total A");
    assertEquals(3, m.columnTotal(1), "column total A");
    assertEquals(List.of(new Move("a2", 0, "A", 2, "X"), new Move("a3", 1, "B", 1, "A"),
        new Move("a5", U, MigrationMatrix.UNASSIGNED_LABEL, 1, "A")), m.moves(), "moves in order");
    assertEquals(List.of("a6"), m.onlyInFirst().stream().map(Assignment::accountId).toList(),
        "only in first");
    assertEquals(1, m.onlyInFirst().get(0).segment(), "segment of a6 last year");
    assertEquals(List.of("a7"), m.onlyInSecond().stream().map(Assignment::accountId).toList(),
        "only in second");
    assertThrows(IndexOutOfBoundsException.class, () -> m.count(3, 0), "from index out of range");
    assertThrows(IndexOutOfBoundsException.class, () -> m.count(0, -2), "to index below -1");
  }

  @Test
  void exampleToString() {
    String s = example().toString();
    String expected = String.join("\n",
        "MigrationMatrix: 5 matched accounts, 2 stayed, 3 moved; 1 only in first, 1 only in second",
        "from \\ to     C  A  X  (unassigned)  total",
        "------------  -  -  -  ------------  -----",
        "A             0  1  1             0      2",
        "B             0  1  0             0      1",
        "C             1  0  0             0      1",
        "(unassigned)  0  1  0             0      1",
        "total         1  3  1             0      5",
        "");
    assertEquals(expected, s, "aligned matrix");
  }

  @Test
  void exampleCsv() {
    MigrationMatrix m = example();
    StringWriter w = new StringWriter();
    m.movesToCsv(w);
    assertEquals(String.join("\n",
        "account_id,from_segment_id,from_segment_name,to_segment_id,to_segment_name",
        "a2,A,Name A,X,Name X",
        "a3,B,Name B,A,Name A",
        "a5,(unassigned),(unassigned),A,Name A",
        ""), w.toString(), "moves CSV");
    StringWriter mw = new StringWriter();
    m.toCsv(mw);
    List<String[]> rows = parseCsv(mw.toString());
    assertEquals(MigrationMatrix.MATRIX_HEADER, List.of(rows.get(0)), "matrix CSV header");
    assertEquals(1 + 4 * 4, rows.size(), "one line per cell");
    assertEquals(List.of("A", "Name A", "A", "Name A", "1", "0.5", "0.2"), List.of(rows.get(2)),
        "cell A -> A");
    assertEquals(List.of("(unassigned)", "(unassigned)", "(unassigned)", "(unassigned)", "0", "0", "0"),
        List.of(rows.get(16)), "cell unassigned -> unassigned");
  }

  @Test
  void writeCsvFilesMatchWriters() throws Exception {
    MigrationMatrix m = example();
    Path a = dir.resolve("matrix.csv");
    Path b = dir.resolve("moves.csv");
    m.writeCsv(a);
    m.writeMovesCsv(b);
    StringWriter wa = new StringWriter();
    StringWriter wb = new StringWriter();
    m.toCsv(wa);
    m.movesToCsv(wb);
    assertEquals(wa.toString(), Files.readString(a, StandardCharsets.UTF_8), "matrix file");
    assertEquals(wb.toString(), Files.readString(b, StandardCharsets.UTF_8), "moves file");
  }

  @Test
  void emptyRowsHaveNaNShares() {
    Segmentation a = seg(new String[] {"x"}, ProfileFixtures.segments("A", "B"), 0);
    Segmentation b = seg(new String[] {"y"}, ProfileFixtures.segments("A"), 0);
    MigrationMatrix m = MigrationMatrix.of(a, b);
    assertEquals(0, m.matchedCount(), "no common ids");
    assertTrue(Double.isNaN(m.rowShare(0, 0)), "row share of an empty row");
    assertTrue(Double.isNaN(m.totalShare(0, 0)), "total share with no matched accounts");
    StringWriter w = new StringWriter();
    m.toCsv(w);
    assertTrue(w.toString().contains("\nA,Name A,A,Name A,0,,\n"), "NaN shares are empty cells:\n" + w);
  }

  @Test
  void toStringCutsLargeMatrices() {
    int k = 30;
    String[] ids = new String[k];
    int[] s = new int[k];
    String[] segIds = new String[k];
    for (int i = 0; i < k; i++) {
      ids[i] = "a" + i;
      s[i] = i;
      segIds[i] = "S" + i;
    }
    Segmentation x = seg(ids, ProfileFixtures.segments(segIds), s);
    String text = MigrationMatrix.of(x, x).toString();
    assertTrue(text.contains("... 11 more rows (from-segments)"), "row cut:\n" + text);
    assertTrue(text.contains("... 19 more columns (to-segments)"), "column cut:\n" + text);
    assertTrue(text.contains("(unassigned)"), "unassigned row and column always shown");
  }

  // ------------------------------------------------------------------------------------------------
  // Properties

  /** Two segmentations over overlapping id sets with different, partly shared segment lists. */
  private static Segmentation[] randomPair(Gen g) {
    int universe = ProfileFixtures.rows(g) + g.intBetween(0, 5);
    String[] ids = g.ids(universe);
    Segmentation[] out = new Segmentation[2];
    for (int side = 0; side < 2; side++) {
      int[] keep = g.chance(0.2) ? g.permutation(universe) : g.subset(universe);
      String[] sideIds = new String[keep.length];
      for (int i = 0; i < keep.length; i++) {
        sideIds[i] = ids[keep[i]];
      }
      int[] pick = g.subset(ProfileFixtures.SEGMENT_IDS.length);
      String[] segIds = new String[pick.length];
      for (int i = 0; i < pick.length; i++) {
        segIds[i] = ProfileFixtures.SEGMENT_IDS[pick[i]];
      }
      AccountTable t = AccountTable.of(sideIds);
      out[side] = ProfileFixtures.segmentation(g, t, ProfileFixtures.segments(segIds));
    }
    return out;
  }

  private static String idOf(Segmentation s, int segment) {
    return segment == U ? MigrationMatrix.UNASSIGNED_LABEL : s.segments().get(segment).id();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void matrixMatchesABruteForceCount(long seed) {
    Gen g = new Gen(seed);
    Segmentation[] pair = randomPair(g);
    Segmentation a = pair[0];
    Segmentation b = pair[1];
    MigrationMatrix m = MigrationMatrix.of(a, b);
    int ka = a.segments().size();
    int kb = b.segments().size();
    int[][] expected = new int[ka + 1][kb + 1];
    List<Move> moves = new ArrayList<>();
    Set<String> onlyFirst = new HashSet<>();
    int matched = 0;
    int stayed = 0;
    for (int i = 0; i < a.size(); i++) {
      String id = a.table().id(i);
      OptionalInt j = b.table().indexOf(id);
      if (j.isEmpty()) {
        onlyFirst.add(id);
        continue;
      }
      int s = a.segmentIndex(i);
      int t = b.segmentIndex(j.getAsInt());
      expected[s == U ? ka : s][t == U ? kb : t]++;
      matched++;
      if (idOf(a, s).equals(idOf(b, t)) && (s == U) == (t == U)) {
        stayed++;
      } else {
        moves.add(new Move(id, s, idOf(a, s), t, idOf(b, t)));
      }
    }
    Set<String> onlySecond = new HashSet<>();
    for (int j = 0; j < b.size(); j++) {
      if (a.table().indexOf(b.table().id(j)).isEmpty()) {
        onlySecond.add(b.table().id(j));
      }
    }
    String what = ", seed " + seed;
    assertTrue(Arrays.deepEquals(expected, m.counts()), "counts" + what);
    assertEquals(matched, m.matchedCount(), "matchedCount" + what);
    assertEquals(stayed, m.stayedCount(), "stayedCount" + what);
    assertEquals(matched - stayed, m.movedCount(), "movedCount = matched - stayed" + what);

    int total = 0;
    int diagonal = 0;
    for (int s = -1; s < ka; s++) {
      for (int t = -1; t < kb; t++) {
        total += m.count(s, t);
        if (m.isStay(s, t)) {
          diagonal += m.count(s, t);
        }
      }
    }
    assertEquals(matched, total, "sum of all cells = matched" + what);
    assertEquals(stayed, diagonal, "diagonal = stayed" + what);
    assertEquals(total - diagonal, m.moves().size(), "moves = off-diagonal count" + what);

    moves.sort(Comparator.<Move>comparingInt(x -> x.from() == U ? Integer.MAX_VALUE : x.from())
        .thenComparingInt(x -> x.to() == U ? Integer.MAX_VALUE : x.to())
        .thenComparing(Move::accountId));
    assertEquals(moves, m.moves(), "moves and their order" + what);

    assertEquals(onlyFirst, new HashSet<>(m.onlyInFirst().stream().map(Assignment::accountId).toList()),
        "onlyInFirst" + what);
    assertEquals(onlySecond, new HashSet<>(m.onlyInSecond().stream().map(Assignment::accountId).toList()),
        "onlyInSecond" + what);
    assertEquals(a.size(), matched + onlyFirst.size(), "first = matched + only in first" + what);
    assertEquals(b.size(), matched + onlySecond.size(), "second = matched + only in second" + what);
    assertSortedBySegmentThenId(m.onlyInFirst(), "onlyInFirst order" + what);
    assertSortedBySegmentThenId(m.onlyInSecond(), "onlyInSecond order" + what);
    for (Assignment x : m.onlyInFirst()) {
      assertEquals(a.assignment(a.table().indexOf(x.accountId()).getAsInt()), x,
          "onlyInFirst carries the first assignment" + what);
    }

    double totalShare = 0;
    for (int s = -1; s < ka; s++) {
      double rowShare = 0;
      for (int t = -1; t < kb; t++) {
        totalShare += matched == 0 ? 0 : m.totalShare(s, t);
        rowShare += m.rowTotal(s) == 0 ? 0 : m.rowShare(s, t);
      }
      if (m.rowTotal(s) > 0) {
        assertEquals(1.0, rowShare, 1e-12, "row shares of row " + s + " sum to 1" + what);
      }
    }
    if (matched > 0) {
      assertEquals(1.0, totalShare, 1e-12, "total shares sum to 1" + what);
    }
  }

  private static void assertSortedBySegmentThenId(List<Assignment> list, String message) {
    Comparator<Assignment> order = Comparator.<Assignment>comparingInt(
        x -> x.segment() == U ? Integer.MAX_VALUE : x.segment()).thenComparing(Assignment::accountId);
    List<Assignment> sorted = new ArrayList<>(list);
    sorted.sort(order);
    assertEquals(sorted, list, message);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void identicalSegmentationsStayOnTheDiagonal(long seed) {
    Gen g = new Gen(seed);
    Segmentation a = randomPair(g)[0];
    // the same assignments with the table rows in another order
    int[] perm = g.permutation(a.size());
    int[] s = new int[a.size()];
    UnassignedReason[] r = new UnassignedReason[a.size()];
    for (int i = 0; i < perm.length; i++) {
      s[i] = a.segmentIndex(perm[i]);
      r[i] = a.assignment(perm[i]).unassignedReason().orElse(null);
    }
    Segmentation b = Segmentation.of(a.table().rows(perm), a.segments(), s, r, new String[s.length]);
    for (MigrationMatrix m : List.of(MigrationMatrix.of(a, a), MigrationMatrix.of(a, b))) {
      assertEquals(a.size(), m.matchedCount(), "all matched, seed " + seed);
      assertEquals(a.size(), m.stayedCount(), "all stayed, seed " + seed);
      assertTrue(m.moves().isEmpty(), "no moves, seed " + seed);
      assertTrue(m.onlyInFirst().isEmpty() && m.onlyInSecond().isEmpty(), "no unmatched, seed " + seed);
      for (int x = -1; x < a.segments().size(); x++) {
        assertEquals(x == U ? a.unassignedCount() : a.counts()[x], m.count(x, x),
            "diagonal cell " + x + " = segment count, seed " + seed);
      }
    }
    assertEquals(MigrationMatrix.of(a, a), MigrationMatrix.of(a, b),
        "matrix independent of row order, seed " + seed);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void csvParsesBackToTheMatrixAndMoves(long seed) {
    Gen g = new Gen(seed);
    Segmentation[] pair = randomPair(g);
    MigrationMatrix m = MigrationMatrix.of(pair[0], pair[1]);
    StringWriter w = new StringWriter();
    m.toCsv(w);
    List<String[]> rows = parseCsv(w.toString());
    int ka = m.fromSegments().size();
    int kb = m.toSegments().size();
    assertEquals(1 + (ka + 1) * (kb + 1), rows.size(), "matrix CSV lines, seed " + seed);
    int line = 1;
    for (int s = 0; s <= ka; s++) {
      for (int t = 0; t <= kb; t++) {
        int from = s == ka ? U : s;
        int to = t == kb ? U : t;
        String[] r = rows.get(line++);
        String what = " of cell " + from + " -> " + to + ", seed " + seed;
        assertEquals(idOf(pair[0], from), r[0], "from_segment_id" + what);
        assertEquals(idOf(pair[1], to), r[2], "to_segment_id" + what);
        assertEquals(m.count(from, to), Integer.parseInt(r[4]), "count" + what);
        double rs = m.rowShare(from, to);
        assertEquals(Double.isNaN(rs) ? "" : Double.toString(rs),
            r[5].isEmpty() ? "" : Double.toString(Double.parseDouble(r[5])), "row_share" + what);
        double ts = m.totalShare(from, to);
        assertEquals(Double.isNaN(ts) ? "" : Double.toString(ts),
            r[6].isEmpty() ? "" : Double.toString(Double.parseDouble(r[6])), "total_share" + what);
      }
    }
    StringWriter mw = new StringWriter();
    m.movesToCsv(mw);
    List<String[]> moves = parseCsv(mw.toString());
    assertEquals(m.moves().size() + 1, moves.size(), "moves CSV lines, seed " + seed);
    for (int i = 0; i < m.moves().size(); i++) {
      Move mv = m.moves().get(i);
      String[] r = moves.get(i + 1);
      assertEquals(List.of(mv.accountId(), mv.fromSegmentId(), mv.toSegmentId()),
          List.of(r[0], r[1], r[3]), "move " + i + ", seed " + seed);
    }
  }
}
