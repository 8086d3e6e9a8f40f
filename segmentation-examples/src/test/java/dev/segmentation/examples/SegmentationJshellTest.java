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
      // Like `jshell FILE`: read line by line and run the input as soon as it is complete, so a
      // statement whose first line is already complete runs alone (and the test fails if the script
      // relies on continuation lines that jshell would not join).
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      StringBuilder pending = new StringBuilder();
      int snippets = 0;
      for (String line : script.split("\n", -1)) {
        pending.append(line).append('\n');
        String remaining = pending.toString();
        while (true) {
          SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
          SourceCodeAnalysis.Completeness c = info.completeness();
          if (c == SourceCodeAnalysis.Completeness.EMPTY) {
            remaining = "";
            break;
          }
          if (!c.isComplete()) {
            break;
          }
          for (SnippetEvent e : shell.eval(info.source())) {
            if (e.status() == Snippet.Status.REJECTED) {
              fail("rejected: " + info.source() + "\n"
                  + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
            }
            if (e.exception() != null) {
              fail("exception in: " + info.source() + "\n" + e.exception());
            }
          }
          snippets++;
          remaining = info.remaining();
        }
        pending.setLength(0);
        pending.append(remaining);
      }
      assertTrue(pending.toString().isBlank(), "incomplete input at the end: " + pending);
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
