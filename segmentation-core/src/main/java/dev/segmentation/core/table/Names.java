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
    return dev.segmentation.core.internal.NumberText.exact(v);
  }
}
