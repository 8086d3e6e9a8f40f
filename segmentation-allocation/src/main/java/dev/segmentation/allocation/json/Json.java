package dev.segmentation.allocation.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.internal.JsonDocuments;
import java.util.function.Supplier;

/**
 * The small shared part of this package: JSON paths ({@code $.options[2].hours.field}) and the
 * wrapping of domain validation failures. The mapper, the envelope and the translation of Jackson's
 * failures are core's {@code JsonDocuments}, shared with {@code ModelJson}.
 */
final class Json {

  /** The path of the document root. */
  static final String ROOT = JsonDocuments.ROOT;

  /** The mapper shared with core's {@code ModelJson}: strict reading, fixed printing, finite doubles. */
  static final JsonMapper MAPPER = JsonDocuments.mapper();

  private Json() {}

  static String field(String parent, String name) {
    return JsonDocuments.field(parent, name);
  }

  static String index(String parent, int index) {
    return JsonDocuments.index(parent, index);
  }

  /** Builds a domain object, turning its validation failure into a {@code ModelFormatException}. */
  static <T> T build(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ModelFormatException("Invalid value at " + path + ": " + e.getMessage(), path, e);
    }
  }

  static ModelFormatException invalid(String path, String message) {
    return new ModelFormatException("Invalid value at " + path + ": " + message, path, null);
  }

  /** Maps {@code NaN} to JSON {@code null} (JSON has no NaN). */
  static Double nanToNull(double value) {
    return Double.isNaN(value) ? null : value;
  }

  /** Maps JSON {@code null} back to {@code NaN}. */
  static double nullToNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  static String describe(JsonNode node) {
    return JsonDocuments.describe(node);
  }
}
