package dev.segmentation.core.model;

import static dev.segmentation.core.model.Condition.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Rule models: first match wins, defaults, validation, warnings, JSON and thread safety. */
class RuleModelTest {

  static RuleModel issueModel() {
    return RuleModel.builder()
        .segment("Strategic").when(col("potential").gt(5e6).or(col("turnover").gt(1e6)))
        .segment("Develop").when("potential > 1e6")
        .otherwise("Long tail")
        .build();
  }

  /** turnover, potential, industry; A strategic by potential, B by turnover, C develop, D tail, E missing. */
  static AccountTable accounts() {
    return AccountTable.of(new String[] {"A", "B", "C", "D", "E"},
        NumericColumn.of("turnover", new double[] {1e5, 2e6, 1e5, 1e5, Double.NaN}),
        NumericColumn.of("potential", new double[] {6e6, 1e3, 2e6, 1e6, Double.NaN}),
        CategoricalColumn.of("industry", new String[] {"Pharma", "Retail", null, "Pharma", "Retail"}));
  }

  @Test
  void issueExample() {
    RuleModel m = issueModel();
    assertEquals("rule-model", m.kind(), "kind");
    assertEquals(List.of("strategic", "develop", "long-tail"),
        m.segments().stream().map(Segment::id).toList(), "segment ids are slugs of the names");
    assertEquals("potential > 5000000 or turnover > 1000000", m.segments().get(0).description(),
        "description defaults to the condition text");
    assertEquals(RuleModel.DEFAULT_DESCRIPTION, m.segments().get(2).description(),
        "default segment description");
    Segmentation seg = m.assign(accounts());
    assertEquals("[0, 0, 1, 2, 2]", java.util.Arrays.toString(seg.segmentIndices()),
        "A, B strategic; C develop; D (potential = 1e6, not > 1e6) and E (missing) long tail");
    assertEquals(0, seg.unassignedCount(), "a default segment leaves nobody unassigned");
    assertTrue(m.warnings().isEmpty(), "no warnings: " + m.warnings());
  }

  @Test
  void firstMatchWins() {
    RuleModel m = RuleModel.builder()
        .segment("Big").when("potential > 1e6")
        .segment("Bigger").when("potential > 5e6")
        .build();
    Segmentation seg = m.assign(accounts());
    assertEquals(0, seg.segmentIndex(0), "account A matches both rules and gets the first");
    assertEquals(1, m.warnings().size(), "the second rule is unreachable: " + m.warnings());
  }

  @Test
  void withoutDefaultUnmatchedAccountsAreUnassignedWithNoRuleMatched() {
    RuleModel m = RuleModel.builder()
        .segment("Strategic").when("potential > 5e6 or turnover > 1e6")
        .build();
    Segmentation seg = m.assign(accounts());
    assertEquals(3, seg.unassignedCount(), "C, D, E unassigned");
    Assignment c = seg.assignment(2);
    assertEquals(UnassignedReason.NO_RULE_MATCHED, c.unassignedReason().orElseThrow(), "reason");
    assertEquals("the rule did not match", c.detail(), "detail");
    assertEquals(c, m.assign(accounts().row(2)), "assign(Row) gives the same assignment");
    assertEquals(1, m.segments().size(), "no default segment");
    assertTrue(m.defaultSegment().isEmpty(), "defaultSegment() is empty");
    assertTrue(m.toString().contains("no default segment"), m.toString());
  }

  @Test
  void missingValuesFallThroughToIsMissingRules() {
    RuleModel m = RuleModel.builder()
        .segment("High").when("potential > 1e6")
        .segment("Low").when("potential <= 1e6")
        .segment("Unknown").when("potential is missing")
        .build();
    Segmentation seg = m.assign(accounts());
    assertEquals("[0, 1, 0, 1, 2]", java.util.Arrays.toString(seg.segmentIndices()),
        "E has no potential: neither > nor <= matches, 'is missing' does");
    assertEquals(0, seg.unassignedCount(), "everybody assigned");
  }

