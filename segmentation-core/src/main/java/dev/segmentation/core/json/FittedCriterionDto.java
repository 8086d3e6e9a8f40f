package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.FittedTransform;
import dev.segmentation.core.criteria.MissingPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of one {@link FittedCriterion}. The definition is not repeated: {@code criterion} names the
 * definition criterion at the same index of the document's {@code definition}. {@code imputeValue} is
 * {@code null} where the domain holds {@code NaN} (no imputation, and for categorical criteria).
 */
@JsonPropertyOrder({"criterion", "imputeValue", "transforms", "levels", "imputeLevel"})
record FittedCriterionDto(
    String criterion,
    @JsonSetter(nulls = Nulls.SET) Double imputeValue,
    List<FittedTransformDto> transforms,
    List<String> levels,
    int imputeLevel) {

  /**
   * Converts a domain fitted criterion.
   *
   * @param f the fitted criterion
   * @return the wire form
   */
  static FittedCriterionDto from(FittedCriterion f) {
    List<FittedTransformDto> steps = new ArrayList<>();
    for (FittedTransform t : f.transforms()) {
      steps.add(FittedTransformDto.from(t));
    }
    return new FittedCriterionDto(f.criterion().name(), JsonPaths.nanToNull(f.imputeValue()), steps,
        f.levels(), f.imputeLevel());
  }

  /**
   * Converts to the domain fitted criterion of a definition criterion.
   *
   * @param definition the criterion at the same index of the definition
   * @param definitionPath the path of that criterion, for messages
   * @param path the path of this object
   * @return the fitted criterion
   * @throws dev.segmentation.core.ModelFormatException when the name, a step or a learned value does not
   *     match the definition
   */
  FittedCriterion toDomain(Criterion definition, String definitionPath, String path) {
    if (!criterion.equals(definition.name())) {
      throw JsonPaths.invalid(JsonPaths.field(path, "criterion"), "fitted criterion '" + criterion
          + "' does not match the definition criterion '" + definition.name() + "' at "
          + definitionPath + "; fitted criteria must be in definition order.");
    }
    String stepsPath = JsonPaths.field(path, "transforms");
    boolean numeric = definition.kind() == CriterionKind.NUMERIC;
    if (numeric && transforms.size() != definition.transforms().size()) {
      throw JsonPaths.invalid(stepsPath, "criterion '" + criterion + "' has " + transforms.size()
          + " fitted transforms but " + definition.transforms().size() + " steps in its definition ("
          + JsonPaths.field(definitionPath, "transforms") + ").");
    }
    List<FittedTransform> steps = new ArrayList<>();
    for (int k = 0; k < transforms.size(); k++) {
      String at = JsonPaths.index(stepsPath, k);
      FittedTransform t = transforms.get(k).toDomain(at);
      if (numeric) {
        String expected = FittedTransformDto.mismatch(definition.transforms().get(k), t);
        if (expected != null) {
          throw JsonPaths.invalid(at, "criterion '" + criterion + "': this fitted step does not belong "
              + "to the definition step " + definition.transforms().get(k) + " ("
              + JsonPaths.index(JsonPaths.field(definitionPath, "transforms"), k) + "); expected "
              + expected + ".");
        }
      }
      steps.add(t);
    }
    double impute = JsonPaths.nullToNaN(imputeValue);
    // Point at the offending field; the record constructor has the final word and the message.
    String at = path;
    if (!numeric && !steps.isEmpty()) {
      at = stepsPath;
    } else if (!levels.isEmpty() == numeric) {
      at = JsonPaths.field(path, "levels");
    } else if (numeric ? imputeLevel != -1 : imputeLevel < -1 || imputeLevel >= levels.size()) {
      at = JsonPaths.field(path, "imputeLevel");
    } else if (numeric ? imputes(definition.missingPolicy()) == Double.isNaN(impute)
        : !Double.isNaN(impute)) {
      at = JsonPaths.field(path, "imputeValue");
    } else if (!numeric) {
      at = JsonPaths.field(path, "levels");
    }
    return JsonPaths.build(at,
        () -> new FittedCriterion(definition, impute, steps, levels, imputeLevel));
  }

  private static boolean imputes(MissingPolicy policy) {
    return policy == MissingPolicy.MEDIAN || policy == MissingPolicy.MEAN
        || policy == MissingPolicy.CONSTANT;
  }
}
