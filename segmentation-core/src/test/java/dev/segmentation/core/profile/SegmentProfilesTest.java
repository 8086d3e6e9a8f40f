package dev.segmentation.core.profile;

import static dev.segmentation.core.profile.ProfileFixtures.parseCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.profile.SegmentProfile.CategoryCount;
import dev.segmentation.core.profile.SegmentProfile.CategoryStats;
import dev.segmentation.core.profile.SegmentProfile.NumericStats;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentProfilesTest {

  @TempDir Path dir;

  static LongStream seeds() {
    return Gen.seeds(300);
  }

  /**
   * Six accounts, two segments (A: rows 0, 1, 3; B: row 2; C: empty), rows 4 and 5 unassigned.
   *
   * <pre>
   * id  Fresh  Milk  Region  since       segment
   * a1  10     NaN   North   2020-01-01  A
   * a2  20     5     South   null        A
   * a3  30     7     North   null        B
   * a4  60     NaN   South   null        A
   * a5  NaN    100   null    null        (unassigned, MISSING_VALUE)
   * a6  1      1     East    null        (unassigned, NO_RULE_MATCHED)
   * </pre>
   */
  static Segmentation example() {
    AccountTable t = AccountTable.builder()
        .numeric("Fresh").numeric("Milk").categorical("Region").date("since")
        .addRow("a1", 10, Double.NaN, "North", LocalDate.of(2020, 1, 1))
        .addRow("a2", 20, 5, "South", null)
        .addRow("a3", 30, 7, "North", null)
        .addRow("a4", 60, Double.NaN, "South", null)
        .addRow("a5", Double.NaN, 100, null, null)
        .addRow("a6", 1, 1, "East", null)
        .build();
    List<Segment> segs = List.of(
        new Segment(0, "A", "Alpha", ""), new Segment(1, "B", "Beta", ""),
        new Segment(2, "C", "Gamma", ""));
    int u = Assignment.UNASSIGNED;
    return Segmentation.of(t, segs, new int[] {0, 0, 1, 0, u, u},
        new UnassignedReason[] {null, null, null, null, UnassignedReason.MISSING_VALUE,
            UnassignedReason.NO_RULE_MATCHED},
        new String[6]);
  }

  @Test
  void exampleCountsSharesAndStatistics() {
    SegmentProfiles p = SegmentProfiles.builder(example()).valueColumns("Milk").build();
    assertEquals(List.of("Fresh", "Milk"), p.numericColumns(), "numericColumns (date skipped)");
    assertEquals(List.of("Region"), p.categoricalColumns(), "categoricalColumns");
    assertEquals(6, p.accountCount(), "accountCount");
    assertEquals(4, p.assignedCount(), "assignedCount");
    assertEquals(3, p.segments().size(), "one profile per segment, empty C included");
    assertEquals(2, p.unassigned().size(), "one unassigned group per reason that occurs");

    SegmentProfile a = p.segment("A");
    assertEquals(3, a.accountCount(), "A accountCount");
    assertEquals(0.5, a.accountShare(), 0.0, "A accountShare = 3/6");
    NumericStats fresh = a.numeric("Fresh");
    assertEquals(new NumericStats("Fresh", 3, 0, 90, 30, 20, 10, 60), fresh, "A Fresh stats");
    NumericStats milk = a.numeric("Milk");
    assertEquals(1, milk.count(), "A Milk count");
    assertEquals(2, milk.missing(), "A Milk missing");
    assertEquals(5.0, milk.median(), 0.0, "A Milk median of one value");
    // Milk over assigned accounts: 5 (A) + 7 (B) = 12; unassigned 100 and 1 are outside the total
    assertEquals(5.0 / 12, a.valueShare("Milk").share(), 1e-15, "A Milk value share");
    assertEquals(7.0 / 12, p.segment("B").valueShare("Milk").share(), 1e-15, "B Milk value share");
    assertEquals(0.0, p.segment("C").valueShare("Milk").share(), 0.0, "C Milk value share");

    CategoryStats region = a.categorical("Region");
    assertEquals(0, region.missing(), "A Region missing");
    assertEquals(List.of(new CategoryCount("South", 2, 2.0 / 3), new CategoryCount("North", 1, 1.0 / 3)),
        region.top(), "A Region top categories");

    SegmentProfile c = p.segment("C");
    assertEquals(0, c.accountCount(), "C accountCount");
    assertEquals(new NumericStats("Fresh", 0, 0, 0.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
        c.numeric("Fresh"), "statistics of an empty segment");
    assertTrue(c.categorical("Region").top().isEmpty(), "no categories in an empty segment");

    SegmentProfile missing = p.unassigned(UnassignedReason.MISSING_VALUE).orElseThrow();
    assertEquals("MISSING_VALUE", missing.id(), "unassigned group id");
    assertEquals(SegmentProfile.UNASSIGNED_NAME, missing.name(), "unassigned group name");
    assertTrue(missing.isUnassigned(), "isUnassigned");
    assertTrue(Double.isNaN(missing.numeric("Fresh").mean()), "mean of an all-missing column is NaN");
    assertEquals(1, missing.numeric("Fresh").missing(), "missing count of the unassigned group");
    assertEquals(100.0, missing.valueShare("Milk").sum(), 0.0, "unassigned value sum");
    assertTrue(Double.isNaN(missing.valueShare("Milk").share()), "unassigned value share is NaN");
    assertEquals(1, missing.categorical("Region").missing(), "missing Region of unassigned group");
    assertTrue(p.unassigned(UnassignedReason.UNSEEN_CATEGORY).isEmpty(), "absent reason");
  }

  @Test
  void medianIsHyndmanFanType7() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c", "d"},
        NumericColumn.of("x", new double[] {1, 2, 4, 10}));
    Segmentation seg = Segmentation.of(t, List.of(new Segment(0, "A", "A", "")),
        new int[4], new UnassignedReason[4], new String[4]);
    assertEquals(3.0, SegmentProfiles.of(seg).segment("A").numeric("x").median(), 0.0,
        "median of 1, 2, 4, 10 (type 7 averages the middle pair)");
  }

  @Test
  void topCategoriesBreakTiesByLabelAndRespectTheLimit() {
    String[] labels = {"b", "a", "c", "b", "a", "d", "c", null};
    AccountTable t = AccountTable.of(
        new String[] {"1", "2", "3", "4", "5", "6", "7", "8"}, CategoricalColumn.of("k", labels));
    Segmentation seg = Segmentation.of(t, List.of(new Segment(0, "A", "A", "")), new int[8],
        new UnassignedReason[8], new String[8]);
    CategoryStats k = SegmentProfiles.builder(seg).topCategories(3).build().segment("A").categorical("k");
    assertEquals(List.of("a", "b", "c"), k.top().stream().map(CategoryCount::label).toList(),
        "ties (a, b, c all 2) broken by label; d (1) cut by the limit");
    assertEquals(1, k.missing(), "missing category count");
    assertEquals(0.25, k.top().get(0).share(), 0.0, "share = 2 / 8 (missing in the denominator)");
    assertTrue(SegmentProfiles.builder(seg).topCategories(0).build().segment("A").categorical("k").top()
        .isEmpty(), "topCategories(0)");
  }

  @Test
  void builderChoosesColumnsInGivenOrderAndAppendsValueColumns() {
    SegmentProfiles p = SegmentProfiles.builder(example())
        .columns("Region", "Milk").valueColumns("Fresh").topCategories(1).build();
    assertEquals(List.of("Milk", "Fresh"), p.numericColumns(), "chosen numeric, then value column");
    assertEquals(List.of("Fresh"), p.valueColumns(), "valueColumns");
    assertEquals(List.of("Region"), p.categoricalColumns(), "categoricalColumns");
    assertEquals(1, p.segment("A").categorical("Region").top().size(), "topCategories(1)");
    SegmentProfiles none = SegmentProfiles.builder(example()).columns().build();
    assertTrue(none.numericColumns().isEmpty() && none.categoricalColumns().isEmpty(),
        "columns() with no names profiles only counts");
  }

  @Test
  void builderRejectsBadConfiguration() {
    Segmentation seg = example();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.builder(seg).columns("Frsh").build(), "unknown column");
    assertTrue(unknown.getMessage().contains("'Frsh'") && unknown.getMessage().contains("Fresh, Milk"),
        "unknown-column message names the column and lists the columns: " + unknown.getMessage());
    IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.builder(seg).columns("since").build(), "date column");
    assertTrue(date.getMessage().contains("'since' is DATE"), "date message: " + date.getMessage());
    IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.builder(seg).valueColumns("Region").build(), "categorical value column");
    assertTrue(value.getMessage().contains("CATEGORICAL, expected NUMERIC"),
        "value-column message: " + value.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.builder(seg).columns("Fresh", "Fresh"), "repeated column");
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.builder(seg).topCategories(-1), "negative topCategories");
    assertTrue(negative.getMessage().contains("-1"), "topCategories message: " + negative.getMessage());
    assertThrows(NullPointerException.class, () -> SegmentProfiles.of(null), "null segmentation");
    assertThrows(NullPointerException.class, () -> SegmentProfiles.builder(seg).columns((String) null),
        "null column name");
    IllegalArgumentException seg404 = assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.of(seg).segment("Z"), "unknown segment id");
    assertTrue(seg404.getMessage().contains("A, B, C"), "segment message lists ids: " + seg404.getMessage());
    IllegalArgumentException col404 = assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.of(seg).segment("A").numeric("Region"), "not a numeric column");
    assertTrue(col404.getMessage().contains("Fresh, Milk"), "numeric lookup lists columns: "
        + col404.getMessage());
  }

  @Test
  void exampleCsvIsTidyAndStable() {
    SegmentProfiles p = SegmentProfiles.builder(example()).columns("Fresh", "Region")
        .valueColumns("Milk").topCategories(2).build();
    StringWriter w = new StringWriter();
    p.toCsv(w);
    String csv = w.toString();
    String expectedStart = String.join("\n",
        "segment_id,segment_name,column,statistic,value",
        "A,Alpha,,accounts,3",
        "A,Alpha,,account_share,0.5",
        "A,Alpha,Fresh,count,3",
        "A,Alpha,Fresh,missing,0",
        "A,Alpha,Fresh,sum,90",
        "A,Alpha,Fresh,mean,30",
        "A,Alpha,Fresh,median,20",
        "A,Alpha,Fresh,min,10",
        "A,Alpha,Fresh,max,60",
        "A,Alpha,Milk,count,1",
        "A,Alpha,Milk,missing,2",
        "A,Alpha,Milk,sum,5",
        "A,Alpha,Milk,mean,5",
        "A,Alpha,Milk,median,5",
        "A,Alpha,Milk,min,5",
        "A,Alpha,Milk,max,5",
        "A,Alpha,Milk,value_share,0.4166666666666667",
        "A,Alpha,Region,missing,0",
        "A,Alpha,Region,count:South,2",
        "A,Alpha,Region,share:South,0.6666666666666666",
        "A,Alpha,Region,count:North,1",
        "A,Alpha,Region,share:North,0.3333333333333333",
        "");
    assertTrue(csv.startsWith(expectedStart), "CSV start:\n" + csv);
    assertTrue(csv.contains("\nC,Gamma,Fresh,mean,\n"), "NaN mean of an empty segment is an empty cell");
    assertTrue(csv.contains("\nMISSING_VALUE,(unassigned),Milk,value_share,\n"),
        "unassigned value share is an empty cell");
    assertTrue(csv.endsWith("NO_RULE_MATCHED,(unassigned),Region,share:East,1\n"), "CSV end:\n" + csv);
  }

  @Test
  void writeCsvWritesTheSameTextAsToCsv() throws Exception {
    SegmentProfiles p = SegmentProfiles.of(example());
    Path file = dir.resolve("profiles.csv");
    p.writeCsv(file);
    StringWriter w = new StringWriter();
    p.toCsv(w);
    assertEquals(w.toString(), Files.readString(file, StandardCharsets.UTF_8), "file and writer CSV");
  }

  @Test
  void writeCsvToAMissingDirectoryNamesThePath() {
    Path file = dir.resolve("no-such-dir").resolve("p.csv");
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> SegmentProfiles.of(example()).writeCsv(file), "unwritable path");
    assertTrue(e.getMessage().contains(file.toString()), "message names the path: " + e.getMessage());
  }

  @Test
  void toStringIsAnAlignedTableWithOneRowPerGroup() {
    String s = SegmentProfiles.builder(example()).valueColumns("Milk").build().toString();
    String[] lines = s.split("\n");
    assertEquals("SegmentProfiles: 6 accounts, 3 segments, 2 unassigned", lines[0], "heading");
    assertTrue(lines[1].startsWith("segment") && lines[1].contains("Fresh mean")
        && lines[1].contains("Milk share") && lines[1].contains("Region top"), "header: " + lines[1]);
    assertEquals(2 + 1 + 5, lines.length, "heading, header, rule and 5 row groups:\n" + s);
    assertTrue(lines[3].startsWith("Alpha") && lines[3].contains("50.0%")
        && lines[3].contains("South (66.7%)"), "row of A: " + lines[3]);
    assertTrue(lines[5].contains("NA"), "empty segment shows NA means: " + lines[5]);
    assertTrue(lines[6].startsWith("(unassigned)  MISSING_VALUE"), "unassigned row: " + lines[6]);
    int width = lines[1].length();
    assertTrue(lines[3].length() <= width + 20, "rows aligned with header");
  }

  @Test
  void toStringCutsLongTables() {
    int n = 30;
    String[] ids = new String[n];
    int[] s = new int[n];
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids[i] = "a" + i;
      s[i] = i;
    }
    for (int j = 0; j < 20; j++) {
      cols.add(NumericColumn.of("x" + j, new double[n]));
    }
    AccountTable t = AccountTable.of(ids, cols.toArray(new Column[0]));
    Segmentation seg = Segmentation.of(t, ProfileFixtures.segments(n), s, new UnassignedReason[n],
        new String[n]);
    String text = SegmentProfiles.of(seg).toString();
    assertTrue(text.contains("... 10 more row groups"), "row cut:\n" + text);
    // fixed columns take 32 characters, each "xj mean" column 9 more: 9 fit in 120
    assertTrue(text.contains("... 11 more columns: x9 mean, x10 mean,"), "column cut:\n" + text);
    assertEquals(3 + 20 + 2, text.split("\n").length, "line count of a cut table");
    for (String line : text.split("\n")) {
      assertTrue(line.length() <= 120, "line width <= 120: " + line);
    }
  }

  @Test
  void emptyTableHasNaNShares() {
    AccountTable t = AccountTable.of(new String[0], NumericColumn.of("x", new double[0]));
    Segmentation seg = Segmentation.of(t, ProfileFixtures.segments(2), new int[0],
        new UnassignedReason[0], new String[0]);
    SegmentProfiles p = SegmentProfiles.builder(seg).valueColumns("x").build();
    assertEquals(2, p.segments().size(), "segments of an empty table");
    assertTrue(Double.isNaN(p.segments().get(0).accountShare()), "account share of an empty table");
    assertTrue(Double.isNaN(p.segments().get(0).valueShare("x").share()), "value share, zero total");
    assertTrue(p.toString().startsWith("SegmentProfiles: 0 accounts, 2 segments, 0 unassigned"),
        "toString of an empty table");
  }

  @Test
  void equalInputsGiveEqualProfiles() {
    SegmentProfiles a = SegmentProfiles.of(example());
    SegmentProfiles b = SegmentProfiles.of(example());
    assertEquals(a, b, "equals on content (NaN statistics included)");
    assertEquals(a.hashCode(), b.hashCode(), "hashCode");
    assertFalse(a.equals(SegmentProfiles.builder(example()).topCategories(1).build()),
        "different topCategories");
  }

  @Test
  void infiniteValuesDoNotBreakProfilesOrJson() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c"},
        NumericColumn.of("x", new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1}));
    Segmentation seg = Segmentation.of(t, ProfileFixtures.segments(1), new int[3],
        new UnassignedReason[3], new String[3]);
    SegmentProfiles p = SegmentProfiles.builder(seg).valueColumns("x").build();
    NumericStats x = p.segment("S0").numeric("x");
    assertEquals(Double.NEGATIVE_INFINITY, x.min(), "min with -Infinity");
    assertEquals(Double.POSITIVE_INFINITY, x.max(), "max with +Infinity");
    assertTrue(Double.isNaN(x.sum()), "sum of +Infinity and -Infinity");
    String json = dev.segmentation.core.json.ModelJson.write(p);
    assertFalse(json.contains("NaN") || json.contains("Infinity"), "JSON has no NaN/Infinity:\n" + json);
  }

  // ------------------------------------------------------------------------------------------------
  // Properties

  @ParameterizedTest
  @MethodSource("seeds")
  void countsAndSharesAddUp(long seed) {
    Gen g = new Gen(seed);
    Segmentation seg = ProfileFixtures.segmentation(g, ProfileFixtures.table(g, ProfileFixtures.rows(g)));
    SegmentProfiles p = SegmentProfiles.of(seg);
    int n = seg.size();
    int assigned = p.segments().stream().mapToInt(SegmentProfile::accountCount).sum();
    assertEquals(n - seg.unassignedCount(), assigned, "segment counts sum to n - unassigned, seed " + seed);
    assertEquals(assigned, p.assignedCount(), "assignedCount, seed " + seed);
    int unassigned = p.unassigned().stream().mapToInt(SegmentProfile::accountCount).sum();
    assertEquals(seg.unassignedCount(), unassigned, "unassigned groups count, seed " + seed);
    assertEquals(seg.unassignedByReason().size(), p.unassigned().size(),
        "one unassigned group per reason, seed " + seed);
    for (int s = 0; s < seg.segments().size(); s++) {
      assertEquals(seg.segments().get(s), p.segments().get(s).segment().orElseThrow(),
          "segment order, seed " + seed);
      assertEquals(seg.counts()[s], p.segments().get(s).accountCount(), "count of segment " + s
          + ", seed " + seed);
    }
    if (n > 0) {
      double shares = p.all().stream().mapToDouble(SegmentProfile::accountShare).sum();
      assertEquals(1.0, shares, 1e-12, "account shares sum to 1, seed " + seed);
    }
    for (SegmentProfile gp : p.all()) {
      for (NumericStats s : gp.numeric()) {
        assertEquals(gp.accountCount(), s.count() + s.missing(),
            "count + missing = accounts for " + s.column() + ", seed " + seed);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void segmentSumsAddUpToTheTotalOverAssignedAccounts(long seed) {
    Gen g = new Gen(seed);
    Segmentation seg = ProfileFixtures.segmentation(g, ProfileFixtures.table(g, ProfileFixtures.rows(g)));
    SegmentProfiles p = SegmentProfiles.builder(seg).valueColumns("revenue").build();
    for (String column : p.numericColumns()) {
      NumericColumn c = seg.table().numeric(column);
      double total = 0;
      double abs = 0;
      int missing = 0;
      for (int i = 0; i < seg.size(); i++) {
        if (seg.segmentIndex(i) != Assignment.UNASSIGNED) {
          if (Double.isNaN(c.get(i))) {
            missing++;
          } else {
            total += c.get(i);
            abs += Math.abs(c.get(i));
          }
        }
      }
      double sum = 0;
      int missingSum = 0;
      for (SegmentProfile s : p.segments()) {
        sum += s.numeric(column).sum();
        missingSum += s.numeric(column).missing();
      }
      assertEquals(total, sum, 1e-12 * abs, "sum of segment sums of " + column + ", seed " + seed);
      assertEquals(missing, missingSum, "missing over segments of " + column + ", seed " + seed);
    }
    double shares = 0;
    for (SegmentProfile s : p.segments()) {
      shares += s.valueShare("revenue").share();
    }
    boolean anyValue = p.segments().stream().anyMatch(s -> s.valueShare("revenue").sum() != 0);
    if (anyValue) {
      assertEquals(1.0, shares, 1e-12, "value shares of segments sum to 1, seed " + seed);
    }
    for (SegmentProfile u : p.unassigned()) {
      assertTrue(Double.isNaN(u.valueShare("revenue").share()),
          "unassigned value share is NaN, seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void statisticsMatchCommonsMath(long seed) {
    Gen g = new Gen(seed);
    Segmentation seg = ProfileFixtures.segmentation(g, ProfileFixtures.table(g, ProfileFixtures.rows(g)));
    SegmentProfiles p = SegmentProfiles.of(seg);
    Percentile r7 = new Percentile().withEstimationType(EstimationType.R_7);
    for (SegmentProfile gp : p.all()) {
      int[] rows = gp.segment().isPresent()
          ? seg.rowsOf(gp.segment().orElseThrow().index())
          : rowsOfReason(seg, gp.unassignedReason().orElseThrow());
      assertEquals(rows.length, gp.accountCount(), "group size of " + gp.id() + ", seed " + seed);
      for (NumericStats s : gp.numeric()) {
        NumericColumn c = seg.table().numeric(s.column());
        DescriptiveStatistics d = new DescriptiveStatistics();
        double maxAbs = 0;
        double sumAbs = 0;
        for (int r : rows) {
          if (!Double.isNaN(c.get(r))) {
            d.addValue(c.get(r));
            maxAbs = Math.max(maxAbs, Math.abs(c.get(r)));
            sumAbs += Math.abs(c.get(r));
          }
        }
        String what = " of " + s.column() + " in " + gp.id() + ", seed " + seed;
        assertEquals(d.getN(), s.count(), "count" + what);
        if (d.getN() == 0) {
          assertEquals(0.0, s.sum(), 0.0, "sum of no values" + what);
          assertTrue(Double.isNaN(s.mean()) && Double.isNaN(s.median()) && Double.isNaN(s.min())
              && Double.isNaN(s.max()), "NaN statistics of no values" + what);
          continue;
        }
        double tol = 1e-12 * maxAbs;
        assertEquals(d.getSum(), s.sum(), 1e-12 * sumAbs, "sum" + what);
        assertEquals(d.getMean(), s.mean(), tol, "mean" + what);
        assertEquals(r7.evaluate(d.getValues(), 50.0), s.median(), tol, "median (R_7)" + what);
        assertEquals(d.getMin(), s.min(), 0.0, "min" + what);
        assertEquals(d.getMax(), s.max(), 0.0, "max" + what);
      }
    }
  }

  private static int[] rowsOfReason(Segmentation seg, UnassignedReason reason) {
    return java.util.stream.IntStream.range(0, seg.size())
        .filter(i -> seg.assignment(i).unassignedReason().orElse(null) == reason)
        .toArray();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void topCategoriesAreTheMostFrequentInOrder(long seed) {
    Gen g = new Gen(seed);
    Segmentation seg = ProfileFixtures.segmentation(g, ProfileFixtures.table(g, ProfileFixtures.rows(g)));
    int k = g.intBetween(0, 4);
    SegmentProfiles p = SegmentProfiles.builder(seg).topCategories(k).build();
    for (SegmentProfile gp : p.all()) {
      int[] rows = gp.segment().isPresent()
          ? seg.rowsOf(gp.segment().orElseThrow().index())
          : rowsOfReason(seg, gp.unassignedReason().orElseThrow());
      for (CategoryStats cs : gp.categorical()) {
        CategoricalColumn c = seg.table().categorical(cs.column());
        Map<String, Integer> counts = new HashMap<>();
        int missing = 0;
        for (int r : rows) {
          if (c.isMissing(r)) {
            missing++;
          } else {
            counts.merge(c.value(r).orElseThrow(), 1, Integer::sum);
          }
        }
        List<Map.Entry<String, Integer>> expected = new ArrayList<>(counts.entrySet());
        expected.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()));
        expected = expected.subList(0, Math.min(k, expected.size()));
        String what = " of " + cs.column() + " in " + gp.id() + ", seed " + seed;
        assertEquals(missing, cs.missing(), "missing" + what);
        assertEquals(expected.size(), cs.top().size(), "number of top categories" + what);
        for (int i = 0; i < expected.size(); i++) {
          CategoryCount cc = cs.top().get(i);
          assertEquals(expected.get(i).getKey(), cc.label(), "label at rank " + (i + 1) + what);
          assertEquals((int) expected.get(i).getValue(), cc.count(), "count at rank " + (i + 1) + what);
          assertEquals((double) cc.count() / rows.length, cc.share(), 0.0, "share at rank " + (i + 1)
              + what);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void csvParsesBackToTheSameNumbers(long seed) {
    Gen g = new Gen(seed);
    Segmentation seg = ProfileFixtures.segmentation(g, ProfileFixtures.table(g, ProfileFixtures.rows(g)));
    SegmentProfiles p = SegmentProfiles.builder(seg).valueColumns("revenue")
        .topCategories(g.intBetween(0, 4)).build();
    StringWriter w = new StringWriter();
    p.toCsv(w);
    List<String[]> rows = parseCsv(w.toString());
    assertEquals(SegmentProfiles.CSV_HEADER, List.of(rows.get(0)), "CSV header, seed " + seed);
    List<Object[]> expected = expectedCsv(p);
    assertEquals(expected.size(), rows.size() - 1, "number of CSV rows, seed " + seed);
    for (int i = 0; i < expected.size(); i++) {
      Object[] e = expected.get(i);
      String[] r = rows.get(i + 1);
      String what = " at CSV row " + (i + 1) + ", seed " + seed;
      assertEquals(5, r.length, "cells" + what);
      for (int j = 0; j < 4; j++) {
        assertEquals(e[j], r[j], List.of("segment_id", "segment_name", "column", "statistic").get(j) + what);
      }
      double v = (Double) e[4];
      if (Double.isNaN(v)) {
        assertEquals("", r[4], "NaN is an empty cell" + what);
      } else {
        assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(Double.parseDouble(r[4])),
            "value (exact, " + v + " written as " + r[4] + ")" + what);
      }
    }
  }

  /** The CSV rows, rebuilt from the public API in the documented order. */
  private static List<Object[]> expectedCsv(SegmentProfiles p) {
    List<Object[]> out = new ArrayList<>();
    for (SegmentProfile gp : p.all()) {
      String id = gp.id();
      String name = gp.name();
      out.add(new Object[] {id, name, "", "accounts", (double) gp.accountCount()});
      out.add(new Object[] {id, name, "", "account_share", gp.accountShare()});
      for (NumericStats s : gp.numeric()) {
        out.add(new Object[] {id, name, s.column(), "count", (double) s.count()});
        out.add(new Object[] {id, name, s.column(), "missing", (double) s.missing()});
        out.add(new Object[] {id, name, s.column(), "sum", s.sum()});
        out.add(new Object[] {id, name, s.column(), "mean", s.mean()});
        out.add(new Object[] {id, name, s.column(), "median", s.median()});
        out.add(new Object[] {id, name, s.column(), "min", s.min()});
        out.add(new Object[] {id, name, s.column(), "max", s.max()});
      }
      for (SegmentProfile.ValueShare v : gp.valueShares()) {
        out.add(new Object[] {id, name, v.column(), "value_share", v.share()});
      }
      for (CategoryStats cs : gp.categorical()) {
        out.add(new Object[] {id, name, cs.column(), "missing", (double) cs.missing()});
        for (CategoryCount cc : cs.top()) {
          out.add(new Object[] {id, name, cs.column(), "count:" + cc.label(), (double) cc.count()});
          out.add(new Object[] {id, name, cs.column(), "share:" + cc.label(), cc.share()});
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void profilesAreDeterministic(long seed) {
    Gen g = new Gen(seed);
    Segmentation seg = ProfileFixtures.segmentation(g, ProfileFixtures.table(g, ProfileFixtures.rows(g)));
    SegmentProfiles a = SegmentProfiles.of(seg);
    SegmentProfiles b = SegmentProfiles.of(seg);
    assertEquals(a, b, "same segmentation, equal profiles, seed " + seed);
    assertEquals(a.toString(), b.toString(), "same toString, seed " + seed);
    StringWriter wa = new StringWriter();
    StringWriter wb = new StringWriter();
    a.toCsv(wa);
    b.toCsv(wb);
    assertEquals(wa.toString(), wb.toString(), "same CSV, seed " + seed);
  }

  @Test
  void dateColumnsAreSkippedByDefault() {
    SegmentProfiles p = SegmentProfiles.of(example());
    for (String c : p.numericColumns()) {
      assertEquals(ColumnType.NUMERIC, example().table().column(c).type(), "numeric column " + c);
    }
    assertFalse(p.numericColumns().contains("since") || p.categoricalColumns().contains("since"),
        "date column skipped");
  }
}