  @Test
  void unreachableRulesAreWarnings() {
    String first = "rule 1 'r1'";
    assertWarns(List.of("x > 5", "x > 10"), 2, "rule 1 'r1' (`x > 5`) already takes every account");
    assertWarns(List.of("x <= 3 or x > 5", "x between 6 and 8"), 2, first);
    assertWarns(List.of("x < 5", "x >= 5", "x between 4 and 6"), 3, "rules 1 to 2 together");
    assertWarns(List.of("x < 5", "x > 5", "x = 5"), 0, "5 is not covered");
    assertWarns(List.of("x > 5", "x >= 5"), 0, "5 itself is not covered");
    assertWarns(List.of("x > 5", "x > 10 and y = \"A\""), 2, first); // an operand of and
    assertWarns(List.of("y in (\"A\", \"B\")", "y = \"A\""), 2, first); // labels
    assertWarns(List.of("y in (\"A\", \"B\")", "y in (\"A\", \"C\")"), 0, "C is not covered");
    assertWarns(List.of("x > 5 and x < 3"), 1, "no number satisfies");
    assertWarns(List.of("x > 5", "y > 10"), 0, "other column");
    assertWarns(List.of("x > 5 or y > 3", "y > 4"), 2, first); // operand of an earlier or
    assertWarns(List.of("x > 1 and x < 5", "x between 2 and 3"), 2, first); // and intersection
    assertWarns(List.of("x is missing", "x is missing and y > 1"), 2, first);
    assertWarns(List.of("x != 3", "x > 4"), 2, first); // != covers all but 3
    assertWarns(List.of("x != 3", "x = 3"), 0, "3 is not covered by !=");
    assertWarns(List.of("x > 5 and y > 1", "x > 6"), 0, "an and of two columns covers no cylinder");
    assertWarns(List.of("not (x > 5)", "x < 1"), 0, "not is not analysed (sound, incomplete)");
  }

  private static void assertWarns(List<String> rules, int warnedRule, String expect) {
    RuleModel.Builder b = RuleModel.builder();
    for (int i = 0; i < rules.size(); i++) {
      b.segment("r" + (i + 1)).when(rules.get(i));
    }
    RuleModel m = b.build();
    if (warnedRule == 0) {
      assertTrue(m.warnings().isEmpty(), rules + ": expected no warning (" + expect + "), got "
          + m.warnings());
      return;
    }
    assertEquals(1, m.warnings().size(), rules + ": warnings " + m.warnings());
    String w = m.warnings().get(0);
    assertTrue(w.startsWith("Rule " + warnedRule + " 'r" + warnedRule + "'"), rules + ": " + w);
    assertTrue(w.contains("can never match") && w.contains(expect), rules + ": " + w);
    assertTrue(m.toString().contains(w), "toString lists warnings: " + m);
  }

