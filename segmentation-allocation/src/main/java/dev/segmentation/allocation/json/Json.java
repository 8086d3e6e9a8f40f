package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.segmentation.core.ModelFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The small shared part of this package: the one Jackson mapper, JSON paths
 * ({@code $.options[2].hours.field}), the wrapping of domain validation failures and the translation
 * of Jackson's mapping failures into {@link ModelFormatException}s that name the path. The rules are
 * those of {@code dev.segmentation.core.json.ModelJson}.
 */
final class Json {

  /** The path of the document root. */
  static final String ROOT = "$";

  /** The mapper: strict reading, fixed pretty printing, finite doubles only. */
  static final JsonMapper MAPPER = createMapper();

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Json() {}

  static String field(String parent, String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
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

  /** Turns a mapping failure into an exception whose message and path name the place. */
  static ModelFormatException mappingError(JsonNode body, JsonMappingException e) {
    String path = ROOT;
    JsonNode node = body;
    String lastName = "?";
    for (JsonMappingException.Reference r : e.getPath()) {
      JsonNode next = null;
      if (r.getFieldName() != null) {
        path = field(path, r.getFieldName());
        lastName = r.getFieldName();
        next = node.isObject() ? node.get(r.getFieldName()) : null;
      } else if (r.getIndex() >= 0) {
        path = index(path, r.getIndex());
        next = node.isArray() ? node.get(r.getIndex()) : null;
      }
      node = next == null ? MissingNode.getInstance() : next;
    }
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    String message;
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      Collection<Object> ids = u.getKnownPropertyIds();
      if (ids != null) {
        ids.forEach(id -> known.add(String.valueOf(id)));
      }
      known.sort(null);
      message = "Unknown field \"" + u.getPropertyName() + "\" at " + path
          + (known.isEmpty() ? "; this object has no other fields." : "; expected one of: "
              + String.join(", ", known) + ".")
          + "\nThe document may come from a newer version of segmentation or have been edited by hand.";
    } else if (e instanceof InvalidTypeIdException t) {
      Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
      JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
      if (info != null && info.use() == JsonTypeInfo.Id.DEDUCTION) {
        message = "Wrong type at " + path + ": expected {\"constant\": <number>} or "
            + "{\"column\": \"<column name>\"}, found " + describe(node) + ".";
      } else if (!node.isObject()) {
        message = "Wrong type at " + path + ": expected an object with a \"type\" field (one of: "
            + subtypeNames(base) + "), found " + describe(node) + ".";
      } else {
        JsonNode type = node.get("type");
        path = field(path, "type");
        message = (type == null ? "Missing field \"type\" at " + path
            : "Unknown type " + describe(type) + " at " + path) + "; expected one of: "
            + subtypeNames(base) + ".";
      }
    } else if (e instanceof InvalidNullException) {
      message = "Null at " + path + "; expected " + expected(target) + ".";
    } else if (e instanceof MismatchedInputException && node.isMissingNode()) {
      message = "Missing field \"" + lastName + "\" at " + path + "; expected " + expected(target)
          + ".";
    } else if (e instanceof InvalidFormatException && target != null && target.isEnum()) {
      message = "Invalid value " + describe(node) + " at " + path + "; expected " + expected(target)
          + ".";
    } else if (e instanceof MismatchedInputException) {
      message = "Wrong type at " + path + ": expected " + expected(target) + ", found "
          + describe(node) + "."
          + (node.isTextual() ? "\nNumbers are written without quotes; NaN and Infinity are not "
              + "allowed (a value that is not there is null where the format allows it)." : "");
    } else {
      message = "Invalid value " + describe(node) + " at " + path + ": " + e.getOriginalMessage();
    }
    return new ModelFormatException(message, path, e);
  }

  private static String subtypeNames(Class<?> base) {
    JsonSubTypes types = base == null ? null : base.getAnnotation(JsonSubTypes.class);
    List<String> names = new ArrayList<>();
    if (types != null) {
      for (JsonSubTypes.Type t : types.value()) {
        names.add(t.name());
      }
    }
    return String.join(", ", names);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    } else if (type == double.class || type == Double.class) {
      return "a finite number";
    } else if (type == int.class || type == Integer.class) {
      return "an integer";
    } else if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    } else if (type == String.class) {
      return "a string";
    } else if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(((Enum<?>) c).name());
      }
      return "one of " + String.join(", ", names);
    } else if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    } else if (node.isTextual()) {
      String s = node.textValue();
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      return "a number beyond the range of a double";
    } else if (node.isNumber() || node.isBoolean()) {
      return (node.isNumber() ? "the number " : "the boolean ") + node.asText();
    } else if (node.isNull()) {
      return "null";
    }
    return node.isArray() ? "an array" : "an object";
  }

  private static JsonMapper createMapper() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
    SimpleModule numbers = new SimpleModule("segmentation-allocation-finite-numbers");
    numbers.addDeserializer(Double.class, new FiniteDoubleDeserializer(Double.class));
    numbers.addDeserializer(double.class, new FiniteDoubleDeserializer(double.class));
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // null only where a DTO component says @JsonSetter(nulls = SET) or (contentNulls = SET)
        .defaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL))
        .withCoercionConfigDefaults(config -> {
          for (CoercionInputShape shape : CoercionInputShape.values()) {
            config.setCoercion(shape, CoercionAction.Fail);
          }
        })
        .enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .defaultPrettyPrinter(printer)
        .addModule(numbers)
        .build();
  }

  /**
   * Reads a JSON number as a finite double; rejects strings (including {@code "NaN"}, which Jackson
   * would accept) and numbers beyond the double range.
   */
  private static final class FiniteDoubleDeserializer extends StdScalarDeserializer<Double> {

    private static final long serialVersionUID = 1L;

    FiniteDoubleDeserializer(Class<?> type) {
      super(type);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
          return (Double) ctxt.handleWeirdNumberValue(handledType(), v,
              "beyond the range of a double");
        }
        return v;
      }
      return (Double) ctxt.handleUnexpectedToken(handledType(), p);
    }
  }
}
