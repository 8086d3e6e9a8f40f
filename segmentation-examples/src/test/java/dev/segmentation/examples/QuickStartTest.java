package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickStartTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void readmeQuickStartIsACopyOfQuickStartJava() throws IOException {
    List<String> source = Files.readAllLines(
        ROOT.resolve("segmentation-examples/src/main/java/dev/segmentation/examples/QuickStart.java"),
        StandardCharsets.UTF_8);
    List<String> fromSource = between(source, "// README-BEGIN", "// README-END");
    List<String> dedented = new ArrayList<>();
    for (String line : fromSource) {
      dedented.add(line.startsWith("  ") ? line.substring(2) : line);
    }
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    List<String> block = between(readme, "<!-- quickstart-begin", "<!-- quickstart-end -->");
    assertEquals("```java", block.get(0), "README quick start opens a java code block");
    assertEquals("```", block.get(block.size() - 1), "README quick start closes its code block");
    assertEquals(dedented, block.subList(1, block.size() - 1),
        "README quick start must equal the marked part of QuickStart.java");
  }

  @Test
  void quickStartRunsOnBundledData() {
    String report = QuickStart.run(BundledData.path("wholesale_customers.csv"));
    assertTrue(report.startsWith("AccountTable: 440 rows x 8 columns"), "table shape in report");
    assertTrue(report.contains("FittedCriteria: 4 criteria, 6 features, 440 training accounts"),
        "fitted criteria summary in report:\n" + report);
    assertTrue(report.contains("FeatureMatrix: 440 x 6"), "feature matrix shape in report");
    assertTrue(report.contains("Region=3"), "one-hot feature of Region in report");
  }

  private static List<String> between(List<String> lines, String begin, String end) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (from < 0 && lines.get(i).trim().startsWith(begin)) {
        from = i + 1;
      } else if (from >= 0 && lines.get(i).trim().startsWith(end)) {
        to = i;
        break;
      }
    }
    assertTrue(from > 0 && to >= from, "markers " + begin + " .. " + end + " found");
    return lines.subList(from, to);
  }
}
