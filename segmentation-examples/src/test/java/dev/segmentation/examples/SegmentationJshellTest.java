package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/** Runs {@code src/main/jshell/segmentation.jsh} snippet by snippet through the jdk.jshell API. */
class SegmentationJshellTest {

  @Test
  void notebookScriptRunsWithoutErrors() throws Exception {
    String script = Files.readString(Path.of("src/main/jshell/segmentation.jsh"), StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    // The local execution engine runs snippets in this JVM, so their System.out is ours.
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        JShell shell = JShell.builder().out(ps).err(ps).executionEngine("local").build()) {
      System.setOut(ps);
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      String remaining = script;
      int snippets = 0;
      while (!remaining.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
        if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
          break;
        }
        assertTrue(info.completeness().isComplete(), "incomplete snippet: " + info.remaining());
        List<SnippetEvent> events = shell.eval(info.source());
        snippets++;
        for (SnippetEvent e : events) {
          if (e.status() == Snippet.Status.REJECTED) {
            fail("rejected: " + info.source() + "\n"
                + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
          }
          if (e.exception() != null) {
            fail("exception in: " + info.source() + "\n" + e.exception());
          }
        }
        remaining = info.remaining();
      }
      assertTrue(snippets >= 10, "snippets run: " + snippets);
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("JSON round trip equal: true"), printed);
    assertTrue(printed.contains("suggested"), printed);
    assertEquals(-1, printed.indexOf("Exception"), printed);
  }
}
