package dev.segmentation.core.internal;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.FittedTransform;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.RowIssue;
import dev.segmentation.core.table.NumericColumn;
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
    Result fast = runByBlock(fc, table);
    return fast != null ? fast : runByColumn(fc, table);
  }

  /**
   * The fast path when every criterion reads one numeric column: rows are processed in blocks of
   * {@link BlockExecutor#BLOCK_ROWS}, all features of a block at once, so the row-major array is
   * written sequentially and no column is copied whole. It computes the same values as
   * {@link #runByColumn}; on any problem (an error to report, another kind of criterion) it returns
   * {@code null} and the caller runs {@link #runByColumn}, which reports errors in its documented
   * order.
   */
  private static Result runByBlock(FittedCriteria fc, AccountTable table) {
    List<FittedCriterion> fitted = fc.fitted();
    int n = table.rowCount();
    int d = fc.dimension();
    int q = fitted.size();
    if (q != d || n == 0) {
      return null;
    }
    NumericColumn[] cols = new NumericColumn[q];
    double[] w = new double[q];
    FittedTransform[][] steps = new FittedTransform[q][];
    MissingPolicy[] policy = new MissingPolicy[q];
    double[] impute = new double[q];
    try {
      for (int j = 0; j < q; j++) {
        FittedCriterion f = fitted.get(j);
        Criterion c = f.criterion();
        if (c.kind() != CriterionKind.NUMERIC
            || !(c.source() instanceof Criterion.Source.ColumnValue cv)) {
          return null;
        }
        CriterionValues.checkColumns(table, c);
        cols[j] = table.numeric(cv.column());
        w[j] = Math.sqrt(c.weight());
        steps[j] = f.transforms().toArray(new FittedTransform[0]);
        policy[j] = c.missingPolicy();
        impute[j] = f.imputeValue();
      }
      boolean[] unassigned = missingUnderMarkUnassigned(fitted, table);
      double[] data = new double[Math.multiplyExact(n, d)];
      double[] buf = new double[Math.min(n, BlockExecutor.BLOCK_ROWS)];
      boolean[] bad = null;
      for (int from = 0; from < n; from += BlockExecutor.BLOCK_ROWS) {
        int len = Math.min(BlockExecutor.BLOCK_ROWS, n - from);
        for (int j = 0; j < q; j++) {
          cols[j].copyTo(from, buf, 0, len);
          FittedTransform[] st = steps[j];
          double wj = w[j];
          for (int r = 0; r < len; r++) {
            int i = from + r;
            double v = buf[r];
            if (Double.isNaN(v)) {
              if (policy[j] == MissingPolicy.REJECT) {
                return null;
              }
              if (policy[j] == MissingPolicy.MARK_UNASSIGNED) {
                if (bad == null) {
                  bad = new boolean[n];
                }
                bad[i] = true;
                continue;
              }
              v = impute[j];
            } else if (Double.isInfinite(v)) {
              return null;
            }
            if (unassigned[i]) {
              continue;
            }
            double y = v;
            for (FittedTransform t : st) {
              y = t.apply(y);
            }
            if (Double.isNaN(y)) {
              return null;
            }
            data[i * d + j] = y * wj;
          }
        }
      }
      if (bad == null) {
        return new Result(data, n, d, List.of());
      }
      // rows without features: the first criterion (in criteria order) that marked them is reported
      List<RowIssue> issueList = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (bad[i]) {
          int j = 0;
          while (!Double.isNaN(cols[j].get(i)) || policy[j] != MissingPolicy.MARK_UNASSIGNED) {
            j++;
          }
          Arrays.fill(data, i * d, i * d + d, Double.NaN);
          issueList.add(new RowIssue(i, table.id(i), fitted.get(j).criterion().name(),
              UnassignedReason.MISSING_VALUE));
        }
      }
      return new Result(data, n, d, List.copyOf(issueList));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The general path: one criterion after the other over all rows (package-private for tests). */
  static Result runByColumn(FittedCriteria fc, AccountTable table) {
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
