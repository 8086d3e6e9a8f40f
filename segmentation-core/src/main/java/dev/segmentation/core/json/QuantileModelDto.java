package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.model.QuantileModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of a {@link QuantileModel}: the body of a {@code "quantile-model"} document.
 *
 * <p>Exactly one of {@code column} (the binned numeric column) and {@code score} (the body of a
 * {@code "fitted-criteria"} document whose weighted sum is binned) is non-null. {@code probabilities}
 * and {@code quantiles} have one entry per nominal edge ({@code k - 1}), {@code bins} one id and name per
 * nominal bin ({@code k}), lowest values first; collapsed edges are recomputed on reading, so the
 * document holds the quantiles exactly as fitted.
 */
@JsonPropertyOrder(
    {"column", "score", "method", "probabilities", "quantiles", "bins", "warnings"})
record QuantileModelDto(
    @JsonSetter(nulls = Nulls.SET) String column,
    @JsonSetter(nulls = Nulls.SET) FittedCriteriaDto score,
    QuantileMethod method,
    List<Double> probabilities,
    List<Double> quantiles,
    List<BinDto> bins,
    List<String> warnings) {

  /**
   * One nominal bin.
   *
   * @param id the stable id
   * @param name the readable name
   */
  @JsonPropertyOrder({"id", "name"})
  record BinDto(String id, String name) {}

  /**
   * Converts a domain model.
   *
   * @param m the model
   * @param path the path of the object the model is written as
   * @return the wire form
   * @throws dev.segmentation.core.ModelFormatException when a score criterion is computed by a Java
   *     function
   */
  static QuantileModelDto from(QuantileModel m, String path) {
    List<BinDto> bins = new ArrayList<>();
    for (int j = 0; j < m.binIds().size(); j++) {
      bins.add(new BinDto(m.binIds().get(j), m.binNames().get(j)));
    }
    FittedCriteriaDto score = m.scoreCriteria()
        .map(f -> FittedCriteriaDto.from(f, JsonPaths.field(path, "score")))
        .orElse(null);
    return new QuantileModelDto(m.column().orElse(null), score, m.method(),
        boxed(m.probabilities()), boxed(m.quantiles()), bins, m.warnings());
  }

  /**
   * Converts to a domain model.
   *
   * @param path the path of this object
   * @return the model
   * @throws dev.segmentation.core.ModelFormatException when a value is invalid or the lengths do not
   *     match
   */
  QuantileModel toDomain(String path) {
    if ((column == null) == (score == null)) {
      throw JsonPaths.invalid(JsonPaths.field(path, "column"), (column == null
          ? "both \"column\" and \"score\" are null"
          : "both \"column\" and \"score\" are given") + "; expected exactly one of them.");
    }
    double[] p = unboxed(probabilities);
    double[] q = unboxed(quantiles);
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (BinDto b : bins) {
      ids.add(b.id());
      names.add(b.name());
    }
    // Point at the offending field; the model factory has the final word and the message.
    String at = JsonPaths.field(path, column != null ? "column" : "score");
    if (p.length == 0 || !increasingIn01(p)) {
      at = JsonPaths.field(path, "probabilities");
    } else if (q.length != p.length || !nonDecreasing(q)) {
      at = JsonPaths.field(path, "quantiles");
    } else if (bins.size() != p.length + 1 || ids.stream().distinct().count() != ids.size()) {
      at = JsonPaths.field(path, "bins");
    }
    if (column != null) {
      return JsonPaths.build(at,
          () -> QuantileModel.ofColumn(column, method, p, q, ids, names, warnings));
    }
    FittedCriteria fitted = score.toDomain(JsonPaths.field(path, "score"));
    return JsonPaths.build(at,
        () -> QuantileModel.ofScore(fitted, method, p, q, ids, names, warnings));
  }

  private static boolean increasingIn01(double[] p) {
    for (int j = 0; j < p.length; j++) {
      if (!(p[j] > 0 && p[j] < 1) || (j > 0 && !(p[j] > p[j - 1]))) {
        return false;
      }
    }
    return true;
  }

  private static boolean nonDecreasing(double[] q) {
    for (int j = 1; j < q.length; j++) {
      if (q[j] < q[j - 1]) {
        return false;
      }
    }
    return true;
  }

  static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  static double[] unboxed(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
