package dev.segmentation.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  static HtmlReport sample() {
    List<HtmlReport.Point> points = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      points.add(new HtmlReport.Point("acct-" + i, i % 3 == 0 ? "A <big>" : i % 3 == 1 ? "B & co" : "C",
          1000 + 37.0 * i, 500 + 21.0 * (i % 17)));
    }
    return HtmlReport.titled("Report for \"Tenant\" <1>")
        .text("Summary", "Three segments & two roles.")
        .segmentShares("Segments", List.of(
            new HtmlReport.SegmentBar("A <big>", 20, 30_000, 50_000),
            new HtmlReport.SegmentBar("B & co", 20, 20_000, 40_000),
            new HtmlReport.SegmentBar("C", 20, 5_000, 0)))
        .scatter("Potential versus revenue", points)
        .utilisation("Utilisation", List.of(new HtmlReport.Usage("field hours", 1750, 1800),
            new HtmlReport.Usage("budget", 61_000, 60_000)))
        .balance("Territory balance", List.of(new HtmlReport.Load("rep-1", 95, 100, 90, 110),
            new HtmlReport.Load("rep-2", 120, 100, 90, 110)))
        .table("Top accounts", List.of("rep", "account", "value"),
            List.of(List.of("rep-1", "acct-<1>", "1,000")));
  }

  @Test
  void selfContainedWellFormedSvgAndEscapedText() throws Exception {
    String html = sample().toHtml();
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no external resources");
    assertFalse(html.contains("<big>"), "segment names are escaped");
    assertTrue(html.contains("A &lt;big&gt;"));
    assertTrue(html.contains("Report for &quot;Tenant&quot; &lt;1&gt;"));
    Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
    int charts = 0;
    while (m.find()) {
      DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
      charts++;
    }
    assertEquals(4, charts, "segment shares, scatter, utilisation, balance");
    assertEquals(60, html.split("<circle cx=\"[0-9.]+\" cy=\"[0-9.]+\" r=\"2.5\"", -1).length - 1,
        "one dot per account");
    assertEquals(sample().toHtml(), html, "same input, same bytes");
  }

  /**
   * Loads the page in headless Chromium: no console errors and a screenshot. Skipped where the Debian
   * package {@code chromium} is not installed.
   */
  @Test
  void loadsInHeadlessChromiumWithoutConsoleErrors(@TempDir Path dir) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assumeTrue(Files.isExecutable(chromium),
        "headless Chromium check skipped: /usr/bin/chromium is absent (apt-get install chromium)");
    String log = render(chromium, dir, "report", sample().toHtml());
    assertTrue(Files.size(dir.resolve("report.png")) > 10_000, "screenshot written\n" + log);
    assertEquals(List.of(), consoleLines(log), "console messages of the report page");
    // The detector itself: a page that logs an error and throws is caught.
    String bad = render(chromium, dir, "bad",
        "<!DOCTYPE html><html><body><script>console.error('boom'); missing();</script></body></html>");
    assertEquals(2, consoleLines(bad).size(), "console lines of a broken page\n" + bad);
  }

  private static String render(Path chromium, Path dir, String name, String html) throws Exception {
    Path page = dir.resolve(name + ".html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Path log = dir.resolve(name + ".log");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + dir.resolve("profile-" + name),
        "--enable-logging=stderr", "--v=0", "--window-size=800,2400",
        "--screenshot=" + dir.resolve(name + ".png"), page.toUri().toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  /** Chromium logs every console message (errors included) as a {@code :CONSOLE} line. */
  private static List<String> consoleLines(String log) {
    return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
  }
}
