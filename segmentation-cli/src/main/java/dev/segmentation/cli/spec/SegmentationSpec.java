package dev.segmentation.cli.spec;

import dev.segmentation.core.Criteria;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@code segment} command fits: criteria (the library's {@code "criteria"} document) and a
 * model configuration. Read and written by {@link SpecJson} as a {@code "segmentation-spec"} document.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param criteria the criteria, or {@code null} when the model reads columns directly (use
 *     {@link #criteriaIfAny()})
 * @param model the model configuration
 */
public record SegmentationSpec(Criteria criteria, ModelSpec model) {

  /** Checks that a model is given. */
  public SegmentationSpec {
    Objects.requireNonNull(model, "model");
  }

  /**
   * Returns the criteria.
   *
   * @return the criteria, or empty when the spec has none
   */
  public Optional<Criteria> criteriaIfAny() {
    return Optional.ofNullable(criteria);
  }
}
