package dev.segmentation.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A single self-contained HTML report: inline SVG charts and tables, no scripts, no external resources,
 * so it can be mailed, archived or opened offline.
 *
 * <p>Sections appear in the order they were added. Charts are plain SVG drawn here (linear axes, a
 * colour-blind-safe palette of eight colours, repeated after eight segments); every chart has a text
 * table or labels next to it, so the numbers are readable without the picture.
 */
public final class HtmlReport {

  /** Okabe–Ito colours, safe for the common colour-vision deficiencies. */
  private static final String[] PALETTE = {
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"
  };

  private final String title;
  private final List<String> sections = new ArrayList<>();

  private HtmlReport(String title) {
    this.title = title;
  }

  /**
   * Starts a report.
   *
   * @param title the page title
   * @return an empty report
   */
  public static HtmlReport titled(String title) {
    return new HtmlReport(Objects.requireNonNull(title, "title"));
  }

  /** One segment's size and money. */
  public record SegmentBar(String segment, int accounts, double revenue, double potential) {}

  /** One account in the scatter. */
  public record Point(String id, String segment, double potential, double revenue) {}

  /** One resource's use against its capacity. */
  public record Usage(String name, double used, double capacity) {}

  /** One rep's load against the balance band. */
  public record Load(String rep, double load, double target, double lower, double upper) {}

  /**
   * Adds a paragraph of text.
   *
   * @param heading section heading
   * @param text plain text (escaped)
   * @return this report
   */
  public HtmlReport text(String heading, String text) {
    sections.add("<h2>" + esc(heading) + "</h2>\n<p>" + esc(text) + "</p>\n");
    return this;
  }

