package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import dev.segmentation.allocation.territory.Workloads;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.SegmentModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each command end to end, in-process, on the small bundled data and on the demo's output. */
class CommandsTest {

  @TempDir
  Path dir;

  @BeforeEach
  void files() {
    TestFiles.copySmall(dir);
  }

  private Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(dir, args);
    assertEquals(ExitCodes.OK, r.code(), String.join(" ", args) + "\n" + r);
    return r;
  }

  @ParameterizedTest
  @CsvSource({
      "rule-spec.json, rule-model, 3",
      "abc-spec.json, abc-model, 3",
      "quantile-spec.json, quantile-model, 4",
      "kmeans-spec.json, kmeans-model, 3",
      "kselect-spec.json, kmeans-model, 2"})
  void segmentFitsEveryModelKindAndWritesAssignmentsAndModel(String spec, String kind, int segments)
      throws IOException {
    Cli.Result r = ok("segment", "--input", "accounts.csv", "--id-column", "id", "--spec", spec,
        "--out", "out.csv", "--model-out", "model.json");
    List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
    assertEquals("id,segment_id,segment_name,unassigned_reason,detail", lines.get(0), "header");
    assertEquals(13, lines.size(), "one line per account plus the header");
    assertTrue(lines.get(1).startsWith("C-01,"), "accounts in input order: " + lines.get(1));
    SegmentModel model = ModelJson.readModel(Files.readString(dir.resolve("model.json")));
    assertEquals(kind, model.kind(), "kind of the written model");
    assertEquals(segments, model.segments().size(), "segments of " + spec);
    assertTrue(r.out().contains("Segmentation: 12 accounts"), "summary on stdout with --out\n" + r);
    assertTrue(r.err().contains("Reading accounts.csv ..."), "progress lines on stderr\n" + r);
  }

  @Test
  void segmentWithoutOutWritesCsvToStdoutAndSummaryToStderr() {
    Cli.Result r = ok("segment", "-q", "-i", "accounts.csv", "--id-column", "id", "-s",
        "abc-spec.json");
    assertTrue(r.out().startsWith("id,segment_id,segment_name,unassigned_reason,detail\n"),
        "stdout is the CSV only\n" + r);
    assertTrue(r.err().contains("Segmentation: 12 accounts"), "summary on stderr\n" + r);
    assertTrue(!r.err().contains("Reading"), "--quiet suppresses progress\n" + r);
  }

  @Test
  void quantileLeavesMissingValueUnassignedWithReason() throws IOException {
    ok("segment", "-i", "accounts.csv", "--id-column", "id", "-s", "quantile-spec.json", "-o",
        "q.csv");
    List<String> lines = Files.readAllLines(dir.resolve("q.csv"));
    assertTrue(lines.contains("C-08,,,MISSING_VALUE,column 'visits' is missing"),
        "C-08 has no visits: " + lines);
  }

  @Test
  void kSelectionPrintsTheTableAndReportsProgressPerK() {
    Cli.Result r = ok("segment", "-i", "accounts.csv", "--id-column", "id", "-s",
        "kselect-spec.json", "-o", "k.csv");
    assertTrue(r.out().contains("k selection: k=2 by highest mean silhouette"), r.toString());
    assertTrue(r.err().contains("Selecting k in 2..4: 3/3"), "progress per k\n" + r);
  }

  @Test
  void assignWithSavedModelEqualsSegmentOutput() throws IOException {
    ok("segment", "-i", "accounts.csv", "--id-column", "id", "-s", "kmeans-spec.json", "-o",
        "seg.csv", "--model-out", "m.json");
    ok("assign", "-i", "accounts.csv", "--id-column", "id", "-m", "m.json", "-o", "asg.csv");
    assertEquals(Files.readString(dir.resolve("seg.csv")), Files.readString(dir.resolve("asg.csv")),
        "assign with the saved model gives the segment command's assignments");
    KMeansModel m = ModelJson.readKMeansModel(Files.readString(dir.resolve("m.json")));
    assertEquals(List.of("Small", "Mid", "Large"),
        m.segments().stream().map(s -> s.name()).toList(), "names from the spec");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "csv", "json"})
  void profilePrintsEachFormat(String format) {
    ok("segment", "-i", "accounts.csv", "--id-column", "id", "-s", "abc-spec.json", "-o", "a.csv",
        "--model-out", "abc.json");
    Cli.Result r = ok("profile", "-q", "-i", "accounts.csv", "--id-column", "id", "-m", "abc.json",
        "--value-columns", "revenue", "--format", format);
    String expected = switch (format) {
      case "text" -> "SegmentProfiles: 12 accounts, 3 segments, 0 unassigned";
      case "csv" -> "segment_id,segment_name,column,statistic,value";
      default -> "\"kind\": \"segment-profiles\"";
    };
    assertTrue(r.out().contains(expected), format + "\n" + r);
  }

  @Test
  void demoThenAllocateOnItsProblemGivesTheDemoPlan() throws IOException {
    Cli.Result demo = ok("demo", "--out-dir", "demo");
    assertTrue(demo.out().contains("AllocationPlan:"), demo.toString());
    for (String f : List.of("accounts.csv", "spec.json", "model.json", "assignments.csv",
        "profiles.csv", "problem.json", "plan.json")) {
      assertTrue(Files.size(dir.resolve("demo").resolve(f)) > 0, "demo wrote " + f);
    }
    Cli.Result r = ok("allocate", "--problem", "demo/problem.json", "--out", "plan.json");
    assertTrue(r.out().contains("AllocationPlan:"), "summary on stdout\n" + r);
    assertEquals(Files.readString(dir.resolve("demo/plan.json")),
        Files.readString(dir.resolve("plan.json")), "allocate reproduces the demo's plan");
    AllocationPlan plan = AllocationJson.readPlan(dir.resolve("plan.json"));
    assertTrue(plan.isFeasible(), "demo plan is feasible: " + plan.status());
    ok("allocate", "-p", "demo/problem.json", "--max-iterations", "1000", "-o", "plan2.json");
    Cli.Result toStdout = ok("allocate", "-q", "-p", "demo/problem.json");
    assertTrue(toStdout.out().startsWith(
        "{\n  \"schemaVersion\": 1,\n  \"kind\": \"allocation-plan\""), "plan JSON on stdout");
    assertTrue(toStdout.err().contains("AllocationPlan:"), "summary on stderr without --out");

    // the demo's own files feed the other commands
    ok("segment", "-i", "demo/accounts.csv", "--id-column", "id", "--categorical", "Channel,Region",
        "-s", "demo/spec.json", "-o", "again.csv", "--model-out", "again.json");
    assertEquals(Files.readString(dir.resolve("demo/assignments.csv")),
        Files.readString(dir.resolve("again.csv")), "segment on the demo's spec = demo assignments");
    assertEquals(Files.readString(dir.resolve("demo/model.json")),
        Files.readString(dir.resolve("again.json")), "segment on the demo's spec = demo model");
  }


  @Test
  void territoriesFromTheDemoPlanAssignEveryAccountWithFieldHoursOnce() throws IOException {
    ok("demo", "--out-dir", "demo");
    Cli.Result r = ok("territories", "--allocation-problem", "demo/problem.json",
        "--allocation-plan", "demo/plan.json", "--role", "field", "--rep-count", "3",
        "--out", "territories.json");
    assertTrue(r.out().contains("TerritoryPlan:"), "summary on stdout\n" + r);
    TerritoryPlan plan = TerritoryJson.readPlan(dir.resolve("territories.json"));
    AllocationProblem problem = AllocationJson.readProblem(dir.resolve("demo/problem.json"));
    double[] hours = Workloads.fromPlan(problem, AllocationJson.readPlan(dir.resolve("demo/plan.json")),
        "field");
    for (int i = 0; i < hours.length; i++) {
      String id = problem.accounts().id(i);
      assertEquals(hours[i] > 0, plan.repOf(id).isPresent(), "account " + id + " has a rep iff it has field hours");
    }
    assertEquals(3, plan.reps().size());
    // reps from a CSV give the same plan when they equal the --rep-count reps
    double each = plan.reps().get(0).capacityHours();
    Files.writeString(dir.resolve("reps.csv"), "id,capacityHours\nrep-1," + each + "\nrep-2," + each
        + "\nrep-3," + each + "\n");
    ok("territories", "--allocation-problem", "demo/problem.json", "--allocation-plan",
        "demo/plan.json", "--role", "field", "--reps", "reps.csv", "-o", "t2.json");
    assertEquals(Files.readString(dir.resolve("territories.json")),
        Files.readString(dir.resolve("t2.json")), "same reps, same plan bytes");
    // the plan's own problem document round trip: --problem
    Files.writeString(dir.resolve("tp.json"), TerritoryJson.write(TerritoryProblem.builder()
        .role("field").reps(List.of(TerritoryRep.of("a", "field", 10), TerritoryRep.of("b", "field", 10)))
        .accounts(List.of(TerritoryAccount.of("x", 1, 1), TerritoryAccount.of("y", 1, 1)))
        .build()));
    Cli.Result fromProblem = ok("territories", "-q", "--problem", "tp.json");
    assertTrue(fromProblem.out().contains("\"kind\": \"territory-plan\""), fromProblem.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "segment", "assign", "profile", "allocate", "territories", "demo"})
  void everyCommandHasHelpAndVersion(String command) {
    String[] help = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    Cli.Result r = ok(help);
    assertTrue(r.out().contains("Usage: segmentation" + (command.isEmpty() ? "" : " " + command)),
        r.toString());
    String[] version = command.isEmpty() ? new String[] {"--version"}
        : new String[] {command, "--version"};
    assertTrue(ok(version).out().startsWith("segmentation 0.1"), "version of " + command);
  }

  @Test
  void tabDelimitedInput() throws IOException {
    String csv = Files.readString(dir.resolve("accounts.csv")).replace(',', '\t');
    Files.writeString(dir.resolve("accounts.tsv"), csv);
    ok("segment", "-i", "accounts.tsv", "--delimiter", "tab", "--id-column", "id", "-s",
        "rule-spec.json", "-o", "t.csv");
    ok("segment", "-i", "accounts.csv", "--id-column", "id", "-s", "rule-spec.json", "-o", "c.csv");
    assertEquals(Files.readString(dir.resolve("c.csv")), Files.readString(dir.resolve("t.csv")),
        "same assignments from tab- and comma-separated input");
  }
}
