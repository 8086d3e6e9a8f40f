package dev.segmentation.core.model;

import java.util.Objects;

/**
 * One segment of a {@link SegmentModel}: its position in the model's ordered list, a stable id, a
 * readable name and a description of who belongs to it.
 *
 * @param index 0-based position in {@link SegmentModel#segments()}
 * @param id stable identifier, unique within the model (for example {@code "A"}, {@code "D10"},
 *     {@code "strategic"}); used in CSV/JSON exports and migration matrices
 * @param name readable name (for example {@code "Strategic"}); users may rename segments
 * @param description who belongs, for example {@code "potential > 5e6 or turnover > 1e6"}
 * @since 0.1
 */
public record Segment(int index, String id, String name, String description) {

  /**
   * Validates.
   *
   * @param index 0-based position, {@code >= 0}
   * @param id stable identifier, non-blank
   * @param name readable name, non-blank
   * @param description description, may be empty
   * @throws IllegalArgumentException for a negative index or a blank id or name
   */
  public Segment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (index < 0) {
      throw new IllegalArgumentException("Segment index must be >= 0, was " + index + ".");
    }
    if (id.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException(
          "Segment id and name must be non-blank, were \"" + id + "\" and \"" + name + "\".");
    }
  }

  /**
   * Returns this segment with another name.
   *
   * @param newName the readable name, non-blank
   * @return a copy with the new name
   */
  public Segment withName(String newName) {
    return new Segment(index, id, newName, description);
  }
}
