package dev.segmentation.cli.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.segmentation.core.ModelFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Strict access to the fields of one JSON object, for hand-written spec documents: every failure is a
 * {@link ModelFormatException} whose message and path name the place ({@code $.model.clusters}).
 *
 * <p>Optional fields may be absent or {@code null}; unknown fields are rejected with the list of
 * known ones.
 */
final class JsonFields {

  /** Strict reading (duplicate keys, trailing tokens), finite doubles only; pretty printing as core. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  /** Two-space indent, {@code \n} line ends, {@code "name": value} (as the library's own output). */
  static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""));

  private final JsonNode node;
  private final String path;

  private JsonFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * Parses JSON text.
   *
   * @throws ModelFormatException for malformed JSON, with line and column
   */
  static JsonNode parse(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new ModelFormatException("The document is empty; expected a JSON object.", null, null);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : String.format(Locale.ROOT, " at line %d, column %d",
          at.getLineNr(), at.getColumnNr());
      throw new ModelFormatException(
          "Malformed JSON" + where + ": " + e.getOriginalMessage() + ".", null, e);
    }
  }

  /** Wraps an object node, failing when it is not an object. */
  static JsonFields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new ModelFormatException(
          "Expected a JSON object at " + path + ", found " + describe(node) + ".", path, null);
    }
    return new JsonFields(node, path);
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  String pathOf(String field) {
    return path + "." + field;
  }

  /** Rejects fields that are not in the list. */
  void allowOnly(String... fields) {
    Set<String> known = new LinkedHashSet<>(Arrays.asList(fields));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new ModelFormatException("Unknown field \"" + f + "\" at " + pathOf(f)
            + "; known fields here are: " + String.join(", ", known) + ".", pathOf(f), null);
      }
    }
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  JsonNode get(String field) {
    return node.get(field);
  }

  JsonNode require(String field, String expected) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new ModelFormatException("Missing field \"" + field + "\" at " + pathOf(field)
          + "; expected " + expected + ".", pathOf(field), null);
    }
    return v;
  }

  JsonFields object(String field) {
    return of(require(field, "an object"), pathOf(field));
  }

  String string(String field) {
    JsonNode v = require(field, "a string");
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw wrongType(field, v, "a non-blank string");
    }
    return v.textValue();
  }

  String optString(String field, String fallback) {
    return has(field) ? string(field) : fallback;
  }

  int integer(String field) {
    JsonNode v = require(field, "an integer");
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(field, v, "an integer");
    }
    return v.intValue();
  }

  int optInt(String field, int fallback) {
    return has(field) ? integer(field) : fallback;
  }

  long optLong(String field, long fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode v = node.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(field, v, "an integer (64 bits)");
    }
    return v.longValue();
  }

  double number(String field) {
    JsonNode v = require(field, "a number");
    return toDouble(v, pathOf(field), field);
  }

  double optDouble(String field, double fallback) {
    return has(field) ? number(field) : fallback;
  }

  double[] numbers(String field) {
    JsonNode v = require(field, "an array of numbers");
    if (!v.isArray() || v.isEmpty()) {
      throw wrongType(field, v, "a non-empty array of numbers");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toDouble(v.get(i), pathOf(field) + "[" + i + "]", field);
    }
    return out;
  }

  List<String> strings(String field) {
    JsonNode v = require(field, "an array of strings");
    if (!v.isArray()) {
      throw wrongType(field, v, "an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual() || e.textValue().isBlank()) {
        String p = pathOf(field) + "[" + i + "]";
        throw new ModelFormatException("\"" + field + "\" at " + p + " must be a non-blank string, was "
            + describe(e) + ".", p, null);
      }
      out.add(e.textValue());
    }
    return List.copyOf(out);
  }

  <E extends Enum<E>> E optEnum(String field, Class<E> type, E fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode v = node.get(field);
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
      if (v.isTextual() && e.name().equals(v.textValue())) {
        return e;
      }
    }
    throw wrongType(field, v, "one of " + String.join(", ", names));
  }

  private static double toDouble(JsonNode v, String p, String field) {
    if (v == null || !v.isNumber()) {
      throw new ModelFormatException("\"" + field + "\" at " + p + " must be a number, was "
          + describe(v) + ".", p, null);
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw new ModelFormatException("\"" + field + "\" at " + p + " is beyond the range of a double.",
          p, null);
    }
    return d;
  }

  ModelFormatException wrongType(String field, JsonNode v, String expected) {
    return new ModelFormatException("\"" + field + "\" at " + pathOf(field) + " must be " + expected
        + ", was " + describe(v) + ".", pathOf(field), null);
  }

  /** A failure of a library builder for the value at {@code field}, with the field's path. */
  ModelFormatException invalid(String field, RuntimeException e) {
    return new ModelFormatException("Invalid value at " + pathOf(field) + ": " + e.getMessage(),
        pathOf(field), e);
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    } else if (node.isTextual()) {
      String s = node.textValue();
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    } else if (node.isNumber() || node.isBoolean()) {
      return (node.isNumber() ? "the number " : "the boolean ") + node.asText();
    } else if (node.isNull()) {
      return "null";
    }
    return node.isArray() ? "an array" : "an object";
  }
}
