package dev.segmentation.core.model;

import static dev.segmentation.core.model.Condition.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.model.Condition.And;
import dev.segmentation.core.model.Condition.Between;
import dev.segmentation.core.model.Condition.Compare;
import dev.segmentation.core.model.Condition.In;
import dev.segmentation.core.model.Condition.IsMissing;
import dev.segmentation.core.model.Condition.Not;
import dev.segmentation.core.model.Condition.NotIn;
import dev.segmentation.core.model.Condition.Operator;
import dev.segmentation.core.model.Condition.Or;
import dev.segmentation.core.model.Condition.TextCompare;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions: fluent form, text form, parse errors, semantics and binding. */
class ConditionTest {

  /** potential, industry (categorical), region (numeric codes), since (date); row 2 is mostly missing. */
  static AccountTable table() {
    return AccountTable.of(new String[] {"A", "B", "C", "D"},
        NumericColumn.of("potential", new double[] {6e6, 2e6, Double.NaN, 5e6}),
        CategoricalColumn.of("industry", new String[] {"Pharma", null, "Chemicals", "Retail"}),
        NumericColumn.of("region", new double[] {1, 3, Double.NaN, 2.5}),
        DateColumn.of("since", new LocalDate[] {LocalDate.of(2020, 1, 1), null, null, null}));
  }

