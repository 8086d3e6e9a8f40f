package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.AbcRule;
import dev.segmentation.core.model.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of an {@link AbcModel}: the body of an {@code "abc-model"} document.
 *
 * <p>{@code thresholds} and {@code cutoffs} have one entry per class but the last ({@code K - 1});
 * a {@code null} cut-off stands for {@code +Infinity}, the cut-off of a leading class without training
 * accounts (JSON has no infinity). {@code classes} holds one id and name per class, largest values
 * first.
 */
@JsonPropertyOrder({"column", "rule", "thresholds", "cutoffs", "classes", "warnings"})
record AbcModelDto(
    String column,
    AbcRule rule,
    List<Double> thresholds,
    @JsonSetter(contentNulls = Nulls.SET) List<Double> cutoffs,
    List<ClassDto> classes,
    List<String> warnings) {

  /**
   * One class.
   *
   * @param id the stable id
   * @param name the readable name
   */
  @JsonPropertyOrder({"id", "name"})
  record ClassDto(String id, String name) {}

  /**
   * Converts a domain model.
   *
   * @param m the model
   * @return the wire form
   */
  static AbcModelDto from(AbcModel m) {
    List<Double> cut = new ArrayList<>();
    for (double c : m.cutoffs()) {
      cut.add(c == Double.POSITIVE_INFINITY ? null : c);
    }
    List<ClassDto> classes = new ArrayList<>();
    for (Segment s : m.segments()) {
      classes.add(new ClassDto(s.id(), s.name()));
    }
    return new AbcModelDto(m.column(), m.rule(), QuantileModelDto.boxed(m.thresholds()), cut,
        classes, m.warnings());
  }

  /**
   * Converts to a domain model.
   *
   * @param path the path of this object
   * @return the model
   * @throws dev.segmentation.core.ModelFormatException when a value is invalid or the lengths do not
   *     match
   */
  AbcModel toDomain(String path) {
    double[] t = QuantileModelDto.unboxed(thresholds);
    double[] c = new double[cutoffs.size()];
    for (int j = 0; j < c.length; j++) {
      Double v = cutoffs.get(j);
      c[j] = v == null ? Double.POSITIVE_INFINITY : v;
    }
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ClassDto k : classes) {
      ids.add(k.id());
      names.add(k.name());
    }
    String at = JsonPaths.field(path, "column");
    if (t.length == 0 || !increasingIn01(t)) {
      at = JsonPaths.field(path, "thresholds");
    } else if (c.length != t.length || !cutoffsValid(c)) {
      at = JsonPaths.field(path, "cutoffs");
    } else if (classes.size() != t.length + 1 || ids.stream().distinct().count() != ids.size()) {
      at = JsonPaths.field(path, "classes");
    }
    return JsonPaths.build(at, () -> AbcModel.of(column, rule, t, c, ids, names, warnings));
  }

  private static boolean increasingIn01(double[] t) {
    for (int j = 0; j < t.length; j++) {
      if (!(t[j] > 0 && t[j] <= 1) || (j > 0 && !(t[j] > t[j - 1]))) {
        return false;
      }
    }
    return true;
  }

  private static boolean cutoffsValid(double[] c) {
    for (int j = 0; j < c.length; j++) {
      if (!(c[j] > 0) || (j > 0 && c[j] > c[j - 1])) {
        return false;
      }
    }
    return true;
  }
}
