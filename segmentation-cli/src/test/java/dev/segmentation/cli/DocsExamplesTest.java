package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.json.PlanningJson;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.cli.spec.SpecJson;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.SegmentModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples of docs/cli.md (commands, files, expected exit codes and output) and reads every
 * JSON example of docs/json.md with the library's readers.
 */
class DocsExamplesTest {

  private static final Pattern EXIT = Pattern.compile("\\s+#\\s*exit\\s+(\\d+)\\s*$");

  /** A fenced block: its info string, its text, and the HTML comment marker just before it. */
  record Block(String info, String text, String marker, int line) {}

  static Path docs() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/cli.md"))) {
        return p.resolve("docs");
      }
    }
    throw new IllegalStateException("docs/cli.md not found above " + here);
  }

  static List<Block> blocks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Block> out = new ArrayList<>();
    String marker = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("<!--") && l.endsWith("-->")) {
        marker = l.substring(4, l.length() - 3).strip();
      } else if (l.startsWith("```")) {
        String info = l.substring(3).strip();
        StringBuilder sb = new StringBuilder();
        int start = i + 1;
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          sb.append(lines.get(i)).append('\n');
        }
        out.add(new Block(info, sb.toString(), marker, start));
        marker = null;
      } else if (!l.isBlank()) {
        marker = null;
      }
    }
    return out;
  }

  @Test
  void cliExamplesRunAsDocumented(@TempDir Path dir) throws IOException {
    Path md = docs().resolve("cli.md");
    Cli.Result last = null;
    String lastCommand = null;
    int commands = 0;
    int outputs = 0;
    for (Block b : blocks(md)) {
      if (b.marker() != null && b.marker().startsWith("file:")) {
        Path target = dir.resolve(b.marker().substring(5).strip());
        Files.createDirectories(target.getParent());
        Files.writeString(target, b.text(), StandardCharsets.UTF_8);
      } else if ("output".equals(b.marker())) {
        assertTrue(last != null, "cli.md line " + b.line() + ": output block before any command");
        for (String expected : b.text().split("\n")) {
          if (expected.isBlank()) {
            continue;
          }
          String e = expected.stripTrailing();
          boolean found = last.all().lines().anyMatch(l -> l.stripTrailing().equals(e));
          assertTrue(found, "cli.md line " + b.line() + ": the output of `" + lastCommand
              + "` has no line\n" + e + "\n" + last);
          outputs++;
        }
      } else if (b.info().equals("sh")) {
        for (String line : b.text().split("\n")) {
          if (!line.startsWith("segmentation ") && !line.equals("segmentation")) {
            continue;
          }
          int expectedCode = 0;
          String command = line;
          Matcher m = EXIT.matcher(line);
          if (m.find()) {
            expectedCode = Integer.parseInt(m.group(1));
            command = line.substring(0, m.start());
          }
          List<String> words = Cli.split(command);
          String[] args = words.subList(1, words.size()).toArray(new String[0]);
          last = Cli.run(dir, args);
          lastCommand = command;
          commands++;
          assertEquals(expectedCode, last.code(), "cli.md line " + b.line() + ": exit code of `"
              + command + "`\n" + last);
          if (expectedCode == ExitCodes.BAD_INPUT) {
            assertTrue(last.err().contains("error: "), "message of `" + command + "`\n" + last);
          }
        }
      }
    }
    assertTrue(commands >= 15, "cli.md should hold the command examples, found " + commands);
    assertTrue(outputs >= 10, "cli.md should hold output checks, found " + outputs);
  }

  @Test
  void cliMdDocumentsEveryCommand() throws IOException {
    String md = Files.readString(docs().resolve("cli.md"));
    for (String c : SegmentationCli.commandLine(Path.of(""), new java.io.PrintWriter(
        java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()), false)
        .getSubcommands().keySet()) {
      if (!c.equals("help")) {
        assertTrue(md.contains("## `" + c + "`"), "docs/cli.md has a section for command " + c);
      }
    }
  }

  @Test
  void jsonExamplesAreReadByTheLibrary() throws IOException {
    Path md = docs().resolve("json.md");
    ObjectMapper mapper = new ObjectMapper();
    Set<String> kinds = new TreeSet<>();
    for (Block b : blocks(md)) {
      if (!b.info().equals("json")) {
        continue;
      }
      String where = "json.md line " + b.line();
      JsonNode root = mapper.readTree(b.text());
      String kind = root.path("kind").asText("");
      try {
        switch (kind) {
          case "criteria" -> ModelJson.readCriteria(b.text());
          case "fitted-criteria" -> ModelJson.readFittedCriteria(b.text());
          case "rule-model", "matrix-model", "quantile-model", "abc-model", "kmeans-model" -> {
            SegmentModel m = ModelJson.readModel(b.text());
            assertEquals(kind, m.kind(), where);
          }
          case "segment-profiles" -> assertEquals(1, root.path("schemaVersion").asInt(), where);
          case "allocation-problem" -> AllocationJson.readProblem(b.text());
          case "allocation-plan" -> AllocationJson.readPlan(b.text());
          case "segmentation-spec" -> SpecJson.read(b.text());
          case "territory-problem" -> TerritoryJson.readProblem(b.text());
          case "territory-plan" -> TerritoryJson.readPlan(b.text());
          case "capacity-plan" -> PlanningJson.readCapacityPlan(b.text());
          case "what-if-curve" -> PlanningJson.readWhatIfCurve(b.text());
          case "marginal-rep-values" -> PlanningJson.readMarginalRepValues(b.text());
          case "quota-plan" -> PlanningJson.readQuotaPlan(b.text());
          case "attainment-report" -> PlanningJson.readAttainmentReport(b.text());
          default -> fail(where + ": unknown kind \"" + kind + "\"");
        }
      } catch (RuntimeException e) {
        throw new AssertionError(where + " (" + kind + "): " + e.getMessage(), e);
      }
      kinds.add(kind);
    }
    assertEquals(new TreeSet<>(List.of("criteria", "fitted-criteria", "rule-model", "matrix-model",
        "quantile-model", "abc-model", "kmeans-model", "segment-profiles", "allocation-problem",
        "allocation-plan", "segmentation-spec", "territory-problem", "territory-plan", "capacity-plan",
        "what-if-curve", "marginal-rep-values", "quota-plan", "attainment-report")), kinds, "kinds with an example in docs/json.md");
  }
}
