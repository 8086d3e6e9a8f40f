package dev.segmentation.core.internal;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.RowIssue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@link FittedCriteria#transform(AccountTable)}: builds the row-major feature array of a
 * table and the accounts without features. Models call it directly so that they own the array without
 * the defensive copy of {@code FeatureMatrix.toArray()} (k-means keeps one feature matrix in memory, not
 * two).
 */
public final class FeatureTransform {

  private FeatureTransform() {}

  /**
   * The transformed table.
   *
   * @param data row-major {@code rows x columns} features, owned by the caller; rows with an issue are
   *     {@code NaN}
   * @param rows number of accounts
   * @param columns number of features
   * @param issues accounts without features, in row order
   */
  public record Result(double[] data, int rows, int columns, List<RowIssue> issues) {}

  /**
   * Transforms a table with fitted criteria; see {@link FittedCriteria#transform(AccountTable)}.
   *
   * @param fc fitted criteria
   * @param table the accounts
   * @return the features
   * @throws DataValidationException as {@link FittedCriteria#transform(AccountTable)}
   */
  public static Result run(FittedCriteria fc, AccountTable table) {
    Objects.requireNonNull(table, "table");
    List<FittedCriterion> fitted = fc.fitted();
    int n = table.rowCount();
    int d = fc.dimension();
    double[] data = new double[Math.multiplyExact(n, d)];
    boolean[] bad = new boolean[n];
    RowIssue[] issues = new RowIssue[n];
    boolean[] unassigned = missingUnderMarkUnassigned(fitted, table);
    int offset = 0;
    for (FittedCriterion f : fitted) {
      Criterion c = f.criterion();
      double w = Math.sqrt(c.weight());
      if (c.kind() == CriterionKind.NUMERIC) {
        double[] raw = CriterionValues.numeric(table, c);
        for (int i = 0; i < n; i++) {
          double v = raw[i];
          if (Double.isNaN(v)) {
            switch (c.missingPolicy()) {
              case REJECT -> throw new DataValidationException(
                  "Criterion '" + c.name() + "', account \"" + table.id(i) + "\" (row " + i
                      + "): the value is missing and the policy is REJECT.",
                  table.id(i), c.name(), -1, null);
              case MARK_UNASSIGNED -> {
                flag(table, i, c, UnassignedReason.MISSING_VALUE, bad, issues);
                continue;
              }
              default -> v = f.imputeValue();
            }
          }
          if (unassigned[i]) {
            continue;
          }
          double y = v;
          for (int s = 0; s < f.transforms().size(); s++) {
            y = f.transforms().get(s).apply(y);
            if (Double.isNaN(y)) {
              throw new DataValidationException(
                  String.format(Locale.ROOT,
                      "Criterion '%s', account \"%s\": %s is undefined for %s (expected a value > -1).",
                      c.name(), table.id(i), c.transforms().get(s), v),
                  table.id(i), c.name(), -1, null);
            }
          }
          data[i * d + offset] = y * w;
        }
        offset += 1;
      } else {
        CriterionValues.Labels labels = CriterionValues.categoryLabels(table, c);
        int[] map = new int[labels.levels().size()];
        Map<String, Integer> levelIndex = new HashMap<>();
        for (int l = 0; l < f.levels().size(); l++) {
          levelIndex.put(f.levels().get(l), l);
        }
        for (int code = 0; code < map.length; code++) {
          map[code] = levelIndex.getOrDefault(labels.levels().get(code), -1);
        }
        int[] codes = labels.codes();
        for (int i = 0; i < n; i++) {
          int level;
          if (codes[i] == CriterionValues.MISSING) {
            switch (c.missingPolicy()) {
              case REJECT -> throw new DataValidationException(
                  "Criterion '" + c.name() + "', account \"" + table.id(i) + "\" (row " + i
                      + "): the category is missing and the policy is REJECT.",
                  table.id(i), c.name(), -1, null);
              case MARK_UNASSIGNED -> {
                flag(table, i, c, UnassignedReason.MISSING_VALUE, bad, issues);
                continue;
              }
              default -> level = f.imputeLevel();
            }
          } else {
            level = map[codes[i]];
            if (level < 0) {
              String label = labels.levels().get(codes[i]);
              switch (c.unseenCategory()) {
                case ERROR -> {
                  if (unassigned[i]) {
                    continue;
                  }
                  throw new DataValidationException(
                      "Criterion '" + c.name() + "', account \"" + table.id(i) + "\": category \""
                          + label + "\" did not occur in training; known levels are: "
                          + String.join(", ", f.levels()) + ".\n"
                          + "Use unseen(UnseenCategoryPolicy.ALL_ZERO or MARK_UNASSIGNED) to accept new "
                          + "categories.",
                      table.id(i), c.name(), -1, null);
                }
                case MARK_UNASSIGNED -> {
                  flag(table, i, c, UnassignedReason.UNSEEN_CATEGORY, bad, issues);
                  continue;
                }
                default -> level = -1;
              }
            }
          }
          if (level >= 0) {
            data[i * d + offset + level] = w;
          }
        }
        offset += f.levels().size();
      }
    }
    List<RowIssue> issueList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (bad[i]) {
        Arrays.fill(data, i * d, i * d + d, Double.NaN);
        issueList.add(issues[i]);
      }
    }
    return new Result(data, n, d, List.copyOf(issueList));
  }

  /** Rows with a missing value under MARK_UNASSIGNED for some criterion (left out of fitting). */
  private static boolean[] missingUnderMarkUnassigned(
      List<FittedCriterion> fitted, AccountTable table) {
    boolean[] out = new boolean[table.rowCount()];
    for (FittedCriterion f : fitted) {
      Criterion c = f.criterion();
      if (c.missingPolicy() != MissingPolicy.MARK_UNASSIGNED) {
        continue;
      }
      if (c.kind() == CriterionKind.NUMERIC) {
        double[] raw = CriterionValues.numeric(table, c);
        for (int i = 0; i < raw.length; i++) {
          out[i] |= Double.isNaN(raw[i]);
        }
      } else {
        int[] codes = CriterionValues.categoryLabels(table, c).codes();
        for (int i = 0; i < codes.length; i++) {
          out[i] |= codes[i] == CriterionValues.MISSING;
        }
      }
    }
    return out;
  }

  private static void flag(
      AccountTable table, int row, Criterion c, UnassignedReason reason, boolean[] bad,
      RowIssue[] issues) {
    if (!bad[row]) {
      bad[row] = true;
      issues[row] = new RowIssue(row, table.id(row), c.name(), reason);
    }
  }

}
