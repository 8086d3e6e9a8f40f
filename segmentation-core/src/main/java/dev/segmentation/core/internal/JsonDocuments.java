package dev.segmentation.core.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.core.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The versioned JSON document machinery shared by every JSON facade of the library
 * ({@code ModelJson} in core, {@code AllocationJson} in allocation): the one fully configured Jackson
 * mapper (strict reading, fixed pretty printing, finite doubles only), the {@code schemaVersion} +
 * {@code kind} envelope, JSON paths ({@code $.options[2].hours.field}) and the translation of Jackson's
 * failures into {@link ModelFormatException}s that name the path. Internal: no compatibility promise.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class JsonDocuments {

  /** The path of the document root. */
  public static final String ROOT = "$";

  private static final String SCHEMA_VERSION_FIELD = "schemaVersion";
  private static final String KIND_FIELD = "kind";
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final JsonMapper MAPPER = createMapper();

  private final String facade;
  private final int schemaVersion;
  private final Map<String, String> readers;
  private final String unknownKindAdvice;
  private final Map<Class<?>, String> shapes;

  /**
   * Creates the envelope of one facade.
   *
   * @param facade the public class that reads and writes, for advice ("Read it with ModelJson.x")
   * @param schemaVersion the version written and the newest read
   * @param readers reader method name per kind the facade reads, for wrong-kind advice
   * @param unknownKindAdvice advice when a document's kind is not one of {@code readers}
   * @param shapes for {@code JsonTypeInfo.Id.DEDUCTION} types, the expected forms in words
   */
  public JsonDocuments(String facade, int schemaVersion, Map<String, String> readers,
      String unknownKindAdvice, Map<Class<?>, String> shapes) {
    this.facade = Objects.requireNonNull(facade, "facade");
    this.schemaVersion = schemaVersion;
    this.readers = Map.copyOf(readers);
    this.unknownKindAdvice = Objects.requireNonNull(unknownKindAdvice, "unknownKindAdvice");
    this.shapes = Map.copyOf(shapes);
  }

  /**
   * Returns the shared mapper.
   *
   * @return the mapper; never reconfigure it
   */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Returns the path of a field of an object.
   *
   * @param parent the object's path
   * @param name the field name
   * @return {@code parent.name}, or {@code parent['odd name']} for names that are not identifiers
   */
  public static String field(String parent, String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  /**
   * Returns the path of an array element.
   *
   * @param parent the array's path
   * @param index the 0-based index
   * @return {@code parent[index]}
   */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /**
   * Describes a JSON value for a message ("the string \"x\"", "an array", "nothing").
   *
   * @param node the value, or {@code null}
   * @return the description
   */
  public static String describe(JsonNode node) {
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

  // ---------------------------------------------------------------------------------------------
  // Envelope and I/O

  /**
   * Writes a document: the envelope, then the fields of {@code body}.
   *
   * @param kind the kind
   * @param body the wire record of the body
   * @return the JSON text, without a trailing line feed
   * @throws ModelFormatException when a number is not finite or Jackson fails
   */
  public String write(String kind, Object body) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put(SCHEMA_VERSION_FIELD, schemaVersion);
    root.put(KIND_FIELD, kind);
    root.setAll((ObjectNode) MAPPER.valueToTree(body));
    requireFinite(root, ROOT);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException("Cannot write a \"" + kind + "\" document: "
          + e.getOriginalMessage(), null, e);
    }
  }

  /** Guards the rule that JSON output never holds NaN or infinity (the DTOs map them to null). */
  private static void requireFinite(JsonNode node, String path) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      throw new ModelFormatException("Cannot write " + node.doubleValue() + " at " + path
          + "; JSON numbers must be finite.", path, null);
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        requireFinite(e.getValue(), field(path, e.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireFinite(node.get(i), index(path, i));
      }
    }
  }

  /**
   * Writes a document to a file, UTF-8, with a final line feed.
   *
   * @param json the document
   * @param kind its kind, for the message
   * @param file the file
   * @throws UncheckedIOException naming the file
   */
  public void writeFile(String json, String kind, Path file) {
    try {
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the \"" + kind + "\" document to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the bytes of a file.
   *
   * @param file the file
   * @param kind the expected kind, for the message
   * @return the bytes
   * @throws UncheckedIOException naming the file
   */
  public byte[] readFile(Path file, String kind) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read a \"" + kind + "\" document from " + file + ": " + e, e);
    }
  }

  /**
   * Prefixes a format error with the file it came from.
   *
   * @param file the file
   * @param e the error
   * @return the new error, keeping the path and the cause
   */
  public static ModelFormatException inFile(Path file, ModelFormatException e) {
    return new ModelFormatException(file + ": " + e.getMessage(), e.jsonPath().orElse(null), e);
  }

  /**
   * Parses JSON text to a tree.
   *
   * @param json the text
   * @return the tree, or a missing node for empty text
   * @throws ModelFormatException for malformed JSON, with line and column
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  /**
   * Parses JSON bytes (UTF-8, UTF-16 or UTF-32, detected) to a tree.
   *
   * @param json the bytes
   * @return the tree
   * @throws ModelFormatException for malformed JSON, with line and column
   */
  public static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      // Only JsonProcessingException is possible for in-memory input; keep the cause regardless.
      throw new ModelFormatException("Cannot parse the document: " + e.getMessage(), null, e);
    }
  }

  private static ModelFormatException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : String.format(Locale.ROOT, " at line %d, column %d",
        at.getLineNr(), at.getColumnNr());
    return new ModelFormatException(
        "Malformed JSON" + where + ": " + e.getOriginalMessage() + ".", null, e);
  }

  /**
   * Checks the envelope of a parsed document and maps its body.
   *
   * @param root the parsed document
   * @param kind the expected kind
   * @param bodyType the wire record of the body
   * @param <T> the wire type
   * @return the body
   * @throws ModelFormatException naming the JSON path of the first problem
   */
  public <T> T read(JsonNode root, String kind, Class<T> bodyType) {
    if (root == null || root.isMissingNode()) {
      throw new ModelFormatException("The document is empty; expected a JSON object starting with "
          + "{\"schemaVersion\": " + schemaVersion + ", \"kind\": \"" + kind + "\"}.", null, null);
    }
    if (!root.isObject()) {
      throw new ModelFormatException("Expected a JSON object at $, found " + describe(root) + ".",
          ROOT, null);
    }
    int version = schemaVersion(root, kind);
    checkKind(root, kind);
    ObjectNode body = ((ObjectNode) root).deepCopy();
    body.remove(SCHEMA_VERSION_FIELD);
    body.remove(KIND_FIELD);
    body = upgrade(body, version);
    try {
      return MAPPER.treeToValue(body, bodyType);
    } catch (JsonMappingException e) {
      throw mappingError(body, e);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          "Cannot read the \"" + kind + "\" document: " + e.getOriginalMessage(), null, e);
    }
  }

  /**
   * Brings a body of an older released schema version to the current one. Version 1 is the only
   * released version; each later release adds one explicit step here (1 to 2, 2 to 3, ...).
   */
  private ObjectNode upgrade(ObjectNode body, int version) {
    if (version != schemaVersion) {
      throw new IllegalStateException("No upgrade step from schemaVersion " + version);
    }
    return body;
  }

  private int schemaVersion(JsonNode root, String kind) {
    String path = field(ROOT, SCHEMA_VERSION_FIELD);
    JsonNode v = root.get(SCHEMA_VERSION_FIELD);
    if (v == null) {
      throw new ModelFormatException("Missing field \"schemaVersion\" at " + path
          + "; expected an integer schema version (this library reads 1 to " + schemaVersion
          + ").\nEvery segmentation JSON document starts with {\"schemaVersion\": " + schemaVersion
          + ", \"kind\": \"" + kind + "\"}.", path, null);
    }
    if (!v.isIntegralNumber()) {
      throw new ModelFormatException("\"schemaVersion\" at " + path + " must be an integer, was "
          + describe(v) + ".", path, null);
    }
    if (v.bigIntegerValue().signum() <= 0) {
      throw new ModelFormatException("\"schemaVersion\" at " + path + " must be a positive integer, "
          + "was " + v.asText() + "; this library reads 1 to " + schemaVersion + ".", path, null);
    }
    if (!v.canConvertToInt() || v.intValue() > schemaVersion) {
      throw new ModelFormatException("schemaVersion " + v.asText() + " is newer than this library "
          + "supports (" + schemaVersion + "); upgrade segmentation to read this document.",
          path, null);
    }
    return v.intValue();
  }

  private void checkKind(JsonNode root, String kind) {
    String path = field(ROOT, KIND_FIELD);
    JsonNode k = root.get(KIND_FIELD);
    if (k == null) {
      throw new ModelFormatException("Missing field \"kind\" at " + path + "; expected \"" + kind
          + "\".", path, null);
    }
    if (!k.isTextual()) {
      throw new ModelFormatException("\"kind\" at " + path + " must be the string \"" + kind
          + "\", was " + describe(k) + ".", path, null);
    }
    String actual = k.textValue();
    if (!actual.equals(kind)) {
      String reader = readers.get(actual);
      throw new ModelFormatException("Expected a \"" + kind + "\" document but \"kind\" at " + path
          + " is \"" + actual + "\".\n"
          + (reader != null ? "Read it with " + facade + "." + reader + "." : unknownKindAdvice),
          path, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Translation of Jackson's mapping failures into messages that name the JSON path.

  private ModelFormatException mappingError(JsonNode body, JsonMappingException e) {
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
        message = "Wrong type at " + path + ": expected " + shapes.getOrDefault(base, "an object")
            + ", found " + describe(node) + ".";
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
    if (types == null) {
      return "?";
    }
    List<String> names = new ArrayList<>();
    for (JsonSubTypes.Type t : types.value()) {
      names.add(t.name());
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

  private static JsonMapper createMapper() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
    SimpleModule numbers = new SimpleModule("segmentation-finite-numbers");
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
   * Reads a JSON number as a finite double. Unlike Jackson's default it rejects strings (including
   * {@code "NaN"} and {@code "Infinity"}, which Jackson accepts even with coercion disabled) and
   * numbers beyond the double range.
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
