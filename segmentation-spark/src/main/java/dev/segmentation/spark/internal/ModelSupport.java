package dev.segmentation.spark.internal;

import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.Condition;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.MatrixModel;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.model.SegmentModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Model helpers: the JSON text of any built-in model and the columns a model reads. */
public final class ModelSupport {

  private ModelSupport() {}

  /**
   * Writes a built-in model as its JSON document.
   *
   * @param model a rule, matrix, quantile, ABC or k-means model
   * @return the JSON text
   * @throws IllegalArgumentException for another implementation of {@link SegmentModel}
   * @throws dev.segmentation.core.ModelFormatException when the model cannot be written (a criterion
   *     computed by a Java function)
   */
  public static String json(SegmentModel model) {
    if (model instanceof QuantileModel m) {
      return ModelJson.write(m);
    } else if (model instanceof AbcModel m) {
      return ModelJson.write(m);
    } else if (model instanceof RuleModel m) {
      return ModelJson.write(m);
    } else if (model instanceof MatrixModel m) {
      return ModelJson.write(m);
    } else if (model instanceof KMeansModel m) {
      return ModelJson.write(m);
    }
    throw new IllegalArgumentException("Model of kind '" + model.kind() + "' ("
        + model.getClass().getName() + ") has no JSON form; expected a rule, matrix, quantile, ABC "
        + "or k-means model.");
  }

  /**
   * Returns the table columns a model reads, in a fixed order, when the model kind is known.
   *
   * @param model the model
   * @return the column names, or empty for a kind this method does not know (then every convertible
   *     column is passed)
   */
  public static Optional<List<String>> columns(SegmentModel model) {
    Set<String> out = new LinkedHashSet<>();
    if (model instanceof QuantileModel m) {
      if (m.column().isPresent()) {
        out.add(m.column().get());
      } else {
        addCriteria(m.scoreCriteria().orElseThrow(), out);
      }
    } else if (model instanceof AbcModel m) {
      out.add(m.column());
    } else if (model instanceof MatrixModel m) {
      out.add(m.rowAxis().column());
      out.add(m.columnAxis().column());
    } else if (model instanceof KMeansModel m) {
      addCriteria(m.criteria(), out);
    } else if (model instanceof RuleModel m) {
      for (RuleModel.Rule r : m.rules()) {
        addCondition(r.condition(), out);
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(new ArrayList<>(out)));
  }

  private static void addCriteria(FittedCriteria fitted, Set<String> out) {
    for (Criterion c : fitted.criteria().criteria()) {
      out.addAll(c.source().columns());
    }
  }

  private static void addCondition(Condition c, Set<String> out) {
    if (c instanceof Condition.Compare x) {
      out.add(x.column());
    } else if (c instanceof Condition.Between x) {
      out.add(x.column());
    } else if (c instanceof Condition.TextCompare x) {
      out.add(x.column());
    } else if (c instanceof Condition.In x) {
      out.add(x.column());
    } else if (c instanceof Condition.NotIn x) {
      out.add(x.column());
    } else if (c instanceof Condition.IsMissing x) {
      out.add(x.column());
    } else if (c instanceof Condition.And x) {
      x.operands().forEach(o -> addCondition(o, out));
    } else if (c instanceof Condition.Or x) {
      x.operands().forEach(o -> addCondition(o, out));
    } else if (c instanceof Condition.Not x) {
      addCondition(x.operand(), out);
    }
  }
}
