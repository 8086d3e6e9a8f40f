package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages for bad usage and bad input. */
class ErrorsTest {

  @TempDir
  Path dir;

  @BeforeEach
  void files() {
    TestFiles.copySmall(dir);
  }

  private Cli.Result fails(int code, String... args) {
    Cli.Result r = Cli.run(dir, args);
    assertEquals(code, r.code(), String.join(" ", args) + "\n" + r);
    return r;
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private static void mentions(Cli.Result r, String... parts) {
    for (String p : parts) {
      assertTrue(r.err().contains(p), "message should mention '" + p + "'\n" + r);
    }
  }

  @Test
  void raggedCsvNamesFileAndLine() throws IOException {
    write("ragged.csv", "id,revenue\nA,1\nB,2,3\n");
    Cli.Result r = fails(3, "segment", "-i", "ragged.csv", "--id-column", "id", "-s",
        "abc-spec.json");
    mentions(r, "ragged.csv", "Line 3", "3 fields", "header has 2");
  }

  @Test
  void badNumberNamesFileLineAndColumn() throws IOException {
    write("bad.csv", "id,revenue\nA,1\nB,12;5\n");
    Cli.Result r = fails(3, "segment", "-i", "bad.csv", "--id-column", "id", "--numeric", "revenue",
        "-s", "abc-spec.json");
    mentions(r, "bad.csv", "'revenue'", "line 3", "\"12;5\"");
  }

  @Test
  void unknownColumnInSpecNamesJsonPathAndColumns() throws IOException {
    write("typo.json", "{\"schemaVersion\": 1, \"kind\": \"segmentation-spec\","
        + " \"model\": {\"type\": \"abc\", \"column\": \"turnover\"}}");
    Cli.Result r = fails(3, "segment", "-i", "accounts.csv", "--id-column", "id", "-s", "typo.json");
    mentions(r, "typo.json", "'turnover'", "$.model.column", "revenue, potential");
  }

  @Test
  void unknownColumnInSpecCriteriaNamesCriterionPath() throws IOException {
    String spec = Files.readString(dir.resolve("kmeans-spec.json"))
        .replace("\"column\": \"potential\"", "\"column\": \"potenial\"");
    write("typo.json", spec);
    Cli.Result r = fails(3, "segment", "-i", "accounts.csv", "--id-column", "id", "-s", "typo.json");
    mentions(r, "typo.json", "'potenial'", "$.criteria.criteria[1].source");
  }

  @Test
  void malformedSpecNamesLineAndColumn() throws IOException {
    write("broken.json", "{\n  \"schemaVersion\": 1,\n  \"kind\": \"segmentation-spec\"\n"
        + "  \"model\": {}\n}\n");
    Cli.Result r = fails(3, "segment", "-i", "accounts.csv", "-s", "broken.json");
    mentions(r, "broken.json", "Malformed JSON at line 4, column 3");
  }

  @Test
  void malformedModelNamesFileLineAndColumn() throws IOException {
    write("model.json", "{\"schemaVersion\": 1, \"kind\": \"abc-model\",,}");
    Cli.Result r = fails(3, "assign", "-i", "accounts.csv", "-m", "model.json");
    mentions(r, "model.json", "Malformed JSON at line 1, column");
  }

  @Test
  void newerSchemaVersionOfSpecAndModel() throws IOException {
    write("v2.json", "{\"schemaVersion\": 2, \"kind\": \"segmentation-spec\","
        + " \"model\": {\"type\": \"abc\", \"column\": \"revenue\"}}");
    mentions(fails(3, "segment", "-i", "accounts.csv", "-s", "v2.json"), "v2.json",
        "schemaVersion 2", "$.schemaVersion");
    Cli.Result ok = Cli.run(dir, "segment", "-i", "accounts.csv", "--id-column", "id", "-s",
        "abc-spec.json", "-o", "a.csv", "--model-out", "abc.json");
    assertEquals(0, ok.code(), ok.toString());
    write("abc-v9.json", Files.readString(dir.resolve("abc.json"))
        .replace("\"schemaVersion\": 1", "\"schemaVersion\": 9"));
    mentions(fails(3, "assign", "-i", "accounts.csv", "-m", "abc-v9.json"), "abc-v9.json",
        "schemaVersion 9 is newer");
  }

  @Test
  void invalidSpecValuesNameTheirPath() throws IOException {
    String base = "{\"schemaVersion\": 1, \"kind\": \"segmentation-spec\", \"model\": %s}";
    String kmeans = Files.readString(dir.resolve("kselect-spec.json"));
    String[][] cases = {
        {String.format(base, "{\"type\": \"abc\", \"column\": \"revenue\", \"colour\": 1}"),
            "$.model.colour"},
        {String.format(base, "{\"type\": \"abc\", \"column\": \"revenue\", \"thresholds\": [0.9, 0.5]}"),
            "$.model.thresholds"},
        {String.format(base, "{\"type\": \"quantile\", \"column\": \"visits\"}"), "$.model"},
        {String.format(base, "{\"type\": \"kmeans\", \"clusters\": 3}"), "$.criteria"},
        {String.format(base, "{\"type\": \"tree\"}"), "$.model.type"},
        {String.format(base, "{\"type\": \"rule\", \"rules\": [{\"name\": \"A\", \"when\": \"x >\"}]}"),
            "$.model.rules[0].when"},
        {kmeans.replace("\"seed\": 7", "\"seed\": 7, \"restarts\": 0"), "$.model.restarts"},
        {kmeans.replace("\"weight\": 1.0", "\"weight\": 0.0"), "$.criteria.criteria[0].weight"},
        {kmeans.replace("\"kind\": \"segmentation-spec\"", "\"kind\": \"criteria\""), "$.kind"},
        {kmeans.replace("\"type\": \"kmeans\", \"kRange\": {\"from\": 2, \"to\": 4}",
            "\"type\": \"abc\", \"column\": \"revenue\"").replace(", \"seed\": 7", ""),
            "$.criteria is not used"},
    };
    for (String[] c : cases) {
      write("s.json", c[0]);
      Cli.Result r = fails(3, "segment", "-i", "accounts.csv", "--id-column", "id", "-s", "s.json");
      mentions(r, "s.json", c[1]);
    }
  }

  @Test
  void missingFilesAreBadInput() {
    mentions(fails(3, "segment", "-i", "nope.csv", "-s", "abc-spec.json"), "nope.csv");
    mentions(fails(3, "segment", "-i", "accounts.csv", "-s", "nope.json"), "nope.json");
    mentions(fails(3, "assign", "-i", "accounts.csv", "-m", "nope.json"), "nope.json");
    mentions(fails(3, "allocate", "-p", "nope.json"), "nope.json");
    mentions(fails(3, "territories", "--problem", "nope.json"), "nope.json");
    mentions(fails(2, "territories"), "--problem");
    mentions(fails(2, "territories", "--allocation-problem", "p.json", "--allocation-plan", "q.json",
        "--role", "field"), "--reps");
  }

  @Test
  void badUsageIsExitCodeTwoWithUsage() {
    mentions(fails(2, "segment", "-i", "accounts.csv"), "Missing required option", "Usage:");
    mentions(fails(2, "frobnicate"), "Unmatched argument");
    mentions(fails(2), "Missing command");
    mentions(fails(2, "segment", "-i", "a.csv", "-s", "s.json", "--delimiter", "ab"), "delimiter");
    mentions(fails(2, "profile", "-i", "a.csv", "-m", "m.json", "--format", "xml"), "xml");
    mentions(fails(2, "allocate", "-p", "p.json", "--time-limit", "-1"), "--time-limit");
    mentions(fails(2, "segment", "-i", "accounts.csv", "-s", "abc-spec.json", "--bogus"), "--bogus");
  }

  @Test
  void unknownProfileColumnIsBadInput() throws IOException {
    Cli.Result ok = Cli.run(dir, "segment", "-i", "accounts.csv", "--id-column", "id", "-s",
        "abc-spec.json", "-o", "a.csv", "--model-out", "abc.json");
    assertEquals(0, ok.code(), ok.toString());
    mentions(fails(3, "profile", "-i", "accounts.csv", "--id-column", "id", "-m", "abc.json",
        "--value-columns", "revenu"), "revenu");
  }

  @Test
  void exitCodeMapping() {
    assertEquals(1, SegmentationCli.exitCodeOf(new IllegalStateException("bug")), "bug");
    assertEquals(1, SegmentationCli.exitCodeOf(new NullPointerException()), "bug");
    assertEquals(3, SegmentationCli.exitCodeOf(new UncheckedIOException(new IOException("x"))),
        "I/O");
    assertEquals(3, SegmentationCli.exitCodeOf(new BadInputException("x")), "input");
  }
}
