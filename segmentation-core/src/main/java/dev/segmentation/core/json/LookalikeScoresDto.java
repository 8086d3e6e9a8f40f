package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.insight.LookalikeScore;
import dev.segmentation.core.insight.LookalikeScores;
import dev.segmentation.core.insight.ScoreDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of {@link LookalikeScores}: the body of a {@code "lookalike-scores"} document.
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "lookalike-scores",
 *   "reference": "top 10% by revenue",
 *   "referenceCount": 44,
 *   "referenceWithoutFeatures": 0,
 *   "medianReferenceDistance": 0.81,
 *   "halfDistance": 0.81,
 *   "scores": [
 *     {"id": "C-1", "score": 62.4, "distance": 1.36, "nearestReference": "C-9",
 *      "drivers": [{"criterion": "Fresh", "squaredDistance": 1.1, "share": 0.6}], "reason": ""}
 *   ]
 * }
 * }</pre>
 *
 * An account without features has {@code "score": null}, {@code "distance": null} and a reason.
 */
@JsonPropertyOrder({"reference", "referenceCount", "referenceWithoutFeatures",
    "medianReferenceDistance", "halfDistance", "scores"})
record LookalikeScoresDto(
    String reference,
    int referenceCount,
    int referenceWithoutFeatures,
    double medianReferenceDistance,
    double halfDistance,
    List<ScoreDto> scores) {

  /**
   * One account.
   *
   * @param id account id
   * @param score score or {@code null}
   * @param distance distance or {@code null}
   * @param nearestReference nearest reference id or empty
   * @param drivers explaining criteria
   * @param reason empty or why not scored
   */
  @JsonPropertyOrder({"id", "score", "distance", "nearestReference", "drivers", "reason"})
  record ScoreDto(
      String id,
      @JsonSetter(nulls = Nulls.SET) Double score,
      @JsonSetter(nulls = Nulls.SET) Double distance,
      String nearestReference,
      List<DriverDto> drivers,
      String reason) {}

  /**
   * One driver.
   *
   * @param criterion criterion name
   * @param squaredDistance contribution to the squared distance
   * @param share share of the squared distance
   */
  @JsonPropertyOrder({"criterion", "squaredDistance", "share"})
  record DriverDto(String criterion, double squaredDistance, double share) {}

  static LookalikeScoresDto from(LookalikeScores s) {
    List<ScoreDto> out = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      LookalikeScore one = s.score(i);
      List<DriverDto> d = new ArrayList<>();
      for (ScoreDriver drv : one.drivers()) {
        d.add(new DriverDto(drv.criterion(), drv.squaredDistance(), drv.share()));
      }
      out.add(new ScoreDto(one.accountId(), JsonPaths.nanToNull(one.score()),
          JsonPaths.nanToNull(one.distance()), one.nearestReferenceId(), d, one.reason()));
    }
    return new LookalikeScoresDto(s.referenceDescription(), s.referenceCount(),
        s.referenceWithoutFeatures(), s.medianReferenceDistance(), s.halfDistance(), out);
  }

  LookalikeScores toDomain(String path) {
    List<LookalikeScore> out = new ArrayList<>(scores.size());
    String sp = JsonPaths.field(path, "scores");
    for (int i = 0; i < scores.size(); i++) {
      ScoreDto s = scores.get(i);
      String at = JsonPaths.index(sp, i);
      List<ScoreDriver> drivers = new ArrayList<>();
      for (int j = 0; j < s.drivers().size(); j++) {
        DriverDto d = s.drivers().get(j);
        drivers.add(JsonPaths.build(JsonPaths.index(JsonPaths.field(at, "drivers"), j),
            () -> new ScoreDriver(d.criterion(), d.squaredDistance(), d.share())));
      }
      out.add(JsonPaths.build(at, () -> new LookalikeScore(s.id(), JsonPaths.nullToNaN(s.score()),
          JsonPaths.nullToNaN(s.distance()), s.nearestReference(), drivers, s.reason())));
    }
    return JsonPaths.build(path, () -> LookalikeScores.of(reference, referenceCount,
        referenceWithoutFeatures, medianReferenceDistance, halfDistance, out));
  }
}
