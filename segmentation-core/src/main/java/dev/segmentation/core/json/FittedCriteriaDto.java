package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of {@link FittedCriteria}: the body of a {@code "fitted-criteria"} document. It embeds the
 * criteria {@code definition}, then one {@code fitted} entry per definition criterion in the same
 * order, the number of training accounts and the fitting warnings.
 */
@JsonPropertyOrder({"definition", "fitted", "trainingRows", "warnings"})
record FittedCriteriaDto(
    CriteriaDto definition, List<FittedCriterionDto> fitted, int trainingRows, List<String> warnings) {

  /**
   * Converts domain fitted criteria.
   *
   * @param f the fitted criteria
   * @param path the path of the object the fitted criteria are written as
   * @return the wire form
   * @throws dev.segmentation.core.ModelFormatException for a custom (Java function) source
   */
  static FittedCriteriaDto from(FittedCriteria f, String path) {
    CriteriaDto def = CriteriaDto.from(f.criteria(), JsonPaths.field(path, "definition"));
    List<FittedCriterionDto> out = new ArrayList<>();
    for (FittedCriterion c : f.fitted()) {
      out.add(FittedCriterionDto.from(c));
    }
    return new FittedCriteriaDto(def, out, f.trainingRows(), f.warnings());
  }

  /**
   * Converts to domain fitted criteria.
   *
   * @param path the path of this object
   * @return the fitted criteria
   * @throws dev.segmentation.core.ModelFormatException when a value is invalid or the fitted entries do
   *     not match the definition
   */
  FittedCriteria toDomain(String path) {
    String defPath = JsonPaths.field(path, "definition");
    Criteria criteria = definition.toDomain(defPath);
    String listPath = JsonPaths.field(path, "fitted");
    int k = criteria.criteria().size();
    if (fitted.size() != k) {
      throw JsonPaths.invalid(listPath, "there are " + fitted.size() + " fitted criteria for the " + k
          + " criteria of the definition; expected one per criterion, in definition order.");
    }
    List<FittedCriterion> out = new ArrayList<>(k);
    String defList = JsonPaths.field(defPath, "criteria");
    for (int j = 0; j < k; j++) {
      out.add(fitted.get(j).toDomain(criteria.criteria().get(j), JsonPaths.index(defList, j),
          JsonPaths.index(listPath, j)));
    }
    return JsonPaths.build(trainingRows < 1 ? JsonPaths.field(path, "trainingRows") : path,
        () -> FittedCriteria.of(criteria, out, warnings, trainingRows));
  }
}
