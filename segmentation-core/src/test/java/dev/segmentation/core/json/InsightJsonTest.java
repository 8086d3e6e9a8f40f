package dev.segmentation.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.insight.Lookalike;
import dev.segmentation.core.insight.LookalikeScores;
import dev.segmentation.core.insight.PriorityList;
import dev.segmentation.core.insight.ReferenceSet;
import dev.segmentation.core.insight.Whitespace;
import dev.segmentation.core.insight.WhitespaceReport;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InsightJsonTest {

  private static final ObjectMapper TREES = new ObjectMapper();

  /** Six accounts: three references by revenue, a duplicate, a far one and one without features. */
  static AccountTable goldenTable() {
    return AccountTable.builder()
        .numeric("x").numeric("revenue").numeric("potential").categorical("region")
        .categorical("rep")
        .addRow("r1", 0.0, 100.0, 150.0, "N", "Ann")
        .addRow("r2", 1.0, 90.0, 80.0, "N", "Bob")
        .addRow("r3", 3.0, 80.0, 200.0, "N", "Ann")
        .addRow("p1", 1.0, 10.0, 70.0, "N", "Bob")
        .addRow("p2", 5.0, 10.0, 70.0, "S", "Bob")
        .addRow("p3", Double.NaN, 5.0, Double.NaN, "S", null)
        .build();
  }

  static FittedCriteria goldenCriteria(AccountTable t) {
    return Criteria.builder()
        .numeric("x").ifMissing(MissingPolicy.MARK_UNASSIGNED)
        .categorical("region")
        .build()
        .fit(t);
  }

  static LookalikeScores goldenScores() {
    AccountTable t = goldenTable();
    return Lookalike.builder(goldenCriteria(t))
        .reference(ReferenceSet.topFraction("revenue", 0.5)).build().score(t);
  }

  static PriorityList goldenList() {
    AccountTable t = goldenTable();
    WhitespaceReport ws = Whitespace.builder().revenue("revenue").potential("potential").build()
        .compute(t);
    return PriorityList.builder(t).whitespace(ws).lookalike(goldenScores()).groupBy("rep").build();
  }

  @Test
  void goldenLookalikeScoresV1() throws Exception {
    String golden = resource("json/v1/lookalike-scores.json");
    assertEquals(goldenScores(), InsightJson.readLookalikeScores(golden),
        "scores read from json/v1/lookalike-scores.json");
    assertEquals(TREES.readTree(golden), TREES.readTree(InsightJson.write(goldenScores())),
        "re-written scores compared with json/v1/lookalike-scores.json as JSON trees");
  }

  @Test
  void goldenPriorityListV1() throws Exception {
    String golden = resource("json/v1/priority-list.json");
    assertEquals(goldenList(), InsightJson.readPriorityList(golden),
        "list read from json/v1/priority-list.json");
    assertEquals(goldenList(), InsightJson.readPriorityList(resourcePath("json/v1/priority-list.json")),
        "list read from the file json/v1/priority-list.json");
    assertEquals(TREES.readTree(golden), TREES.readTree(InsightJson.write(goldenList())),
        "re-written list compared with json/v1/priority-list.json as JSON trees");
  }

  @Test
  void strictReadingNamesThePath() {
    String json = InsightJson.write(goldenList());
    ModelFormatException unknown = assertThrows(ModelFormatException.class,
        () -> InsightJson.readPriorityList(json.replace("\"note\"", "\"notes\"")));
    assertTrue(unknown.jsonPath().orElse("").startsWith("$.entries[0]"), unknown.getMessage());
    ModelFormatException kind = assertThrows(ModelFormatException.class,
        () -> InsightJson.readLookalikeScores(json));
    assertTrue(kind.getMessage().contains("Read it with InsightJson.readPriorityList"),
        kind.getMessage());
    ModelFormatException newer = assertThrows(ModelFormatException.class,
        () -> InsightJson.readPriorityList(json.replace("\"schemaVersion\": 1",
            "\"schemaVersion\": 2")));
    assertTrue(newer.getMessage().contains("newer"), newer.getMessage());
    ModelFormatException order = assertThrows(ModelFormatException.class,
        () -> InsightJson.readPriorityList(json.replace("\"rank\": 1,", "\"rank\": 7,")));
    assertTrue(order.getMessage().contains("rank"), order.getMessage());
  }

  private static String resource(String name) throws Exception {
    return Files.readString(resourcePath(name), StandardCharsets.UTF_8);
  }

  private static Path resourcePath(String name) throws Exception {
    URL url = InsightJsonTest.class.getClassLoader().getResource(name);
    assertNotNull(url, "test resource " + name);
    return Path.of(url.toURI());
  }

  /** Writes the golden files (run by hand when the format changes on purpose). */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.writeString(dir.resolve("lookalike-scores.json"), InsightJson.write(goldenScores()) + "\n");
    Files.writeString(dir.resolve("priority-list.json"), InsightJson.write(goldenList()) + "\n");
    System.out.println(goldenScores());
    System.out.println(goldenList());
  }
}
