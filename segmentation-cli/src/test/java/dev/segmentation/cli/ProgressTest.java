package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress on standard error: a bar on a terminal, lines otherwise, nothing when quiet. */
class ProgressTest {

  private static String render(boolean bar, boolean quiet) {
    StringWriter w = new StringWriter();
    Progress p = new Progress(new PrintWriter(w), bar, quiet);
    p.phase("Reading a.csv");
    for (int i = 0; i <= 4; i++) {
      p.step("Selecting k in 2..5", i, 4);
    }
    p.phase("Assigning");
    return w.toString();
  }

  @Test
  void terminalGetsOneRedrawnBarLine() {
    String s = render(true, false);
    assertTrue(s.contains("\rSelecting k in 2..5 [############            ] 2/4"), s);
    assertTrue(s.contains("\rSelecting k in 2..5 [########################] 4/4\n"), s);
    assertEquals(3, s.chars().filter(c -> c == '\n').count(), "phase, bar, phase: " + s);
  }

  @Test
  void pipeGetsPlainLines() {
    String s = render(false, false);
    assertTrue(s.contains("Selecting k in 2..5: 2/4\n"), s);
    assertTrue(!s.contains("\r"), "no carriage returns in plain mode");
    assertEquals(7, s.lines().count(), s);
  }

  @Test
  void quietPrintsNothing() {
    assertEquals("", render(true, true));
    assertEquals("", render(false, true));
  }
}
