package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.model.Condition.And;
import dev.segmentation.core.model.Condition.Between;
import dev.segmentation.core.model.Condition.Compare;
import dev.segmentation.core.model.Condition.In;
import dev.segmentation.core.model.Condition.IsMissing;
import dev.segmentation.core.model.Condition.Not;
import dev.segmentation.core.model.Condition.NotIn;
import dev.segmentation.core.model.Condition.Or;
import dev.segmentation.core.model.Condition.TextCompare;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.List;

/**
 * An independent, deliberately naive evaluator of conditions, written from the documented semantics
 * (not from the implementation): the oracle of the property tests.
 */
final class ConditionOracle {

  private ConditionOracle() {}

  static boolean eval(Condition c, AccountTable t, int row) {
    if (c instanceof And x) {
      return x.operands().stream().allMatch(o -> eval(o, t, row));
    }
    if (c instanceof Or x) {
      return x.operands().stream().anyMatch(o -> eval(o, t, row));
    }
    if (c instanceof Not x) {
      return !eval(x.operand(), t, row);
    }
    if (c instanceof IsMissing x) {
      return t.column(x.column()).isMissing(row);
    }
    if (c instanceof Compare x) {
      double v = t.numeric(x.column()).get(row);
      if (Double.isNaN(v)) {
        return false;
      }
      double w = x.value();
      switch (x.operator()) {
        case LT:
          return v < w;
        case LE:
          return v <= w;
        case GT:
          return v > w;
        case GE:
          return v >= w;
        case EQ:
          return v == w;
        default:
          return v != w;
      }
    }
    if (c instanceof Between x) {
      double v = t.numeric(x.column()).get(row);
      return !Double.isNaN(v) && x.low() <= v && v <= x.high();
    }
    List<String> labels;
    boolean negated;
    String column;
    if (c instanceof TextCompare x) {
      labels = List.of(x.value());
      negated = x.operator() == Condition.Operator.NE;
      column = x.column();
    } else if (c instanceof In x) {
      labels = x.values();
      negated = false;
      column = x.column();
    } else {
      NotIn x = (NotIn) c;
      labels = x.values();
      negated = true;
      column = x.column();
    }
    Column col = t.column(column);
    if (col.isMissing(row)) {
      return false;
    }
    if (!(col instanceof CategoricalColumn) && !(col instanceof NumericColumn)) {
      throw new IllegalArgumentException("labels on " + col.type());
    }
    boolean in = labels.contains(col.format(row));
    return negated != in;
  }

  /** First-match-wins by the oracle: the rule index, the default's index, or -1. */
  static int firstMatch(RuleModel m, AccountTable t, int row) {
    for (int r = 0; r < m.rules().size(); r++) {
      if (eval(m.rules().get(r).condition(), t, row)) {
        return r;
      }
    }
    return m.defaultSegment().map(Segment::index).orElse(-1);
  }
}