  /**
   * Adds grouped bars: each segment's share of accounts, of revenue and of potential.
   *
   * @param heading section heading
   * @param bars one entry per segment
   * @return this report
   */
  public HtmlReport segmentShares(String heading, List<SegmentBar> bars) {
    double accounts = 0;
    double revenue = 0;
    double potential = 0;
    for (SegmentBar b : bars) {
      accounts += b.accounts();
      revenue += b.revenue();
      potential += b.potential();
    }
    int w = 640;
    int rowH = 54;
    int left = 190;
    int h = 30 + rowH * bars.size();
    StringBuilder svg = svgOpen(w, h, heading);
    String[] labels = {"accounts", "revenue", "potential"};
    for (int i = 0; i < 3; i++) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
              + "<text x=\"%d\" y=\"15\" font-size=\"11\">%s</text>%n",
          left + i * 110, PALETTE[i], left + 14 + i * 110, labels[i]));
    }
    double scale = w - left - 70;
    for (int s = 0; s < bars.size(); s++) {
      SegmentBar b = bars.get(s);
      double[] shares = {
        share(b.accounts(), accounts), share(b.revenue(), revenue), share(b.potential(), potential)
      };
      int y0 = 26 + s * rowH;
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>%n",
          left - 8, y0 + 26, esc(cut(b.segment(), 24))));
      for (int i = 0; i < 3; i++) {
        int y = y0 + 4 + i * 15;
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"><title>%s %s: %.1f%%</title></rect>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%.1f%%</text>%n",
            left, y, shares[i] * scale, PALETTE[i], esc(b.segment()), labels[i], 100 * shares[i],
            left + shares[i] * scale + 4, y + 10, 100 * shares[i]));
      }
    }
    svg.append("</svg>\n");
    StringBuilder table = new StringBuilder("<table><tr><th>segment</th><th>accounts</th>"
        + "<th>revenue</th><th>potential</th><th>share of wallet</th></tr>\n");
    for (SegmentBar b : bars) {
      table.append(String.format(Locale.ROOT,
          "<tr><td>%s</td><td>%d</td><td>%,.0f</td><td>%,.0f</td><td>%s</td></tr>%n", esc(b.segment()),
          b.accounts(), b.revenue(), b.potential(),
          b.potential() > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * b.revenue() / b.potential()) : "-"));
    }
    table.append("</table>\n");
    sections.add("<h2>" + esc(heading) + "</h2>\n" + svg + table);
    return this;
  }

  /**
   * Adds a scatter of potential (x) against revenue (y), one colour per segment, with the diagonal
   * revenue = potential. Both axes are linear from 0, or logarithmic (base 10, from the power of ten
   * below the smallest positive value; values at or below it drawn on the axis) when the positive
   * values span more than three orders of magnitude.
   *
   * @param heading section heading
   * @param points the accounts
   * @return this report
   */
  public HtmlReport scatter(String heading, List<Point> points) {
    int w = 640;
    int h = 420;
    int left = 70;
    int bottom = 40;
    int top = 30;
    double max = 0;
    double minPositive = Double.POSITIVE_INFINITY;
    Map<String, Integer> colour = new TreeMap<>();
    for (Point p : points) {
      for (double v : new double[] {finite(p.potential()), finite(p.revenue())}) {
        max = Math.max(max, v);
        if (v > 0) {
          minPositive = Math.min(minPositive, v);
        }
      }
      colour.putIfAbsent(p.segment(), 0);
    }
    int c = 0;
    for (Map.Entry<String, Integer> e : colour.entrySet()) {
      e.setValue(c++);
    }
    Scale scale = max > 0 && max / minPositive > 1_000
        ? Scale.log(minPositive, max) : Scale.linear(niceCeil(max));
    double width = w - left - 20;
    double height = h - top - bottom;
    StringBuilder svg = svgOpen(w, h, heading);
    axes(svg, left, top, w - 20, h - bottom, scale, "potential", "revenue");
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n",
        left, h - bottom, left + width, (double) top));
    int legendX = left + 10;
    for (Map.Entry<String, Integer> e : colour.entrySet()) {
      svg.append(String.format(Locale.ROOT,
          "<circle cx=\"%d\" cy=\"14\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"18\" font-size=\"11\">%s</text>%n",
          legendX, PALETTE[e.getValue() % PALETTE.length], legendX + 8, esc(cut(e.getKey(), 28))));
      legendX += 30 + 6 * Math.min(28, e.getKey().length());
    }
    for (Point p : points) {
      svg.append(String.format(Locale.ROOT,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\" fill-opacity=\"0.6\"><title>%s (%s): potential %,.0f, revenue %,.0f</title></circle>%n",
          left + scale.at(finite(p.potential())) * width,
          h - bottom - scale.at(finite(p.revenue())) * height,
          PALETTE[colour.get(p.segment()) % PALETTE.length], esc(p.id()), esc(p.segment()),
          p.potential(), p.revenue()));
    }
    svg.append("</svg>\n");
    sections.add("<h2>" + esc(heading) + "</h2>\n" + svg
        + "<p class=\"note\">" + (scale.log ? "Logarithmic axes. " : "")
        + "Dashed line: revenue = potential. Hover a point for its account.</p>\n");
    return this;
  }

  /** A linear axis from 0 to {@code hi}, or a base-10 logarithmic one from {@code lo} to {@code hi}. */
  private record Scale(boolean log, double lo, double hi) {

    static Scale linear(double hi) {
      return new Scale(false, 0, hi);
    }

    static Scale log(double minPositive, double max) {
      return new Scale(true, Math.pow(10, Math.floor(Math.log10(minPositive))),
          Math.pow(10, Math.ceil(Math.log10(max))));
    }

    /** Position of a value in [0, 1]. */
    double at(double v) {
      if (!log) {
        return v / hi;
      }
      double x = Math.max(v, lo);
      return (Math.log10(x) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    }

    List<Double> ticks() {
      List<Double> t = new ArrayList<>();
      if (log) {
        for (double v = lo; v <= hi * 1.000001; v *= 10) {
          t.add(v);
        }
      } else {
        for (int i = 0; i <= 4; i++) {
          t.add(hi * i / 4);
        }
      }
      return t;
    }
  }

  /**
   * Adds horizontal bars of use against capacity (for example hours per role and budget).
   *
   * @param heading section heading
   * @param usages one entry per resource
   * @return this report
   */
  public HtmlReport utilisation(String heading, List<Usage> usages) {
    int w = 640;
    int left = 120;
    int h = 20 + 28 * usages.size();
    StringBuilder svg = svgOpen(w, h, heading);
    double scale = w - left - 170;
    for (int i = 0; i < usages.size(); i++) {
      Usage u = usages.get(i);
      double util = u.capacity() > 0 ? u.used() / u.capacity() : 0;
      int y = 10 + i * 28;
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>"
              + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#eee\" stroke=\"#999\"/>"
              + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
              + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.1f%% (%,.0f / %,.0f)</text>%n",
          left - 8, y + 12, esc(cut(u.name(), 18)), left, y, scale, left, y,
          Math.min(1.0, util) * scale, util > 1 + 1e-9 ? PALETTE[5] : PALETTE[0], left + scale + 4, y + 12,
          100 * util, u.used(), u.capacity()));
    }
    svg.append("</svg>\n");
    sections.add("<h2>" + esc(heading) + "</h2>\n" + svg);
    return this;
  }

  /**
   * Adds one bar per rep with the balance band (lower to upper) and the target.
   *
   * @param heading section heading
   * @param loads one entry per rep
   * @return this report
   */
  public HtmlReport balance(String heading, List<Load> loads) {
    int w = 640;
    int left = 90;
    int rowH = 18;
    int h = 30 + rowH * loads.size();
    double max = 0;
    for (Load l : loads) {
      max = Math.max(max, Math.max(finite(l.load()), finite(l.upper())));
    }
    max = niceCeil(max);
    double scale = (w - left - 20) / max;
    StringBuilder svg = svgOpen(w, h, heading);
    for (int i = 0; i < loads.size(); i++) {
      Load l = loads.get(i);
      int y = 10 + i * rowH;
      boolean inBand = l.load() >= l.lower() - 1e-9 && l.load() <= l.upper() + 1e-9;
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>"
              + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"#dde\"/>"
              + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"8\" fill=\"%s\"><title>%s: load %,.1f, target %,.1f, band %,.1f to %,.1f</title></rect>"
              + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>%n",
          left - 6, y + 11, esc(cut(l.rep(), 14)), left + l.lower() * scale, y,
          Math.max(0, l.upper() - l.lower()) * scale, left, y + 3, finite(l.load()) * scale,
          inBand ? PALETTE[2] : PALETTE[5], esc(l.rep()), l.load(), l.target(), l.lower(), l.upper(),
          left + l.target() * scale, y, left + l.target() * scale, y + 14));
    }
    svg.append("</svg>\n");
    sections.add("<h2>" + esc(heading) + "</h2>\n" + svg
        + "<p class=\"note\">Shaded: the balance band; black tick: target; bar: load (red when outside"
        + " the band).</p>\n");
    return this;
  }

  /**
   * Adds a table.
   *
   * @param heading section heading
   * @param header column names
   * @param rows cells, already formatted
   * @return this report
   */
  public HtmlReport table(String heading, List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder("<h2>").append(esc(heading)).append("</h2>\n<table><tr>");
    for (String h : header) {
      sb.append("<th>").append(esc(h)).append("</th>");
    }
    sb.append("</tr>\n");
    for (List<String> row : rows) {
      sb.append("<tr>");
      for (String cell : row) {
        sb.append("<td>").append(esc(cell)).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sections.add(sb.append("</table>\n").toString());
    return this;
  }

  /**
   * Returns the whole page.
   *
   * @return a self-contained HTML5 document
   */
  public String toHtml() {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:760px;color:#222}\n")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;")
        .append("padding:2px 8px;font-size:13px}td{text-align:right}td:first-child{text-align:left}\n")
        .append("svg{display:block;margin:.5em 0}.note{font-size:12px;color:#555}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
    for (String s : sections) {
      sb.append(s);
    }
    return sb.append("</body>\n</html>\n").toString();
  }

  private static StringBuilder svgOpen(int w, int h, String label) {
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "role=\"img\" aria-label=\"%s\" font-family=\"system-ui,sans-serif\">%n",
        w, h, w, h, esc(label)));
  }

  private static void axes(StringBuilder svg, int x0, int y0, int x1, int y1, Scale scale,
      String xLabel, String yLabel) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
            + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
        x0, y1, x1, y1, x0, y0, x0, y1));
    for (double v : scale.ticks()) {
      double f = scale.at(v);
      double x = x0 + (x1 - x0) * f;
      double y = y1 - (y1 - y0) * f;
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>"
              + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
          x, y1 + 14, tick(v), x0 - 4, y + 3, tick(v)));
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>"
            + "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
        (x0 + x1) / 2, y1 + 32, esc(xLabel), (y0 + y1) / 2, (y0 + y1) / 2, esc(yLabel)));
  }

  private static String tick(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return v >= 1 || v == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
  }

  private static double niceCeil(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? Math.max(0, v) : 0;
  }

  private static double share(double part, double total) {
    return total > 0 ? part / total : 0;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /**
   * Escapes text for HTML element content and attribute values.
   *
   * @param s any text
   * @return the escaped text
   */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
