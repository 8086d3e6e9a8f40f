package dev.segmentation.core.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.json.InsightJson;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.testing.Gen;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PriorityListTest {

  static LongStream seeds() {
    return Gen.seeds(60);
  }

  static PriorityList list(AccountTable t, boolean responseColumn) {
    FittedCriteria fitted = InsightFixtures.criteria(t);
    WhitespaceReport ws = Whitespace.builder().revenue("revenue").potential("potential").build()
        .compute(t);
    LookalikeScores look = Lookalike.builder(fitted)
        .reference(ReferenceSet.where("first rows", r -> r.index() < 5)).build().score(t);
    PriorityList.Builder b = PriorityList.builder(t).whitespace(ws).lookalike(look)
        .segments(InsightFixtures.segmentation(t)).groupBy("territory", "rep");
    if (responseColumn) {
      b.responseColumn("response");
    }
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void rankedByExpectedValueThenIdAndIndependentOfRowOrder(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(1, 60);
    AccountTable t = InsightFixtures.accounts(g, n, 0.15);
    PriorityList p = list(t, true);
    assertEquals(n, p.size(), "seed " + seed + ": every account is listed");
    for (int i = 0; i < n; i++) {
      PriorityEntry e = p.entries().get(i);
      assertEquals(i + 1, e.rank(), "seed " + seed + ": ranks 1..n");
      if (e.hasExpectedValue()) {
        assertEquals(e.whitespace() * (e.lookalike() / 100) * e.response(), e.expectedValue(),
            "seed " + seed + ": expected value definition");
      } else {
        assertTrue(!e.note().isEmpty(), "seed " + seed + ": a missing factor is explained");
      }
      if (i > 0) {
        PriorityEntry prev = p.entries().get(i - 1);
        boolean ok = !prev.hasExpectedValue()
            ? !e.hasExpectedValue() && prev.accountId().compareTo(e.accountId()) < 0
            : !e.hasExpectedValue() || prev.expectedValue() > e.expectedValue()
                || (prev.expectedValue() == e.expectedValue()
                    && prev.accountId().compareTo(e.accountId()) < 0);
        assertTrue(ok, "seed " + seed + ": order at rank " + e.rank());
      }
    }
    // shuffled rows give the same list (the reference set selects by id, not row)
    int[] perm = g.permutation(n);
    AccountTable shuffled = t.rows(perm);
    List<String> firstIds = t.ids().subList(0, Math.min(5, n));
    PriorityList q = PriorityList.builder(shuffled)
        .whitespace(Whitespace.builder().revenue("revenue").potential("potential").build()
            .compute(shuffled))
        .lookalike(Lookalike.builder(InsightFixtures.criteria(t))
            .reference(ReferenceSet.ids(firstIds)).build().score(shuffled))
        .segments(InsightFixtures.segmentation(t))
        .groupBy("territory", "rep").responseColumn("response").build();
    assertEquals(p.entries(), q.entries(), "seed " + seed + ": independent of row order");
  }

  @Test
  void tiesAreBrokenById() {
    AccountTable t = InsightFixtures.accounts(new Gen(5), 30, 0.0);
    WhitespaceReport ws = Whitespace.builder().revenue("revenue").potential("potential").build()
        .compute(t);
    PriorityList p = PriorityList.builder(t).whitespace(ws).responseFactor(0).build();
    List<String> ids = p.entries().stream().map(PriorityEntry::accountId).toList();
    assertEquals(t.ids().stream().sorted().toList(), ids, "all expected values 0: id order");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void csvAndJsonRoundTrip(long seed) {
    Gen g = new Gen(seed);
    AccountTable t = InsightFixtures.accounts(g, g.intBetween(1, 40), 0.2);
    PriorityList p = list(t, g.chance(0.5));
    StringWriter w = new StringWriter();
    p.writeCsv(w);
    assertEquals(p, PriorityList.readCsv(new StringReader(w.toString())),
        "seed " + seed + ": CSV round trip");
    AccountTable asTable = AccountTable.readCsv(new StringReader(w.toString()),
        CsvOptions.defaults().idColumn("id"));
    assertEquals(p.size(), asTable.rowCount(), "seed " + seed + ": CSV reads as an account table");
    String json = InsightJson.write(p);
    PriorityList back = InsightJson.readPriorityList(json);
    assertEquals(p, back, "seed " + seed + ": JSON round trip");
    assertEquals(json, InsightJson.write(back), "seed " + seed + ": same JSON when re-written");
  }

  @Test
  void groupsKeepRankOrderAndToStringShowsTopN() {
    AccountTable t = InsightFixtures.accounts(new Gen(9), 60, 0.1);
    PriorityList p = list(t, false);
    Map<String, List<PriorityEntry>> reps = p.byGroup("rep");
    int total = 0;
    for (List<PriorityEntry> group : reps.values()) {
      total += group.size();
      for (int i = 1; i < group.size(); i++) {
        assertTrue(group.get(i - 1).rank() < group.get(i).rank(), "rank order inside a group");
      }
    }
    assertEquals(60, total, "every account in one rep group");
    Segmentation seg = InsightFixtures.segmentation(t);
    assertEquals(List.of("", "A", "B", "C"), List.copyOf(p.bySegment().keySet()),
        "segment groups sorted, unassigned under the empty key " + seg.counts().length);
    String text = p.toString();
    assertEquals(1 + 2 + 20 + 1, text.split("\n").length, "summary, header, rule, 20 rows, more");
    assertTrue(p.toText(3).split("\n").length == 1 + 2 + 3 + 1, p.toText(3));
    assertThrows(IllegalArgumentException.class, () -> p.byGroup("region"));
  }

  @Test
  void rejectsWhitespaceOfAnotherTable() {
    AccountTable t = InsightFixtures.accounts(new Gen(2), 10, 0);
    AccountTable other = InsightFixtures.accounts(new Gen(2), 11, 0);
    WhitespaceReport ws = Whitespace.builder().revenue("revenue").potential("potential").build()
        .compute(other);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PriorityList.builder(t).whitespace(ws).build());
    assertTrue(e.getMessage().contains("compute it for the same table"), e.getMessage());
  }

  @Test
  void emptyListRoundTrips() {
    AccountTable t = InsightFixtures.accounts(new Gen(1), 0, 0);
    WhitespaceReport ws = Whitespace.builder().revenue("revenue").potential("potential").build()
        .compute(t);
    PriorityList p = PriorityList.builder(t).whitespace(ws).groupBy("rep").build();
    assertEquals(0, p.size(), "no accounts");
    StringWriter w = new StringWriter();
    p.writeCsv(w);
    assertEquals(p, PriorityList.readCsv(new StringReader(w.toString())), "empty CSV round trip");
    assertEquals(p, InsightJson.readPriorityList(InsightJson.write(p)), "empty JSON round trip");
    assertTrue(p.toString().startsWith("PriorityList: 0 accounts"), p.toString());
  }
}
