package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AbcModelTest {

  private static final String[] SPEND = {
    "Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"
  };

  static LongStream seeds() {
    return Gen.seeds(300);
  }

  private static AccountTable table(double... values) {
    String[] ids = new String[values.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "A-" + i;
    }
    return AccountTable.of(ids, NumericColumn.of("v", values));
  }

  private static AbcModel fit(AbcRule rule, double[] thresholds, double... values) {
    return AbcModel.builder().value("v").rule(rule).thresholds(thresholds).fit(table(values));
  }

  /**
   * The reference classification, written as plainly as possible: sort the positive values in
   * descending order, walk tie groups, compare the running share with the thresholds; non-positive
   * values go to the last class, missing ones are unassigned.
   */
  static int[] referenceClasses(double[] v, double[] t, AbcRule rule) {
    double[] pos = Arrays.stream(v).filter(x -> x > 0).sorted().toArray();
    double total = 0;
    for (int i = pos.length - 1; i >= 0; i--) {
      total += pos[i];
    }
    int[] out = new int[v.length];
    for (int a = 0; a < v.length; a++) {
      if (Double.isNaN(v[a])) {
        out[a] = Assignment.UNASSIGNED;
        continue;
      }
      if (!(v[a] > 0)) {
        out[a] = t.length;
        continue;
      }
      double before = 0;
      double after = 0;
      for (int i = pos.length - 1; i >= 0; i--) {
        if (pos[i] > v[a]) {
          before += pos[i];
        }
        if (pos[i] >= v[a]) {
          after += pos[i];
        }
      }
      int c = 0;
      for (double th : t) {
        if (rule == AbcRule.PRIMARY ? after / total > th : before / total >= th) {
          c++;
        }
      }
      out[a] = c;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Wholesale customers (UCI, 440 clients, 6 annual spend columns).

  static AccountTable wholesale() throws URISyntaxException {
    Path p = Path.of(AbcModelTest.class.getResource("/data/wholesale_customers.csv").toURI());
    AccountTable t = AccountTable.readCsv(p);
    double[] total = new double[t.rowCount()];
    for (String c : SPEND) {
      double[] v = t.numeric(c).toArray();
      for (int i = 0; i < v.length; i++) {
        total[i] += v[i];
      }
    }
    return t.withColumn(NumericColumn.of("total", total));
  }

  /**
   * ABC classes of total spend (sum of the six spend columns) of the 440 wholesale clients.
   *
   * <p>How to verify the counts by hand, for example in a spreadsheet: add a column with the sum of
   * Fresh..Delicassen (total 14,619,500), sort it in descending order and add a running sum divided by
   * 14,619,500. Under PRIMARY the last A row is the one with running share {@code <= 0.8}: rank 251,
   * spend 24,968, share 0.79974 (rank 252, spend 24,916, reaches 0.80144); the last B row is rank 365,
   * spend 13,977, share 0.94994 (rank 366, spend 13,820, reaches 0.95089). So A = 251, B = 114,
   * C = 75. Under CROSSING_JOINS_UPPER the crossing rows 252 and 366 join the upper class: A = 252,
   * B = 114, C = 74. The only tie (two clients with 29,025) lies inside A and does not matter.
   */
  @Test
  void wholesaleTotalSpend() throws URISyntaxException {
    AccountTable t = wholesale();
    double[] v = t.numeric("total").toArray();
    assertEquals(440, v.length, "clients");
    assertEquals(14_619_500.0, Arrays.stream(v).sum(), 0, "total spend");

    AbcModel primary = AbcModel.builder().value("total").fit(t);
    Segmentation s = primary.assign(t);
    assertArrayEquals(new int[] {251, 114, 75}, s.counts(), "PRIMARY A/B/C counts");
    assertArrayEquals(new double[] {24_968, 13_977}, primary.cutoffs(), 0, "PRIMARY cut-offs");
    assertArrayEquals(referenceClasses(v, new double[] {0.8, 0.95}, AbcRule.PRIMARY),
        s.segmentIndices(), "PRIMARY vs straightforward sort");
    assertEquals(List.of("A", "B", "C"), primary.segments().stream().map(Segment::id).toList(), "ids");
    assertTrue(primary.warnings().isEmpty(), "warnings " + primary.warnings());
    double aSum = 0;
    for (int row : s.rowsOf(0)) {
      aSum += v[row];
    }
    assertEquals(0.7997371319128561, aSum / 14_619_500.0, 1e-12, "A share");
    assertTrue(aSum / 14_619_500.0 <= 0.8, "A share <= 80%");

    AbcModel crossing = AbcModel.builder().value("total").rule(AbcRule.CROSSING_JOINS_UPPER).fit(t);
    Segmentation x = crossing.assign(t);
    assertArrayEquals(new int[] {252, 114, 74}, x.counts(), "CROSSING_JOINS_UPPER A/B/C counts");
    assertArrayEquals(new double[] {24_916, 13_820}, crossing.cutoffs(), 0, "crossing cut-offs");
    assertArrayEquals(referenceClasses(v, new double[] {0.8, 0.95}, AbcRule.CROSSING_JOINS_UPPER),
        x.segmentIndices(), "CROSSING_JOINS_UPPER vs straightforward sort");
  }

  // ---------------------------------------------------------------------------------------------
  // Hand examples.

  @Test
  void primaryAndCrossingOnAHandExample() {
    double[] t = {0.8, 0.95};
    // shares after each value: 50 -> 0.5, 30 -> 0.8, 10 -> 0.9, tie 5, 5 -> 1.0
    double[] v = {5, 50, 10, 30, 5};
    assertArrayEquals(new int[] {2, 0, 1, 0, 2},
        fit(AbcRule.PRIMARY, t, v).assign(table(v)).segmentIndices(), "PRIMARY");
    // shares before: 0, 0.5, 0.8 (>= 0.8: B), 0.9 for the tie (< 0.95: B); C is empty
    AbcModel x = fit(AbcRule.CROSSING_JOINS_UPPER, t, v);
    assertArrayEquals(new int[] {1, 0, 1, 0, 1}, x.assign(table(v)).segmentIndices(), "CROSSING");
    assertTrue(x.warnings().get(0).contains("last class C holds no training account"),
        x.warnings().toString());
    assertEquals(2, x.segmentIndexOf(1), "a new small account is C");
  }

  @Test
  void tieGroupsAreNeverSplit() {
    double[] t = {0.8, 0.95};
    // 40 -> 0.4; the tie 25, 25 -> 0.9 as a whole; 10 -> 1.0
    double[] v = {25, 40, 10, 25};
    assertArrayEquals(new int[] {1, 0, 2, 1},
        fit(AbcRule.PRIMARY, t, v).assign(table(v)).segmentIndices(), "PRIMARY keeps the tie in B");
    assertArrayEquals(new int[] {0, 0, 1, 0},
        fit(AbcRule.CROSSING_JOINS_UPPER, t, v).assign(table(v)).segmentIndices(),
        "CROSSING moves the whole crossing tie to A");
  }

  @Test
  void zeroNegativeAndMissingValues() {
    double[] v = {60, 0, -5, Double.NaN, 30, 10, -0.0};
    AbcModel m = fit(AbcRule.PRIMARY, new double[] {0.8, 0.95}, v);
    Segmentation s = m.assign(table(v));
    // total of positive values 100: 60 -> 0.6 A, 30 -> 0.9 B, 10 -> 1.0 C; 0, -5, -0.0 -> C
    assertArrayEquals(new int[] {0, 2, 2, -1, 1, 2, 2}, s.segmentIndices(), "classes");
    assertEquals(UnassignedReason.MISSING_VALUE, s.assignment(3).reason(), "NaN reason");
    assertEquals("column 'v' is missing", s.assignment(3).detail(), "NaN detail");
    assertEquals(1, s.unassignedCount(), "unassigned");
    assertEquals(2, m.segmentIndexOf(Double.NEGATIVE_INFINITY), "-inf");
    assertEquals(0, m.segmentIndexOf(Double.POSITIVE_INFINITY), "+inf");
    assertEquals(Assignment.UNASSIGNED, m.segmentIndexOf(Double.NaN), "NaN");
    assertEquals("v >= 60", m.segments().get(0).description(), "A description");
    assertEquals("every other account: v < 30, zero or negative", m.segments().get(2).description(),
        "C description");
  }

  @Test
  void allZeroGoesToTheLastClass() {
    AbcModel m = fit(AbcRule.PRIMARY, new double[] {0.8, 0.95}, 0, 0, -1);
    assertArrayEquals(new int[] {0, 0, 3}, m.assign(table(0, 0, -1)).counts(), "all in C");
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        m.cutoffs(), 0, "no cut-off is reached");
    assertTrue(m.warnings().get(0).contains("no value is positive"), m.warnings().toString());
    assertEquals(2, m.segmentIndexOf(1e9), "nothing reaches A or B");
    assertEquals(2, m.segmentIndexOf(Double.POSITIVE_INFINITY), "not even +inf");
    assertEquals(m, ModelJson.readAbcModel(ModelJson.write(m)), "JSON with null cut-offs");
  }

  @Test
  void oneAccount() {
    // its cumulative share is 1: PRIMARY puts it in the last class, CROSSING in the first
    AbcModel p = fit(AbcRule.PRIMARY, new double[] {0.8, 0.95}, 7);
    assertArrayEquals(new int[] {2}, p.assign(table(7)).segmentIndices(), "PRIMARY, n = 1");
    assertEquals(2, p.warnings().size(), "A and B empty: " + p.warnings());
    assertEquals(2, p.segmentIndexOf(Double.POSITIVE_INFINITY), "+inf does not reach empty A, B");
    AbcModel x = fit(AbcRule.CROSSING_JOINS_UPPER, new double[] {0.8, 0.95}, 7);
    assertArrayEquals(new int[] {0}, x.assign(table(7)).segmentIndices(), "CROSSING, n = 1");
    assertArrayEquals(new double[] {7, 7}, x.cutoffs(), 0, "empty B takes the cut-off of A");
    assertEquals(0, x.segmentIndexOf(7), "equal to the cut-off");
    assertEquals(2, x.segmentIndexOf(6.9), "below every cut-off");
  }

  @Test
  void errorsNameTheColumn() {
    AbcModel.Builder b = AbcModel.builder().value("v");
    DataValidationException empty = assertThrows(DataValidationException.class, () -> b.fit(table()));
    assertTrue(empty.getMessage().contains("column 'v'") && empty.getMessage().contains("empty"),
        empty.getMessage());
    assertEquals("v", empty.column().orElseThrow(), "column");
    DataValidationException missing = assertThrows(DataValidationException.class,
        () -> b.fit(table(Double.NaN)));
    assertTrue(missing.getMessage().contains("all 1 values are missing"), missing.getMessage());
    DataValidationException inf = assertThrows(DataValidationException.class,
        () -> b.fit(table(1, Double.NEGATIVE_INFINITY)));
    assertEquals("A-1", inf.accountId().orElseThrow(), "account");
    DataValidationException unknown = assertThrows(DataValidationException.class,
        () -> AbcModel.builder().value("w").fit(table(1)));
    assertTrue(unknown.getMessage().contains("columns are: v"), unknown.getMessage());
    assertThrows(IllegalStateException.class, () -> AbcModel.builder().fit(table(1)), "no value");
    assertThrows(IllegalStateException.class, () -> b.value("w"), "value twice");
    assertThrows(IllegalStateException.class,
        () -> AbcModel.builder().thresholds(0.5).thresholds(0.6), "thresholds twice");
    assertThrows(IllegalStateException.class,
        () -> AbcModel.builder().rule(AbcRule.PRIMARY).rule(AbcRule.PRIMARY), "rule twice");
    assertThrows(IllegalStateException.class,
        () -> AbcModel.builder().value("v").names("x", "y").fit(table(1)), "names count");
    assertThrows(IllegalArgumentException.class, () -> AbcModel.builder().thresholds());
    assertThrows(IllegalArgumentException.class, () -> AbcModel.builder().thresholds(0.9, 0.8));
    assertThrows(IllegalArgumentException.class, () -> AbcModel.builder().thresholds(0, 0.8));
    assertThrows(IllegalArgumentException.class, () -> AbcModel.builder().thresholds(0.8, 1.01));
    assertThrows(IllegalArgumentException.class, () -> AbcModel.builder().names("A", " "));
    assertThrows(NullPointerException.class, () -> AbcModel.builder().rule(null));
    assertEquals("AbcModel.Builder[value=unset, thresholds=[0.8, 0.95], rule=PRIMARY, names=default]",
        AbcModel.builder().toString(), "builder toString");
  }

  @Test
  void moreClassesAndNames() {
    AbcModel m = AbcModel.builder().value("v").thresholds(0.2, 0.4, 0.6, 0.8, 1.0)
        .names("top", "high", "mid", "low", "tail", "none").fit(table(30, 25, 20, 15, 10, 0));
    assertEquals(List.of("A", "B", "C", "D", "E", "F"),
        m.segments().stream().map(Segment::id).toList(), "ids");
    assertEquals("tail", m.segments().get(4).name(), "names");
    // shares 0.3, 0.55, 0.75, 0.9, 1.0: A is empty, 30 -> B, 25 -> C, 20 -> D, 15 and 10 -> E
    assertArrayEquals(new int[] {1, 2, 3, 4, 4, 5}, m.assign(table(30, 25, 20, 15, 10, 0))
        .segmentIndices(), "classes with threshold 1.0");
    assertEquals("A", AbcModel.letters(0), "letters");
    assertEquals("Z", AbcModel.letters(25), "letters");
    assertEquals("AA", AbcModel.letters(26), "letters");
    assertEquals("AZ", AbcModel.letters(51), "letters");
    assertEquals("BA", AbcModel.letters(52), "letters");
  }

  // ---------------------------------------------------------------------------------------------
  // Properties.

  private static double[] randomThresholds(Gen g) {
    int k = g.intBetween(1, 4);
    double[] t = new double[k];
    for (int j = 0; j < k; j++) {
      t[j] = (j + 1 + g.rng().nextDouble() * 0.99) / (k + 1);
    }
    if (g.chance(0.2)) {
      t[k - 1] = 1.0;
    }
    if (g.chance(0.3) && k == 2) {
      t = new double[] {0.8, 0.95};
    }
    return t;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void cutoffAssignmentEqualsTheTrainingClassification(long seed) {
    Gen g = new Gen(seed);
    double[] v = g.tiedValues(g.intBetween(1, 300), g.pick(0.0, 0.1));
    if (Arrays.stream(v).allMatch(Double::isNaN)) {
      return;
    }
    double[] t = randomThresholds(g);
    AbcRule rule = g.pick(AbcRule.values());
    AccountTable table = table(v);
    AbcModel m = AbcModel.builder().value("v").thresholds(t).rule(rule).fit(table);
    Segmentation s = m.assign(table);
    String msg = "seed " + seed + ", " + rule + ", thresholds " + Arrays.toString(t);
    assertArrayEquals(referenceClasses(v, t, rule), s.segmentIndices(), msg + ": classes");
    for (int i = 0; i < v.length; i++) {
      Assignment a = s.assignment(i);
      assertEquals(Double.isNaN(v[i]), !a.isAssigned(), msg + ": row " + i + " assigned");
      if (!a.isAssigned()) {
        assertEquals(UnassignedReason.MISSING_VALUE, a.reason(), msg + ": reason of row " + i);
      } else if (!(v[i] > 0)) {
        assertEquals(t.length, a.segment(), msg + ": non-positive value in the last class");
      }
      assertEquals(a, m.assign(table.row(i)), msg + ": assign(Row) of row " + i);
    }
    double[] c = m.cutoffs();
    for (int j = 1; j < c.length; j++) {
      assertTrue(c[j] <= c[j - 1], msg + ": cut-offs non-increasing " + Arrays.toString(c));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void primaryClassSharesNeverExceedTheirThresholds(long seed) {
    Gen g = new Gen(seed);
    double[] v = g.tiedValues(g.intBetween(1, 300), 0.05);
    if (Arrays.stream(v).allMatch(Double::isNaN)) {
      return;
    }
    double[] t = randomThresholds(g);
    Segmentation s = AbcModel.builder().value("v").thresholds(t).fit(table(v)).assign(table(v));
    double total = Arrays.stream(v).filter(x -> x > 0).sum();
    if (total == 0) {
      assertEquals(s.size() - s.unassignedCount(), s.counts()[t.length],
          "seed " + seed + ": without positive values all are in the last class");
      return;
    }
    double upto = 0;
    for (int c = 0; c < t.length; c++) {
      for (int row : s.rowsOf(c)) {
        upto += v[row];
      }
      assertTrue(upto / total <= t[c] + 1e-12, "seed " + seed + ": share of classes 0.." + c + " is "
          + upto / total + " > " + t[c] + " " + Arrays.toString(s.counts()));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void largerValuesNeverGetALowerClassAndJsonRoundTripsExactly(long seed) {
    Gen g = new Gen(seed);
    double[] v = g.tiedValues(g.intBetween(1, 200), 0.1);
    if (Arrays.stream(v).allMatch(Double::isNaN)) {
      return;
    }
    AbcModel m = AbcModel.builder().value("v").thresholds(randomThresholds(g))
        .rule(g.pick(AbcRule.values())).fit(table(v));
    double[] sorted = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
    for (int i = 1; i < sorted.length; i++) {
      assertTrue(m.segmentIndexOf(sorted[i]) <= m.segmentIndexOf(sorted[i - 1]),
          "seed " + seed + ": " + sorted[i] + " is classed below " + sorted[i - 1]);
    }
    String json = ModelJson.write(m);
    AbcModel back = ModelJson.readAbcModel(json);
    assertEquals(m, back, "seed " + seed + ": model after a JSON round trip\n" + json);
    assertEquals(json, ModelJson.write(back), "seed " + seed + ": JSON written twice");
    AccountTable fresh = table(g.tiedValues(100, 0.1));
    assertEquals(m.assign(fresh), back.assign(fresh), "seed " + seed + ": assignment after round trip");
  }

  // ---------------------------------------------------------------------------------------------
  // JSON.

  /**
   * The model in {@code json/v1/abc-model.json}: thresholds 0.5, 0.8, 0.95 on 60, 20, 10, 6, 4
   * (total 100). The largest account alone holds 60% > 50%, so A is empty (cut-off +Infinity, written
   * as null); 60 and 20 (share 0.8) are B, 10 (0.9) is C, 6 and 4 (0.96, 1.0) are D.
   */
  static AbcModel goldenModel() {
    return AbcModel.builder().value("revenue").thresholds(0.5, 0.8, 0.95)
        .names("Key", "Major", "Regular", "Tail")
        .fit(AccountTable.of(new String[] {"a", "b", "c", "d", "e", "f"},
            NumericColumn.of("revenue", new double[] {4, 60, 10, 20, 6, Double.NaN})));
  }

  @Test
  void goldenFileReadsToAFreshlyFittedModel() throws IOException {
    AbcModel fresh = goldenModel();
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 20, 10}, fresh.cutoffs(), 0, "cut-offs");
    String golden = Files.readString(Path.of("src/test/resources/json/v1/abc-model.json"),
        StandardCharsets.UTF_8);
    AbcModel read = ModelJson.readAbcModel(golden);
    assertEquals(fresh, read, "golden file vs freshly fitted model");
    assertEquals(fresh, ModelJson.readModel(golden), "golden file read by kind");
    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected = mapper.readTree(golden);
    assertEquals(expected, mapper.readTree(ModelJson.write(read)), "re-written golden file");
    assertEquals(expected, mapper.readTree(ModelJson.write(fresh)), "fresh model as JSON");
  }

  @Test
  void readingRejectsBadDocumentsWithTheirPath() throws IOException {
    String json = ModelJson.write(goldenModel());
    assertPath("$.cutoffs", json, d -> ((ArrayNode) d.get("cutoffs")).set(2, DoubleNode.valueOf(30.0)));
    assertPath("$.cutoffs", json, d -> ((ArrayNode) d.get("cutoffs")).set(2, DoubleNode.valueOf(-1.0)));
    assertPath("$.cutoffs", json, d -> ((ArrayNode) d.get("cutoffs")).remove(2));
    assertPath("$.thresholds", json, d -> ((ArrayNode) d.get("thresholds")).set(0, DoubleNode.valueOf(0.9)));
    assertPath("$.classes", json, d -> ((ObjectNode) d.get("classes").get(1)).put("id", "A"));
    assertPath("$.column", json, d -> d.put("column", ""));
    assertPath("$.rule", json, d -> d.put("rule", "SECONDARY"));
    assertPath("$.thresholds[0]", json, d -> ((ArrayNode) d.get("thresholds")).set(0, NullNode.getInstance()));
    assertPath("$.extra", json, d -> d.put("extra", true));
  }

  private static void assertPath(String path, String json, Consumer<ObjectNode> edit)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode doc = (ObjectNode) mapper.readTree(json);
    edit.accept(doc);
    String bad = mapper.writeValueAsString(doc);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readAbcModel(bad), bad);
    assertEquals(path, e.jsonPath().orElse("(none)"), e.getMessage());
  }
}
