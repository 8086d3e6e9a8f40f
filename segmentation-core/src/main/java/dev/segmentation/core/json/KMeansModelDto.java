package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansAlgorithm;
import dev.segmentation.core.model.KMeansInit;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of a {@link KMeansModel}: the body of a {@code "kmeans-model"} document. It holds the
 * trainer settings (seed and random generator included, so the fit can be reproduced), the fitted
 * criteria, the centroids in feature space and in original units, the segments and the fit
 * statistics. A missing original-unit value (a cluster without training accounts) is {@code null}.
 */
@JsonPropertyOrder({"settings", "criteria", "centroids", "originalCentroids", "segments",
    "clusterSizes", "inertia", "iterations", "converged", "bestRestart"})
record KMeansModelDto(
    SettingsDto settings,
    FittedCriteriaDto criteria,
    List<List<Double>> centroids,
    List<List<Double>> originalCentroids,
    List<SegmentDto> segments,
    List<Integer> clusterSizes,
    double inertia,
    int iterations,
    boolean converged,
    int bestRestart) {

  /**
   * The trainer settings.
   *
   * @param clusters k
   * @param restarts number of restarts
   * @param maxIterations iteration limit
   * @param tolerance relative shift tolerance
   * @param seed the seed
   * @param rng the random generator, always {@code XO_RO_SHI_RO_128_PP}
   * @param init the seeding method
   * @param initialCentroids the given centroids for {@code GIVEN}, else {@code null}
   * @param algorithm the Lloyd variant
   * @param weightColumn the weight column, or {@code null}
   */
  @JsonPropertyOrder({"clusters", "restarts", "maxIterations", "tolerance", "seed", "rng", "init",
      "initialCentroids", "algorithm", "weightColumn"})
  record SettingsDto(
      int clusters,
      int restarts,
      int maxIterations,
      double tolerance,
      long seed,
      String rng,
      KMeansInit init,
      @JsonSetter(nulls = Nulls.SET) List<List<Double>> initialCentroids,
      KMeansAlgorithm algorithm,
      @JsonSetter(nulls = Nulls.SET) String weightColumn) {}

  /**
   * One segment.
   *
   * @param id stable id
   * @param name readable name
   * @param description description
   */
  @JsonPropertyOrder({"id", "name", "description"})
  record SegmentDto(String id, String name, String description) {}

  static KMeansModelDto from(KMeansModel m, String path) {
    KMeans s = m.settings();
    List<List<Double>> given = s.initialCentroids().map(flat -> {
      int d = flat.length / s.clusters();
      double[][] rows = new double[s.clusters()][d];
      for (int j = 0; j < s.clusters(); j++) {
        System.arraycopy(flat, j * d, rows[j], 0, d);
      }
      return rows(rows);
    }).orElse(null);
    SettingsDto settings = new SettingsDto(s.clusters(), s.restarts(), s.maxIterations(),
        s.tolerance(), s.seed(), KMeans.RNG_ALGORITHM, s.init(), given, s.algorithm(),
        s.weightColumn().orElse(null));
    List<SegmentDto> segs = new ArrayList<>();
    for (Segment g : m.segments()) {
      segs.add(new SegmentDto(g.id(), g.name(), g.description()));
    }
    List<Integer> sizes = new ArrayList<>();
    for (int v : m.clusterSizes()) {
      sizes.add(v);
    }
    return new KMeansModelDto(settings,
        FittedCriteriaDto.from(m.criteria(), JsonPaths.field(path, "criteria")),
        rows(m.centroids()), rows(m.originalCentroids()), segs, sizes, m.inertia(), m.iterations(),
        m.converged(), m.bestRestart());
  }

  KMeansModel toDomain(String path) {
    String sp = JsonPaths.field(path, "settings");
    if (!KMeans.RNG_ALGORITHM.equals(settings.rng())) {
      throw JsonPaths.invalid(JsonPaths.field(sp, "rng"), "\"" + settings.rng()
          + "\" is not a supported generator; expected \"" + KMeans.RNG_ALGORITHM + "\".");
    }
    KMeans kmeans = JsonPaths.build(sp, () -> {
      KMeans.Builder b = KMeans.builder().restarts(settings.restarts())
          .maxIterations(settings.maxIterations()).tolerance(settings.tolerance())
          .seed(settings.seed()).algorithm(settings.algorithm());
      if (settings.init() == KMeansInit.GIVEN) {
        if (settings.initialCentroids() == null) {
          throw new IllegalArgumentException("init GIVEN needs initialCentroids.");
        }
        b.initialCentroids(arrays(settings.initialCentroids()));
      } else {
        if (settings.initialCentroids() != null) {
          throw new IllegalArgumentException("initialCentroids are only allowed with init GIVEN.");
        }
        b.clusters(settings.clusters()).init(settings.init());
      }
      if (settings.weightColumn() != null) {
        b.weights(settings.weightColumn());
      }
      return b.build();
    });
    FittedCriteria fc = criteria.toDomain(JsonPaths.field(path, "criteria"));
    List<Segment> segs = new ArrayList<>();
    for (int j = 0; j < segments.size(); j++) {
      SegmentDto g = segments.get(j);
      int index = j;
      segs.add(JsonPaths.build(JsonPaths.index(JsonPaths.field(path, "segments"), j),
          () -> new Segment(index, g.id(), g.name(), g.description())));
    }
    int[] sizes = new int[clusterSizes.size()];
    for (int j = 0; j < sizes.length; j++) {
      sizes[j] = clusterSizes.get(j);
    }
    return JsonPaths.build(path, () -> KMeansModel.of(kmeans, fc, arrays(centroids),
        arrays(originalCentroids), segs, sizes, inertia, iterations, converged, bestRestart));
  }

  private static List<List<Double>> rows(double[][] a) {
    List<List<Double>> out = new ArrayList<>();
    for (double[] r : a) {
      List<Double> row = new ArrayList<>();
      for (double v : r) {
        row.add(JsonPaths.nanToNull(v));
      }
      out.add(row);
    }
    return out;
  }

  private static double[][] arrays(List<List<Double>> rows) {
    double[][] out = new double[rows.size()][];
    for (int j = 0; j < out.length; j++) {
      List<Double> r = rows.get(j);
      out[j] = new double[r.size()];
      for (int t = 0; t < r.size(); t++) {
        out[j][t] = JsonPaths.nullToNaN(r.get(t));
      }
    }
    return out;
  }
}
