package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.Transform;
import dev.segmentation.core.criteria.UnseenCategoryPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of one {@link Criterion}. Every field is always written (also {@code missingConstant} and
 * {@code unseenCategory} where the kind or policy does not use them), so that reading gives an equal
 * criterion.
 */
@JsonPropertyOrder({
  "name", "kind", "source", "transforms", "weight", "missingPolicy", "missingConstant", "unseenCategory"
})
record CriterionDto(
    String name,
    CriterionKind kind,
    SourceDto source,
    List<TransformDto> transforms,
    double weight,
    MissingPolicy missingPolicy,
    double missingConstant,
    UnseenCategoryPolicy unseenCategory) {

  /**
   * Converts a domain criterion.
   *
   * @param c the criterion
   * @param path the path the criterion is written at
   * @return the wire form
   * @throws dev.segmentation.core.ModelFormatException for a custom (Java function) source
   */
  static CriterionDto from(Criterion c, String path) {
    List<TransformDto> steps = new ArrayList<>();
    for (Transform t : c.transforms()) {
      steps.add(TransformDto.from(t));
    }
    return new CriterionDto(c.name(), c.kind(),
        SourceDto.from(c.source(), c.name(), JsonPaths.field(path, "source")), steps, c.weight(),
        c.missingPolicy(), c.missingConstant(), c.unseenCategory());
  }

  /**
   * Converts to the domain criterion.
   *
   * @param path the path of this object
   * @return the criterion
   * @throws dev.segmentation.core.ModelFormatException when a value is invalid; the path names the
   *     field where it can
   */
  Criterion toDomain(String path) {
    Criterion.Source src = source.toDomain(JsonPaths.field(path, "source"));
    List<Transform> steps = new ArrayList<>();
    String stepsPath = JsonPaths.field(path, "transforms");
    for (int k = 0; k < transforms.size(); k++) {
      steps.add(transforms.get(k).toDomain(JsonPaths.index(stepsPath, k)));
    }
    // Point at the offending field; the record constructor has the final word and the message.
    String at = path;
    if (name.isBlank()) {
      at = JsonPaths.field(path, "name");
    } else if (!(Double.isFinite(weight) && weight > 0)) {
      at = JsonPaths.field(path, "weight");
    } else if (!Double.isFinite(missingConstant)) {
      at = JsonPaths.field(path, "missingConstant");
    } else if (kind == CriterionKind.CATEGORICAL && !steps.isEmpty()) {
      at = stepsPath;
    } else if (kind == CriterionKind.CATEGORICAL && !(src instanceof Criterion.Source.ColumnValue)) {
      at = JsonPaths.field(path, "source");
    }
    return JsonPaths.build(at, () -> new Criterion(
        name, kind, src, steps, weight, missingPolicy, missingConstant, unseenCategory));
  }
}
