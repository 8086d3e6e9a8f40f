package dev.segmentation.core.internal;

/** The text form of numbers in CSV output and {@code Column.format}, shared so both stay identical. */
public final class NumberText {

  private NumberText() {}

  /**
   * Formats a number: the shortest text that reads back exactly with
   * {@link Double#parseDouble(String)} ({@link Double#toString(double)}), integers below 1e15 in
   * magnitude without a decimal point, {@code -0.0} kept, infinities as Java writes them, and
   * {@code NaN} (missing) as the empty string.
   *
   * @param v the number
   * @return its text
   */
  public static String exact(double v) {
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