  @Test
  void unknownColumnNamesTheRuleAndColumn() {
    RuleModel m = RuleModel.builder()
        .segment("Strategic").when("potential > 5e6")
        .segment("Develop").when("potential > 1e6 and sector = \"Pharma\"")
        .build();
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> m.validate(accounts()), "validate");
    assertTrue(e.getMessage().startsWith("Rule 2 'Develop': Unknown column 'sector'"), e.getMessage());
    assertTrue(e.getMessage().contains("columns are: turnover, potential, industry"), e.getMessage());
    assertEquals("sector", e.column().orElseThrow(), "column of the exception");
    assertThrows(DataValidationException.class, () -> m.assign(accounts()), "assign");
    assertThrows(DataValidationException.class, () -> m.assign(accounts().row(0)), "assign(Row)");
  }

  @Test
  void categoriesThatNeverOccurAreWarnings() {
    RuleModel m = RuleModel.builder()
        .segment("Pharma").when("industry in (\"Pharmaa\", \"Pharma\") or industry = \"Chemicals\"")
        .segment("Codes").when("turnover in (100000, 7)")
        .build();
    List<String> w = m.validate(accounts());
    assertEquals(3, w.size(), "warnings: " + w);
    assertEquals("Rule 1 'Pharma': category \"Pharmaa\" of column 'industry' never occurs in the "
        + "table; levels are: Pharma, Retail.", w.get(0), "first warning");
    assertTrue(w.get(1).contains("\"Chemicals\""), w.get(1));
    assertEquals("Rule 2 'Codes': category \"7\" of column 'turnover' never occurs in the table.",
        w.get(2), "numeric column used as codes");
    AccountTable unused = accounts().rows(1, 2); // "Pharma" is a level of the dictionary but unused
    assertTrue(m.validate(unused).get(1).contains("\"Pharma\""), "levels without rows count as "
        + "never occurring: " + m.validate(unused));
  }

  @Test
  void idsAreSlugsAndMustBeUnique() {
    assertEquals("long-tail", RuleModel.slug("Long tail"), "slug");
    assertEquals("a-b-c", RuleModel.slug("  A & b -- C!"), "slug collapses separators");
    assertEquals("öl-gas", RuleModel.slug("Öl & Gas"), "unicode letters are kept");
    assertThrows(IllegalArgumentException.class, () -> RuleModel.slug("!!!"), "no letter or digit");
    RuleModel.Builder b = RuleModel.builder().segment("Strategic").when("x > 1");
    IllegalStateException dup =
        assertThrows(IllegalStateException.class, () -> b.segment("strategic"), "same slug");
    assertTrue(dup.getMessage().contains("\"strategic\" is used twice"), dup.getMessage());
    assertThrows(IllegalStateException.class, () -> b.otherwise("STRATEGIC"), "default with same id");
    RuleModel m = b.segment("s2", "Strategic").when("x > 0").build();
    assertEquals("s2", m.segments().get(1).id(), "explicit id");
    assertThrows(IllegalStateException.class, () -> RuleModel.builder().build(), "empty model");
    RuleModel.Builder twice = RuleModel.builder();
    twice.otherwise("All");
    assertThrows(IllegalStateException.class, () -> twice.otherwise("Rest"), "two defaults");
    assertEquals(1, RuleModel.builder().otherwise("All").build().assign(accounts()).counts()[0] / 5,
        "a model with only a default takes everybody");
    assertThrows(ConditionSyntaxException.class,
        () -> RuleModel.builder().segment("x").when("potential >"), "text is parsed");
  }

  @Test
  void descriptionsAndDefaultDescriptions() {
    RuleModel m = RuleModel.builder()
        .segment("key", "Key accounts").description("Named key accounts").when("x > 1")
        .otherwise("rest", "Rest").description("everybody else")
        .build();
    assertEquals(new Segment(0, "key", "Key accounts", "Named key accounts"), m.segments().get(0),
        "rule segment");
    assertEquals(new Segment(1, "rest", "Rest", "everybody else"), m.defaultSegment().orElseThrow(),
        "default segment");
  }

  @Test
  void equalsHashCodeAndToString() {
    assertEquals(issueModel(), issueModel(), "same rules are equal");
    assertEquals(issueModel().hashCode(), issueModel().hashCode(), "hashCode");
    RuleModel swapped = RuleModel.builder()
        .segment("Develop").when("potential > 1e6")
        .segment("Strategic").when(col("potential").gt(5e6).or(col("turnover").gt(1e6)))
        .otherwise("Long tail")
        .build();
    assertNotEquals(issueModel(), swapped, "order matters");
    String text = issueModel().toString();
    assertTrue(text.startsWith("RuleModel: 2 rules, default segment 'Long tail'\n"), text);
    assertTrue(text.contains("1  Strategic  strategic  potential > 5000000 or turnover > 1000000\n"),
        text);
    assertTrue(text.contains("   Long tail  long-tail  otherwise\n"), text);
  }

  @Test
  void assignmentIsTheSameFromSeveralThreads() throws Exception {
    AccountTable t = new dev.segmentation.testing.Gen(7).spendTable(5000, 3, 2, 0.1);
    RuleModel m = RuleModel.builder()
        .segment("a").when("x0 > 1e5 and c0 in (\"Pharma\", \"Retail\")")
        .segment("b").when("x1 between 10 and 1e4 or x2 is missing")
        .segment("c").when("not (x0 > 100) and c1 != \"Chemicals\"")
        .build();
    Segmentation expected = m.assign(t);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Segmentation>> results = new ArrayList<>();
      for (int k = 0; k < 32; k++) {
        results.add(pool.submit(() -> m.assign(t)));
      }
      for (Future<Segmentation> f : results) {
        assertEquals(expected, f.get(), "segmentation computed concurrently");
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < t.rowCount(); i += 97) {
      assertEquals(expected.assignment(i), m.assign(t.row(i)), "assign(Row) of row " + i);
    }
  }

  // ---------------------------------------------------------------------------------- JSON

  private static final ObjectMapper TREES = new ObjectMapper();

  static RuleModel goldenModel() {
    return RuleModel.builder()
        .segment("Strategic").when(col("potential").gt(5e6).or(col("turnover").gt(1e6)))
        .segment("Develop").when("potential > 1e6 and industry in (\"Pharma\", \"Chemicals\")")
        .segment("key", "Key accounts").description("Named key accounts")
        .when("`Detergents Paper` between 0.5 and 2.5e3 and not (region != 3)"
            + " and industry is not missing and industry not in (\"Retail\")"
            + " and industry != \"Horeca\" or potential is missing")
        .otherwise("Long tail")
        .build();
  }

  @Test
  void goldenFileV1() throws Exception {
    String golden = Files.readString(Path.of("src/test/resources/json/v1/rule-model.json"),
        StandardCharsets.UTF_8);
    assertEquals(goldenModel(), ModelJson.readRuleModel(golden), "model read from the golden file");
    assertEquals(TREES.readTree(golden), TREES.readTree(ModelJson.write(goldenModel())),
        "re-written model compared with json/v1/rule-model.json as JSON trees");
    assertEquals(goldenModel(), ModelJson.readModel(golden), "readModel dispatches on kind");
    assertEquals(ModelJson.write(goldenModel()), ModelJson.write(goldenModel()),
        "writing twice gives identical text");
  }

  @Test
  void jsonErrorsNameThePath() {
    String json = ModelJson.write(issueModel());
    assertJsonError(json.replace("\"op\" : \">\"", "\"op\" : \"~\"").replace("\"op\": \">\"",
        "\"op\": \"~\""), "$.rules[0].condition.operands[0].op", "Unknown operator '~'");
    assertJsonError(json.replaceFirst("\"column\": \"potential\",",
        "\"column\": \"potential\", \"extra\": 1,"), "$.rules[0].condition.operands[0].extra",
        "Unknown field \"extra\"");
    assertJsonError(json.replaceFirst("\"type\": \"compare\"", "\"type\": \"greater\""),
        "$.rules[0].condition.operands[0].type", "Unknown type");
    assertJsonError(json.replace("\"when\": \"potential > 1000000\"", "\"when\": \"potential > 2\""),
        "$.rules[1].when", "does not match the condition tree");
    assertJsonError(json.replace("\"when\": \"potential > 1000000\"", "\"when\": \"potential >\""),
        "$.rules[1].when", "Expected a number");
    assertJsonError(json.replace("\"id\": \"develop\"", "\"id\": \"strategic\""),
        "$.rules[1].id", "used twice");
  }

  private static void assertJsonError(String json, String path, String message) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelJson.readRuleModel(json), path);
    assertEquals(path, e.jsonPath().orElse(null), "JSON path of: " + e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void noDefaultIsWrittenAsNull() {
    RuleModel m = RuleModel.builder().segment("a").when("x > 1").build();
    String json = ModelJson.write(m);
    assertTrue(json.contains("\"otherwise\": null"), json);
    assertEquals(m, ModelJson.readRuleModel(json), "round trip without default");
    assertFalse(ModelJson.readRuleModel(json).defaultSegment().isPresent(), "still no default");
  }
}