  private static String matches(String condition) {
    AccountTable t = table();
    IntPredicate p = Condition.parse(condition).bind(t);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < t.rowCount(); i++) {
      sb.append(p.test(i) ? 'T' : 'F');
      assertEquals(p.test(i), ConditionOracle.eval(Condition.parse(condition), t, i),
          "bound vs oracle for `" + condition + "` row " + i);
    }
    return sb.toString();
  }

  @Test
  void fluentAndTextFormsAreEqual() {
    Condition fluent = col("potential").gt(5e6).or(col("turnover").gt(1e6));
    Condition parsed = Condition.parse("potential > 5e6 or turnover > 1e6");
    assertEquals(fluent, parsed, "fluent vs parsed condition");
    assertEquals(fluent.hashCode(), parsed.hashCode(), "hashCode of equal conditions");
    assertEquals("potential > 5000000 or turnover > 1000000", fluent.toString(), "canonical text");
  }

  @Test
  void issueExampleParses() {
    Condition c = Condition.parse("potential > 5e6 and industry in (\"Pharma\",\"Chemicals\")");
    assertEquals(new And(List.of(new Compare("potential", Operator.GT, 5e6),
        new In("industry", List.of("Pharma", "Chemicals")))), c, "parsed tree");
    assertEquals("potential > 5000000 and industry in (\"Pharma\", \"Chemicals\")", c.toString(),
        "canonical text");
  }

  @Test
  void precedenceIsOrThenAndThenNot() {
    Condition c = Condition.parse("a > 1 or b > 2 and not c > 3");
    assertEquals(col("a").gt(1).or(col("b").gt(2).and(col("c").gt(3).negate())), c,
        "or < and < not");
    assertEquals("a > 1 or (b > 2 and not (c > 3))", c.toString(), "canonical text adds parentheses");
    Condition p = Condition.parse("(a > 1 or b > 2) and c > 3");
    assertEquals(new And(List.of(new Or(List.of(col("a").gt(1), col("b").gt(2))), col("c").gt(3))),
        p, "parentheses group");
    assertEquals("(a > 1 or b > 2) and c > 3", p.toString(), "parenthesised text");
    assertEquals(Condition.parse("not not a > 1"), Condition.not(Condition.not(col("a").gt(1))),
        "double negation is kept");
  }

  @Test
  void keywordsAreCaseInsensitive() {
    Condition c = Condition.parse("a > 1 AND b BETWEEN 1 And 2 Or c IS NOT MISSING aNd d NoT In (\"x\")");
    assertEquals(Condition.parse(
        "a > 1 and b between 1 and 2 or c is not missing and d not in (\"x\")"), c,
        "upper/mixed case keywords");
  }

  @Test
  void numbersStringsAndQuotedNames() {
    assertEquals(col("a").ge(-1.5e-3), Condition.parse("a>=-1.5e-3"), "negative with exponent");
    assertEquals(col("a").lt(0.5), Condition.parse("a < .5"), "leading dot");
    assertEquals(col("a").eq(1e6), Condition.parse("a = 1E+6"), "upper-case exponent with sign");
    assertEquals(col("a").eq(0.0), Condition.parse("a = -0"), "-0 is 0");
    assertEquals(col("a").eq(-0.0), col("a").eq(0.0), "-0.0 is stored as 0.0");
    assertEquals(col("Detergents Paper").ge(10), Condition.parse("`Detergents Paper` >= 10"),
        "back-quoted name");
    assertEquals("`Detergents Paper` >= 10", col("Detergents Paper").ge(10).toString(),
        "names with spaces are back-quoted");
    assertEquals("`and` is missing", col("and").isMissing().toString(), "keywords are back-quoted");
    assertEquals("`a\\`b` is not missing", col("a`b").isNotMissing().toString(),
        "back quote escaped");
    assertEquals(col("a`b").isNotMissing(), Condition.parse("`a\\`b` is not missing"),
        "escaped back quote parses");
    Condition s = Condition.parse("name = \"say \\\"hi\\\" \\\\ ok\"");
    assertEquals(col("name").eq("say \"hi\" \\ ok"), s, "string escapes");
    assertEquals(s, Condition.parse(s.toString()), "string escapes round trip");
    assertEquals(col("Region").in("1", "3"), Condition.parse("Region in (1, 3.0)"),
        "numbers in a list are stored as their text");
    assertEquals(col("industry").ne("Pharma"), Condition.parse("industry != \"Pharma\""),
        "!= with a string");
    assertEquals(new Not(new IsMissing("x")), Condition.parse("x is not missing"),
        "is not missing is not(is missing)");
    assertEquals("x is not missing", Condition.parse("not x is missing").toString(),
        "not(is missing) prints as is not missing");
  }

  @ParameterizedTest(name = "[{index}] `{0}`")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
    "potential > and turnover > 1e6 | 12 | Expected a number after '>'",
    "'' | 0 | Expected a column name",
    "a > | 3 | Expected a number after '>'",
    "a > 1 b | 6 | Expected 'and', 'or' or the end",
    "(a > 1 | 6 | Expected ')' to close the '(' at position 0",
    "a = \"abc | 4 | Unterminated string",
    "a > 1e999 | 4 | Number '1e999' is out of range",
    "a between 5 and 1 | 0 | between needs low <= high",
    "a in () | 6 | Expected a string or a number in the list",
    "a in (\"x\", \"x\") | 0 | listed twice",
    "a # 1 | 2 | Unexpected character '#'",
    "and > 1 | 0 | 'and' is a keyword",
    "a is | 4 | Expected 'missing' or 'not missing'",
    "a < \"x\" | 4 | Expected a number after '<'",
    "a between 1 or 2 | 12 | Expected 'and' after the lower bound",
    "a = \"x\\n\" | 6 | Unknown escape",
    "a > 1.2.3 | 4 | Malformed number",
    "a > - | 4 | Unexpected character '-'",
    "a = \"\" | 0 | non-empty",
    "a > 1 and | 9 | Expected a column name",
    "a not between 1 and 2 | 6 | Expected 'in' after 'a not'",
    "`` > 1 | 0 | non-blank",
    "a > 1e | 5 | Expected digits in the exponent",
    "a in \"x\" | 5 | Expected '(' after 'in'",
  })
  void parseErrorsCarryThePositionAndACaret(String text, int position, String problem) {
    ConditionSyntaxException e =
        assertThrows(ConditionSyntaxException.class, () -> Condition.parse(text), text);
    assertEquals(position, e.position(), "position of the error in `" + text + "`: " + e.getMessage());
    assertEquals(text, e.text(), "text carried by the exception");
    assertTrue(e.problem().contains(problem), "problem of `" + text + "`: " + e.problem());
    String[] lines = e.getMessage().split("\n", -1);
    assertEquals(3, lines.length, "message lines: " + e.getMessage());
    assertTrue(lines[0].endsWith(" at position " + position + ":"), "first line: " + lines[0]);
    assertEquals(text, lines[1], "second line shows the text");
    assertEquals(" ".repeat(position) + "^", lines[2], "caret under the position");
  }

  @Test
  void issueExampleMessage() {
    ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
        () -> Condition.parse("potential > and turnover > 1e6"));
    assertEquals("Expected a number after '>', found 'and' at position 12:\n"
        + "potential > and turnover > 1e6\n"
        + "            ^", e.getMessage(), "full message");
  }

  @Test
  void caretStaysAlignedWithLineBreaksInTheText() {
    ConditionSyntaxException e =
        assertThrows(ConditionSyntaxException.class, () -> Condition.parse("a > 1\nand\t?"));
    assertEquals(10, e.position(), "position");
    assertEquals("a > 1 and ?\n          ^", e.getMessage().substring(e.getMessage().indexOf('\n') + 1),
        "line break and tab shown as spaces");
  }

  @Test
  void comparisonsOnMissingValuesAreFalse() {
    assertEquals("TFFF", matches("potential > 5e6"), "potential > 5e6");
    assertEquals("FTFT", matches("potential <= 5e6"), "potential <= 5e6 (missing is false)");
    assertEquals("FTTT", matches("not (potential > 5e6)"), "not is plain negation");
    assertEquals("TTFF", matches("potential != 5e6"), "!= is false on missing");
    assertEquals("FTFT", matches("potential between 2e6 and 5e6"), "between is inclusive");
    assertEquals("FFFT", matches("potential = 5e6"), "numeric =");
    assertEquals("FFTT", matches("industry != \"Pharma\""), "label != is false on missing");
    assertEquals("FFTT", matches("industry not in (\"Pharma\")"), "not in is false on missing");
    assertEquals("FTTT", matches("not (industry in (\"Pharma\"))"), "not(in) is true on missing");
    assertEquals("FTFF", matches("industry is missing"), "is missing on a category");
    assertEquals("FFTF", matches("potential is missing"), "is missing on a number");
    assertEquals("FTTT", matches("since is missing"), "is missing on a date");
    assertEquals("TFFF", matches("industry = \"Pharma\""), "label =");
    assertEquals("FFFF", matches("industry in (\"Horeca\")"), "a label the column lacks");
  }

  @Test
  void numericColumnsMatchLabelsByTheirText() {
    assertEquals("TFFT", matches("region in (\"1\", \"2.5\")"), "labels as Column.format text");
    assertEquals("TTFF", matches("region in (1, 3)"), "numbers in a list");
    assertEquals("FFFT", matches("region not in (1, 3)"), "not in on numbers, missing false");
    assertEquals("FFFF", matches("region = \"1.0\""), "1 prints as \"1\", not \"1.0\"");
    assertEquals("FTFF", matches("region = 3"), "numeric = still works");
  }

  @Test
  void bindRejectsUnknownColumnsAndWrongTypes() {
    AccountTable t = table();
    DataValidationException unknown = assertThrows(DataValidationException.class,
        () -> Condition.parse("potential > 1 and potentail > 5").bind(t));
    assertTrue(unknown.getMessage().contains("Unknown column 'potentail'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("columns are: potential, industry, region, since"),
        "message lists the columns: " + unknown.getMessage());
    assertEquals("potentail", unknown.column().orElseThrow(), "column of the exception");
    DataValidationException cat = assertThrows(DataValidationException.class,
        () -> Condition.parse("industry > 1").bind(t));
    assertTrue(cat.getMessage().contains("'industry' is CATEGORICAL")
        && cat.getMessage().contains("needs a NUMERIC column"), cat.getMessage());
    assertEquals("industry", cat.column().orElseThrow(), "column of the type error");
    DataValidationException date = assertThrows(DataValidationException.class,
        () -> Condition.parse("since = \"2020-01-01\"").bind(t));
    assertTrue(date.getMessage().contains("'since' is DATE"), date.getMessage());
    assertTrue(Condition.parse("since is not missing").bind(t).test(0), "is missing binds on dates");
  }

  @Test
  void testOnARowAndColumns() {
    AccountTable t = table();
    Condition c = Condition.parse("potential > 1 or (industry = \"Retail\" and potential is missing)");
    assertTrue(c.test(t.row(0)), "row 0");
    assertFalse(c.test(t.row(2)), "row 2");
    assertEquals(List.of("potential", "industry"), c.columns(), "columns in first-appearance order");
  }

  @Test
  void recordsValidateTheirArguments() {
    assertThrows(IllegalArgumentException.class, () -> col("a").gt(Double.NaN), "NaN value");
    assertThrows(IllegalArgumentException.class, () -> col("a").lt(Double.POSITIVE_INFINITY),
        "infinite value");
    assertThrows(IllegalArgumentException.class, () -> col("a").between(2, 1), "low > high");
    assertThrows(IllegalArgumentException.class, () -> col("a").in(), "empty in-list");
    assertThrows(IllegalArgumentException.class, () -> col("a").in("x", "x"), "repeated label");
    assertThrows(IllegalArgumentException.class, () -> col("a").eq(""), "empty label");
    assertThrows(IllegalArgumentException.class, () -> col(" "), "blank column");
    assertThrows(IllegalArgumentException.class, () -> new And(List.of(col("a").gt(1))),
        "and with one operand");
    assertThrows(IllegalArgumentException.class,
        () -> new TextCompare("a", Operator.LT, "x"), "< with a label");
    assertThrows(NullPointerException.class, () -> col("a").gt(1).and(null), "null operand");
    assertEquals(new Between("a", 1, 1), col("a").between(1, 1), "between a and a");
    assertNotEquals(new In("a", List.of("x")), new NotIn("a", List.of("x")), "in vs not in");
  }

  @Test
  void fluentAndOrFlattenChains() {
    Condition a = col("a").gt(1);
    Condition b = col("b").gt(2);
    Condition c = col("c").gt(3);
    assertEquals(new And(List.of(a, b, c)), a.and(b).and(c), "a.and(b).and(c)");
    assertEquals(new Or(List.of(a, b, c)), a.or(b).or(c), "a.or(b).or(c)");
    assertEquals(new Or(List.of(a, new Or(List.of(b, c)))), a.or(b.or(c)), "nested or kept");
    assertEquals("a > 1 or (b > 2 or c > 3)", a.or(b.or(c)).toString(), "nested or text");
    assertEquals(Condition.allOf(a, b, c), Condition.parse("a > 1 and b > 2 and c > 3"), "allOf");
    assertEquals(Condition.anyOf(a, b), Condition.parse("a > 1 or b > 2"), "anyOf");
  }
}
