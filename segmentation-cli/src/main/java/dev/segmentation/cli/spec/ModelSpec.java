package dev.segmentation.cli.spec;

import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.model.AbcRule;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.RuleModel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model part of a segmentation spec ({@code "model"} in a {@code "segmentation-spec"} document):
 * which segment model to fit and its settings. Values were checked by the library's builders when the
 * spec was read.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public sealed interface ModelSpec
    permits ModelSpec.KMeansSpec, ModelSpec.QuantileSpec, ModelSpec.AbcSpec, ModelSpec.RuleSpec {

  /**
   * Returns the {@code "type"} of the model object.
   *
   * @return {@code kmeans}, {@code quantile}, {@code abc} or {@code rule}
   */
  String type();

  /**
   * K-means on the spec's criteria, with a fixed number of clusters or the number chosen by
   * {@code KSelection} (highest mean silhouette, ties: smaller k) over {@code minK..maxK}.
   *
   * @param kmeans the k-means settings (its {@code clusters} is {@code minK} when k is selected)
   * @param selectK whether k is chosen over a range
   * @param minK smallest k of the range (the fixed k when not selecting)
   * @param maxK largest k of the range (the fixed k when not selecting)
   * @param exactSilhouetteLimit KSelection's exact silhouette limit
   * @param names segment names in cluster order, or empty for the default names
   */
  record KMeansSpec(KMeans kmeans, boolean selectK, int minK, int maxK, int exactSilhouetteLimit,
      List<String> names) implements ModelSpec {

    /** Copies the names. */
    public KMeansSpec {
      Objects.requireNonNull(kmeans, "kmeans");
      names = List.copyOf(names);
    }

    @Override
    public String type() {
      return "kmeans";
    }
  }

  /**
   * Quantile bins of one numeric column, or of the score of the spec's (numeric) criteria.
   *
   * @param column the binned column, or {@code null} for the criteria score (use {@link #columnName()})
   * @param bins the number of equal-frequency bins, or 0 when {@code probabilities} are given
   * @param probabilities the bin probabilities, or an empty array when {@code bins} is given
   * @param method the quantile definition
   * @param names bin names lowest first, or empty for the default ids
   */
  record QuantileSpec(String column, int bins, double[] probabilities, QuantileMethod method,
      List<String> names) implements ModelSpec {

    /** Copies arrays and lists. */
    public QuantileSpec {
      probabilities = probabilities.clone();
      Objects.requireNonNull(method, "method");
      names = List.copyOf(names);
    }

    /**
     * Returns the binned column.
     *
     * @return the column, or empty for the criteria score
     */
    public Optional<String> columnName() {
      return Optional.ofNullable(column);
    }

    @Override
    public double[] probabilities() {
      return probabilities.clone();
    }

    @Override
    public String type() {
      return "quantile";
    }
  }

  /**
   * ABC (Pareto) classes of a value column.
   *
   * @param column the value column
   * @param thresholds cumulative-share thresholds
   * @param rule the rule for the crossing tie group
   * @param names class names largest first, or empty for A, B, C, ...
   */
  record AbcSpec(String column, double[] thresholds, AbcRule rule, List<String> names)
      implements ModelSpec {

    /** Copies arrays and lists. */
    public AbcSpec {
      Objects.requireNonNull(column, "column");
      thresholds = thresholds.clone();
      Objects.requireNonNull(rule, "rule");
      names = List.copyOf(names);
    }

    @Override
    public double[] thresholds() {
      return thresholds.clone();
    }

    @Override
    public String type() {
      return "abc";
    }
  }

  /**
   * Ordered rules; nothing is fitted.
   *
   * @param model the rule model built from the spec
   * @param rules the rules as written (for writing the spec back)
   * @param otherwise the default segment as written, or {@code null}
   */
  record RuleSpec(RuleModel model, List<RuleText> rules, RuleText otherwise) implements ModelSpec {

    /** Copies the list. */
    public RuleSpec {
      Objects.requireNonNull(model, "model");
      rules = List.copyOf(rules);
    }

    @Override
    public String type() {
      return "rule";
    }
  }

  /**
   * One rule (or the default segment) as written in the spec.
   *
   * @param id the segment id, or {@code null} for the slug of the name
   * @param name the segment name
   * @param description the description, or {@code null} for the default
   * @param when the condition text, or {@code null} for the default segment
   */
  record RuleText(String id, String name, String description, String when) {}
}
