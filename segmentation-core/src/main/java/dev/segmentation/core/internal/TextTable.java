package dev.segmentation.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats rows of cells as an aligned plain-text table, the notebook view of tables and profiles.
 *
 * <p>Cells longer than {@link #MAX_CELL} characters are cut with an ellipsis. Right-aligned columns are
 * meant for numbers. Not thread-safe; create one per rendering.
 */
public final class TextTable {

  /** Longest cell printed before it is cut. */
  public static final int MAX_CELL = 40;

  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * Creates a table with the given headers.
   *
   * @param headers column headers
   * @param rightAligned for each column, whether it is right-aligned (numbers)
   */
  public TextTable(List<String> headers, boolean[] rightAligned) {
    if (headers.size() != rightAligned.length) {
      throw new IllegalArgumentException("headers and alignments differ in length");
    }
    this.headers = List.copyOf(headers);
    this.rightAligned = rightAligned.clone();
  }

  /**
   * Adds one row.
   *
   * @param cells one cell per header
   * @return this table
   */
  public TextTable addRow(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, expected " + headers.size());
    }
    rows.add(cells.clone());
    return this;
  }

  /**
   * Renders the table; each line ends with {@code '\n'}.
   *
   * @return the text
   */
  public String render() {
    int c = headers.size();
    int[] width = new int[c];
    for (int j = 0; j < c; j++) {
      width[j] = cut(headers.get(j)).length();
    }
    for (String[] r : rows) {
      for (int j = 0; j < c; j++) {
        width[j] = Math.max(width[j], cut(r[j]).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    appendLine(sb, headers.toArray(new String[0]), width);
    for (int j = 0; j < c; j++) {
      sb.append(j == 0 ? "" : "  ").append("-".repeat(width[j]));
    }
    sb.append('\n');
    for (String[] r : rows) {
      appendLine(sb, r, width);
    }
    return sb.toString();
  }

  private void appendLine(StringBuilder sb, String[] cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int j = 0; j < cells.length; j++) {
      String s = cut(cells[j]);
      if (j > 0) {
        line.append("  ");
      }
      String pad = " ".repeat(width[j] - s.length());
      if (rightAligned[j]) {
        line.append(pad).append(s);
      } else {
        line.append(s).append(pad);
      }
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    sb.append(line, 0, end).append('\n');
  }

  private static String cut(String s) {
    return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "\u2026";
  }

  /**
   * Formats numbers of one column with a shared number of decimals: none when every value is an
   * integer below 1e15 in magnitude, else two; magnitudes above 1e12 or below 1e-2 (but not zero) use
   * scientific notation. {@code NaN} is printed as {@code NA}.
   *
   * @param values the values to format
   * @return one string per value
   */
  public static String[] formatNumbers(double[] values) {
    boolean integral = true;
    for (double v : values) {
      if (!Double.isNaN(v) && !Double.isInfinite(v) && (v != Math.rint(v) || Math.abs(v) >= 1e15)) {
        integral = false;
        break;
      }
    }
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      double a = Math.abs(v);
      if (Double.isNaN(v)) {
        out[i] = "NA";
      } else if (Double.isInfinite(v)) {
        out[i] = v > 0 ? "Inf" : "-Inf";
      } else if (integral) {
        out[i] = String.format(Locale.ROOT, "%d", (long) v);
      } else if (a != 0 && (a >= 1e12 || a < 1e-2)) {
        out[i] = String.format(Locale.ROOT, "%.3e", v);
      } else {
        out[i] = String.format(Locale.ROOT, "%.2f", v);
      }
    }
    return out;
  }
}
