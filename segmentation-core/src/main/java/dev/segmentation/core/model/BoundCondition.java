package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.model.Condition.And;
import dev.segmentation.core.model.Condition.Between;
import dev.segmentation.core.model.Condition.Compare;
import dev.segmentation.core.model.Condition.In;
import dev.segmentation.core.model.Condition.IsMissing;
import dev.segmentation.core.model.Condition.Not;
import dev.segmentation.core.model.Condition.NotIn;
import dev.segmentation.core.model.Condition.Operator;
import dev.segmentation.core.model.Condition.Or;
import dev.segmentation.core.model.Condition.TextCompare;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A {@link Condition} compiled against one table: columns, types and category codes are resolved once.
 *
 * <p>Two ways to evaluate:
 *
 * <ul>
 *   <li>{@link #test(int)}: one row; allocation-free and safe to call from several threads.
 *   <li>{@link #partition(int[], int, int[], int[])}: a block of rows at once, with tight branch-free
 *       loops per leaf; compound nodes keep a scratch buffer, so a tree used with {@code partition}
 *       belongs to one thread (rule models bind per {@code assign} call).
 * </ul>
 */
abstract class BoundCondition implements IntPredicate {

  /** Rows per block in {@link RuleModel}'s block evaluation; scratch buffers have at least this size. */
  static final int BLOCK = 1024;

  /**
   * Splits the rows {@code sel[0, n)} into those that satisfy this condition, written to
   * {@code yes[0, k)}, and the others, written to {@code no[0, n - k)}; returns {@code k}. The order
   * of rows within each part is unspecified. {@code yes} and {@code no} must be different arrays of
   * length {@code >= n}; either may be {@code sel} itself (the split is then done in place).
   */
  abstract int partition(int[] sel, int n, int[] yes, int[] no);

  static int[] scratch(int[] buf, int n) {
    return buf != null && buf.length >= n ? buf : new int[Math.max(n, BLOCK)];
  }

  // ---------------------------------------------------------------- binding

  static BoundCondition bind(Condition c, AccountTable table) {
    return bind(c, c, table);
  }

  private static BoundCondition bind(Condition c, Condition root, AccountTable table) {
    if (c instanceof And x) {
      return new AndNode(bindAll(x.operands(), root, table));
    }
    if (c instanceof Or x) {
      return new OrNode(bindAll(x.operands(), root, table));
    }
    if (c instanceof Not x) {
      return new NotNode(bind(x.operand(), root, table));
    }
    String name = ConditionParser.leafColumn(c);
    Optional<Column> found = table.findColumn(name);
    if (found.isEmpty()) {
      throw new DataValidationException(
          "Unknown column " + quoteName(name) + " in condition `" + root + "`; columns are: "
              + String.join(", ", table.columnNames()) + ".",
          null, name, -1, null);
    }
    Column col = found.get();
    if (c instanceof IsMissing) {
      if (col instanceof NumericColumn nc) {
        return new NumMissing(nc);
      } else if (col instanceof CategoricalColumn cc) {
        return new CatMissing(cc);
      }
      return new DateMissing((DateColumn) col);
    }
    if (c instanceof Compare x) {
      return new NumCompare(numeric(col, c, root), x.operator(), x.value());
    }
    if (c instanceof Between x) {
      return new NumBetween(numeric(col, c, root), x.low(), x.high());
    }
    List<String> labels;
    boolean negated;
    if (c instanceof TextCompare x) {
      labels = List.of(x.value());
      negated = x.operator() == Operator.NE;
    } else if (c instanceof In x) {
      labels = x.values();
      negated = false;
    } else {
      labels = ((NotIn) c).values();
      negated = true;
    }
    if (col instanceof CategoricalColumn cc) {
      boolean[] match = new boolean[cc.levels().size() + 1]; // index code + 1; code -1 = missing
      for (int i = 1; i < match.length; i++) {
        match[i] = negated;
      }
      for (String label : labels) {
        int code = cc.indexOfLevel(label);
        if (code >= 0) {
          match[code + 1] = !negated;
        }
      }
      return new CatMatch(cc, match);
    }
    if (col instanceof NumericColumn nc) {
      return new NumTextMatch(nc, numbersFormattedAs(labels), negated);
    }
    throw new DataValidationException(
        "Column " + quoteName(name) + " is " + col.type() + "; `" + c + "` in condition `" + root
            + "` needs a CATEGORICAL or NUMERIC column.\nOnly 'is missing' can test a "
            + col.type() + " column.",
        null, name, -1, null);
  }

  private static BoundCondition[] bindAll(
      List<Condition> operands, Condition root, AccountTable table) {
    BoundCondition[] out = new BoundCondition[operands.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bind(operands.get(i), root, table);
    }
    return out;
  }

  private static NumericColumn numeric(Column col, Condition c, Condition root) {
    if (col instanceof NumericColumn nc) {
      return nc;
    }
    String advice = col.type() == ColumnType.CATEGORICAL
        ? "\nTo match labels use '" + ConditionParser.identifier(col.name()) + " = \"...\"' or '"
            + ConditionParser.identifier(col.name()) + " in (...)'."
        : "";
    throw new DataValidationException(
        "Column " + quoteName(col.name()) + " is " + col.type() + ", but `" + c + "` in condition `"
            + root + "` needs a NUMERIC column." + advice,
        null, col.name(), -1, null);
  }

  private static String quoteName(String name) {
    return "'" + name + "'";
  }

  /**
   * Returns the raw bits of the numbers whose {@link Column#format} text is one of the labels: for a
   * label {@code s}, the only candidate is {@code Double.parseDouble(s)}, kept when it formats back to
   * exactly {@code s}.
   */
  static long[] numbersFormattedAs(List<String> labels) {
    List<Long> bits = new ArrayList<>();
    for (String s : labels) {
      OptionalDoubleText d = parseCanonical(s);
      if (d != null) {
        bits.add(Double.doubleToRawLongBits(d.value));
      }
    }
    long[] out = new long[bits.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bits.get(i);
    }
    return out;
  }

  private record OptionalDoubleText(double value) {}

  private static OptionalDoubleText parseCanonical(String s) {
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null; // not a number: no numeric value prints as this label
    }
    return !Double.isNaN(d) && formatLikeColumn(d).equals(s) ? new OptionalDoubleText(d) : null;
  }

  /** Same text as {@code NumericColumn.format}: integers below 1e15 without a point, -0.0 kept. */
  static String formatLikeColumn(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      if (v == 0.0 && Double.doubleToRawLongBits(v) != 0L) {
        return "-0.0";
      }
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  // ---------------------------------------------------------------- leaves

  static final class NumCompare extends BoundCondition {
    private final NumericColumn col;
    private final Operator op;
    private final double x;

    NumCompare(NumericColumn col, Operator op, double x) {
      this.col = col;
      this.op = op;
      this.x = x;
    }

    @Override
    public boolean test(int row) {
      return op.test(col.get(row), x);
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      final NumericColumn c = col;
      final double t = x;
      int k = 0;
      switch (op) {
        case LT:
          for (int i = 0; i < n; i++) {
            int r = sel[i];
            boolean b = c.get(r) < t;
            yes[k] = r;
            no[i - k] = r;
            k += b ? 1 : 0;
          }
          break;
        case LE:
          for (int i = 0; i < n; i++) {
            int r = sel[i];
            boolean b = c.get(r) <= t;
            yes[k] = r;
            no[i - k] = r;
            k += b ? 1 : 0;
          }
          break;
        case GT:
          for (int i = 0; i < n; i++) {
            int r = sel[i];
            boolean b = c.get(r) > t;
            yes[k] = r;
            no[i - k] = r;
            k += b ? 1 : 0;
          }
          break;
        case GE:
          for (int i = 0; i < n; i++) {
            int r = sel[i];
            boolean b = c.get(r) >= t;
            yes[k] = r;
            no[i - k] = r;
            k += b ? 1 : 0;
          }
          break;
        case EQ:
          for (int i = 0; i < n; i++) {
            int r = sel[i];
            boolean b = c.get(r) == t;
            yes[k] = r;
            no[i - k] = r;
            k += b ? 1 : 0;
          }
          break;
        default: // NE, false on NaN
          for (int i = 0; i < n; i++) {
            int r = sel[i];
            double v = c.get(r);
            boolean b = (v != t) & (v == v);
            yes[k] = r;
            no[i - k] = r;
            k += b ? 1 : 0;
          }
          break;
      }
      return k;
    }
  }

  static final class NumBetween extends BoundCondition {
    private final NumericColumn col;
    private final double lo;
    private final double hi;

    NumBetween(NumericColumn col, double lo, double hi) {
      this.col = col;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    public boolean test(int row) {
      double v = col.get(row);
      return v >= lo && v <= hi;
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      final NumericColumn c = col;
      final double a = lo;
      final double h = hi;
      int k = 0;
      for (int i = 0; i < n; i++) {
        int r = sel[i];
        double v = c.get(r);
        boolean b = (v >= a) & (v <= h);
        yes[k] = r;
        no[i - k] = r;
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  /** Labels of a categorical column: a lookup table indexed by code + 1 (index 0 = missing). */
  static final class CatMatch extends BoundCondition {
    private final CategoricalColumn col;
    private final boolean[] match;

    CatMatch(CategoricalColumn col, boolean[] match) {
      this.col = col;
      this.match = match;
    }

    @Override
    public boolean test(int row) {
      return match[col.code(row) + 1];
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      final CategoricalColumn c = col;
      final boolean[] hit = match;
      int k = 0;
      for (int i = 0; i < n; i++) {
        int r = sel[i];
        boolean b = hit[c.code(r) + 1];
        yes[k] = r;
        no[i - k] = r;
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  /** Labels of a numeric column used as codes: compares raw bits with the numbers of the labels. */
  static final class NumTextMatch extends BoundCondition {
    private final NumericColumn col;
    private final long[] bits;
    private final boolean negated;

    NumTextMatch(NumericColumn col, long[] bits, boolean negated) {
      this.col = col;
      this.bits = bits;
      this.negated = negated;
    }

    @Override
    public boolean test(int row) {
      double v = col.get(row);
      if (v != v) {
        return false;
      }
      long b = Double.doubleToRawLongBits(v);
      for (long x : bits) {
        if (x == b) {
          return !negated;
        }
      }
      return negated;
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      int k = 0;
      for (int i = 0; i < n; i++) {
        int r = sel[i];
        boolean b = test(r);
        yes[k] = r;
        no[i - k] = r;
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  static final class NumMissing extends BoundCondition {
    private final NumericColumn col;

    NumMissing(NumericColumn col) {
      this.col = col;
    }

    @Override
    public boolean test(int row) {
      double v = col.get(row);
      return v != v;
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      final NumericColumn c = col;
      int k = 0;
      for (int i = 0; i < n; i++) {
        int r = sel[i];
        double v = c.get(r);
        boolean b = v != v;
        yes[k] = r;
        no[i - k] = r;
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  static final class CatMissing extends BoundCondition {
    private final CategoricalColumn col;

    CatMissing(CategoricalColumn col) {
      this.col = col;
    }

    @Override
    public boolean test(int row) {
      return col.code(row) == CategoricalColumn.MISSING_CODE;
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      final CategoricalColumn c = col;
      int k = 0;
      for (int i = 0; i < n; i++) {
        int r = sel[i];
        boolean b = c.code(r) == CategoricalColumn.MISSING_CODE;
        yes[k] = r;
        no[i - k] = r;
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  static final class DateMissing extends BoundCondition {
    private final DateColumn col;

    DateMissing(DateColumn col) {
      this.col = col;
    }

    @Override
    public boolean test(int row) {
      return col.epochDay(row) == DateColumn.MISSING_EPOCH_DAY;
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      final DateColumn c = col;
      int k = 0;
      for (int i = 0; i < n; i++) {
        int r = sel[i];
        boolean b = c.epochDay(r) == DateColumn.MISSING_EPOCH_DAY;
        yes[k] = r;
        no[i - k] = r;
        k += b ? 1 : 0;
      }
      return k;
    }
  }

  // ---------------------------------------------------------------- combinations

  static final class NotNode extends BoundCondition {
    private final BoundCondition operand;

    NotNode(BoundCondition operand) {
      this.operand = operand;
    }

    @Override
    public boolean test(int row) {
      return !operand.test(row);
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      return n - operand.partition(sel, n, no, yes);
    }
  }

  static final class AndNode extends BoundCondition {
    private final BoundCondition[] operands;
    private int[] tmp;

    AndNode(BoundCondition[] operands) {
      this.operands = operands;
    }

    @Override
    public boolean test(int row) {
      for (BoundCondition c : operands) {
        if (!c.test(row)) {
          return false;
        }
      }
      return true;
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      int k = operands[0].partition(sel, n, yes, no);
      int failed = n - k;
      int[] t = tmp = scratch(tmp, n);
      for (int i = 1; i < operands.length && k > 0; i++) {
        int k2 = operands[i].partition(yes, k, yes, t);
        System.arraycopy(t, 0, no, failed, k - k2);
        failed += k - k2;
        k = k2;
      }
      return k;
    }
  }

  static final class OrNode extends BoundCondition {
    private final BoundCondition[] operands;
    private int[] tmp;

    OrNode(BoundCondition[] operands) {
      this.operands = operands;
    }

    @Override
    public boolean test(int row) {
      for (BoundCondition c : operands) {
        if (c.test(row)) {
          return true;
        }
      }
      return false;
    }

    @Override
    int partition(int[] sel, int n, int[] yes, int[] no) {
      int k = operands[0].partition(sel, n, yes, no);
      int rest = n - k;
      int[] t = tmp = scratch(tmp, n);
      for (int i = 1; i < operands.length && rest > 0; i++) {
        int k2 = operands[i].partition(no, rest, t, no);
        System.arraycopy(t, 0, yes, k, k2);
        k += k2;
        rest -= k2;
      }
      return k;
    }
  }
}
