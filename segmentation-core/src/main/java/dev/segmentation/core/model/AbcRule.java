package dev.segmentation.core.model;

/**
 * How an {@link AbcModel} classes the tie group whose value makes the cumulative share cross a
 * threshold.
 *
 * <p>Accounts are sorted by value, largest first; equal values form one tie group, which is always
 * classed as a whole. For a tie group let {@code before} be the share of the total held by all larger
 * values and {@code after} that share plus the group's own share; the constants define the class of
 * the group from {@code before}, {@code after} and the thresholds {@code t_1 < t_2 < ...}.
 *
 * @since 0.1
 */
public enum AbcRule {
  /**
   * A group is in the first class whose threshold its cumulative share <em>including</em> the group
   * does not exceed: class index = number of thresholds {@code t} with {@code after > t}. The
   * crossing group goes to the lower class, so the cumulative value share of classes {@code 0..c}
   * never exceeds {@code t_(c+1)}. A single group holding more than {@code t_1} of the total is
   * therefore not in the first class (one account alone has share 1 and lands in the first class
   * whose threshold is 1, or in the last class). This is the default.
   */
  PRIMARY,
  /**
   * The group that crosses a threshold joins the upper class: class index = number of thresholds
   * {@code t} with {@code before >= t}. The first group is always in the first class, and the
   * cumulative share of classes {@code 0..c} is the smallest share that reaches {@code t_(c+1)}.
   */
  CROSSING_JOINS_UPPER
}
