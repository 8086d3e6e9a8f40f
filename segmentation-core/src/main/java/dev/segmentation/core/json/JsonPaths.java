package dev.segmentation.core.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.internal.JsonDocuments;
import java.util.List;
import java.util.function.Supplier;

/**
 * JSON paths ({@code $.criteria[1].transforms[0].lower}) and the wrapping of domain validation failures
 * into {@link ModelFormatException}s that name the path. Shared by every DTO of this package.
 */
final class JsonPaths {

  /** The path of the document root. */
  static final String ROOT = "$";

  private JsonPaths() {}

  /**
   * Returns the path of a field of an object.
   *
   * @param parent the object's path
   * @param name the field name
   * @return {@code parent.name}, or {@code parent['odd name']} for names that are not identifiers
   */
  static String field(String parent, String name) {
    return JsonDocuments.field(parent, name);
  }

  /**
   * Returns the path of an array element.
   *
   * @param parent the array's path
   * @param index the 0-based index
   * @return {@code parent[index]}
   */
  static String index(String parent, int index) {
    return JsonDocuments.index(parent, index);
  }

  /**
   * Converts a Jackson reference chain to a path.
   *
   * @param refs the references from the root
   * @return the path, {@code $} for an empty chain
   */
  static String of(List<JsonMappingException.Reference> refs) {
    String path = ROOT;
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        path = field(path, r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path = index(path, r.getIndex());
      }
    }
    return path;
  }

  /**
   * Builds a domain object, turning its validation failure into a {@code ModelFormatException}.
   *
   * @param path the best path of the offending value
   * @param constructor builds the domain object
   * @param <T> the domain type
   * @return the domain object
   * @throws ModelFormatException when the constructor throws {@link IllegalArgumentException}
   */
  static <T> T build(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(
          "Invalid value at " + path + ": " + e.getMessage(), path, e);
    }
  }

  /**
   * Creates the exception for an invalid value found while converting to domain objects.
   *
   * @param path the path of the offending value
   * @param message what is wrong and what was expected
   * @return the exception
   */
  static ModelFormatException invalid(String path, String message) {
    return new ModelFormatException("Invalid value at " + path + ": " + message, path, null);
  }

  /**
   * Maps a missing value ({@code NaN}) to JSON {@code null}.
   *
   * @param value a finite value or {@code NaN}
   * @return the value, or {@code null} for {@code NaN}
   */
  static Double nanToNull(double value) {
    return Double.isNaN(value) ? null : value;
  }

  /**
   * Maps JSON {@code null} back to {@code NaN}.
   *
   * @param value the value read, or {@code null}
   * @return the value, or {@code NaN} for {@code null}
   */
  static double nullToNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
