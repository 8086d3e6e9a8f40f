package dev.segmentation.core.criteria;

/** Argument checks shared by the fitted value types. */
final class Checks {

  private Checks() {}

  static void finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, was " + v + ".");
    }
  }

  static void nonNegative(String name, double v) {
    if (!(Double.isFinite(v) && v >= 0)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v + ".");
    }
  }
}
