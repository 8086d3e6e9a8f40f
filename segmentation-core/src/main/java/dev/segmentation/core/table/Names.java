package dev.segmentation.core.table;

import java.util.Objects;

/** Checks of column names shared by the column classes. */
final class Names {

  private Names() {}

  static String check(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Column name must be non-blank, was \"" + name + "\".");
    }
    return name;
  }

  static String formatNumber(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      if (v == 0.0 && Double.doubleToRawLongBits(v) != 0L) {
        return "-0.0";
      }
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
