package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.MissingPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wire form of {@link Criteria}: the body of a {@code "criteria"} document, and the
 * {@code "definition"} of a {@code "fitted-criteria"} document.
 */
@JsonPropertyOrder({"defaultMissingPolicy", "criteria"})
record CriteriaDto(MissingPolicy defaultMissingPolicy, List<CriterionDto> criteria) {

  /**
   * Converts domain criteria.
   *
   * @param criteria the criteria
   * @param path the path of the object the criteria are written as
   * @return the wire form
   * @throws dev.segmentation.core.ModelFormatException for a custom (Java function) source
   */
  static CriteriaDto from(Criteria criteria, String path) {
    List<CriterionDto> out = new ArrayList<>();
    String listPath = JsonPaths.field(path, "criteria");
    for (int j = 0; j < criteria.criteria().size(); j++) {
      out.add(CriterionDto.from(criteria.criteria().get(j), JsonPaths.index(listPath, j)));
    }
    return new CriteriaDto(criteria.defaultMissingPolicy(), out);
  }

  /**
   * Converts to domain criteria.
   *
   * @param path the path of this object
   * @return the criteria
   * @throws dev.segmentation.core.ModelFormatException when a value is invalid, the list is empty or
   *     a name repeats
   */
  Criteria toDomain(String path) {
    String listPath = JsonPaths.field(path, "criteria");
    List<Criterion> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int j = 0; j < criteria.size(); j++) {
      String at = JsonPaths.index(listPath, j);
      Criterion c = criteria.get(j).toDomain(at);
      Integer first = seen.putIfAbsent(c.name(), j);
      if (first != null) {
        throw JsonPaths.invalid(JsonPaths.field(at, "name"), "criterion '" + c.name()
            + "' is defined twice (also at " + JsonPaths.index(listPath, first)
            + "); criterion names must be unique.");
      }
      out.add(c);
    }
    return JsonPaths.build(criteria.isEmpty() ? listPath : path,
        () -> Criteria.of(out, defaultMissingPolicy));
  }
}
