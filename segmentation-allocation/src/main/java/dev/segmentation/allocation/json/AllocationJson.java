package dev.segmentation.allocation.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.core.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes allocation problems and plans as versioned JSON documents, so that a CRM can store
 * a scenario and its result.
 *
 * <pre>{@code
 * String json = AllocationJson.write(problem);          // {"schemaVersion": 1, "kind": "allocation-problem", ...}
 * AllocationProblem same = AllocationJson.readProblem(json);
 * same.solve().equals(problem.solve());                   // true: the document is self-contained
 *
 * AllocationPlan plan = problem.solve();
 * AllocationJson.write(plan, Path.of("plan.json"));
 * AllocationPlan loaded = AllocationJson.readPlan(Path.of("plan.json"));   // loaded.equals(plan)
 * }</pre>
 *
 * <p><b>Format.</b> Every document is a JSON object that starts with {@code "schemaVersion"} (an
 * integer, currently {@value #SCHEMA_VERSION}) and {@code "kind"} ({@value #KIND_PROBLEM} or
 * {@value #KIND_PLAN}); the fields of each kind are listed in the
 * {@linkplain dev.segmentation.allocation.json package documentation}. Output is pretty-printed with
 * a two-space indent and {@code \n} line ends, fields in a fixed order, map keys sorted and no
 * timestamps, so writing the same object twice gives identical text. Numbers are written in Java's
 * shortest round-trip form, so reading gives back exactly the same {@code double} values. JSON has no
 * {@code NaN} or infinity: a missing value, the absent budget ({@code +Infinity}), an absent bound and
 * a margin without runner-up are written as {@code null}.
 *
 * <p><b>Reading</b> is strict, as {@code dev.segmentation.core.json.ModelJson}: the document must be
 * well-formed JSON with a released {@code schemaVersion} (a newer one is rejected with advice to
 * upgrade) and the expected {@code kind}; unknown fields, missing fields, {@code null} where a value is
 * required, values of the wrong JSON type (including {@code "NaN"} strings) and values the domain
 * rejects all fail with a {@link ModelFormatException} whose message and
 * {@link ModelFormatException#jsonPath()} name the place, for example
 * {@code $.options[1].hours.field}. Malformed JSON is reported with its line and column.
 *
 * <p>All methods are thread-safe; the class holds no mutable state.
 *
 * @since 0.1
 */
public final class AllocationJson {

  /**
   * The schema version this library writes and the newest it reads.
   *
   * @since 0.1
   */
  public static final int SCHEMA_VERSION = 1;

  /**
   * The kind of a problem document.
   *
   * @since 0.1
   */
  public static final String KIND_PROBLEM = "allocation-problem";

  /**
   * The kind of a plan document.
   *
   * @since 0.1
   */
  public static final String KIND_PLAN = "allocation-plan";

  private static final Map<String, String> READERS = Map.of(
      KIND_PROBLEM, "readProblem",
      KIND_PLAN, "readPlan");

  private static final String SCHEMA_VERSION_FIELD = "schemaVersion";
  private static final String KIND_FIELD = "kind";

  private AllocationJson() {}

  /**
   * Writes a problem as an {@code "allocation-problem"} document, with its accounts (only the columns
   * the problem reads) and their segments embedded.
   *
   * @param problem the problem
   * @return the JSON text, without a trailing line feed
   * @throws ModelFormatException when the problem has a {@link dev.segmentation.allocation.ValueFunction}
   *     (Java code has no JSON form; the message names it) or an embedded column holds an infinite
   *     value (the message names the column and account)
   * @since 0.1
   */
  public static String write(AllocationProblem problem) {
    Objects.requireNonNull(problem, "problem");
    return writeDocument(KIND_PROBLEM, ProblemDto.from(problem));
  }

  /**
   * Writes a problem to a file as UTF-8: the text of {@link #write(AllocationProblem)} and a line
   * feed. An existing file is replaced.
   *
   * @param problem the problem
   * @param file the file to write
   * @throws ModelFormatException as {@link #write(AllocationProblem)}
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   * @since 0.1
   */
  public static void write(AllocationProblem problem, Path file) {
    Objects.requireNonNull(file, "file");
    writeFile(write(problem), KIND_PROBLEM, file);
  }

  /**
   * Writes a plan as an {@code "allocation-plan"} document.
   *
   * @param plan the plan
   * @return the JSON text, without a trailing line feed
   * @since 0.1
   */
  public static String write(AllocationPlan plan) {
    Objects.requireNonNull(plan, "plan");
    return writeDocument(KIND_PLAN, PlanDto.from(plan));
  }

  /**
   * Writes a plan to a file as UTF-8: the text of {@link #write(AllocationPlan)} and a line feed. An
   * existing file is replaced.
   *
   * @param plan the plan
   * @param file the file to write
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   * @since 0.1
   */
  public static void write(AllocationPlan plan, Path file) {
    Objects.requireNonNull(file, "file");
    writeFile(write(plan), KIND_PLAN, file);
  }

  /**
   * Reads an {@code "allocation-problem"} document.
   *
   * @param json the JSON text
   * @return the problem; it solves to a plan equal to the written problem's plan
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@value #KIND_PROBLEM}, a field is
   *     unknown, missing, {@code null} where a value is required or of the wrong type, or a value is
   *     invalid (for example a column with fewer values than ids, or a lock of an unknown account);
   *     the message and {@link ModelFormatException#jsonPath()} name the place
   * @since 0.1
   */
  public static AllocationProblem readProblem(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_PROBLEM, ProblemDto.class).toDomain(Json.ROOT);
  }

  /**
   * Reads an {@code "allocation-problem"} document from a file (UTF-8, UTF-16 or UTF-32, detected from
   * the content).
   *
   * @param file the file to read
   * @return the problem
   * @throws ModelFormatException as {@link #readProblem(String)}; the message also names the file
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   * @since 0.1
   */
  public static AllocationProblem readProblem(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = readFile(file, KIND_PROBLEM);
    try {
      return readDocument(parse(bytes), KIND_PROBLEM, ProblemDto.class).toDomain(Json.ROOT);
    } catch (ModelFormatException e) {
      throw inFile(file, e);
    }
  }

  /**
   * Reads an {@code "allocation-plan"} document.
   *
   * @param json the JSON text
   * @return the plan, equal to the plan that was written
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@value #KIND_PLAN}, a field is unknown,
   *     missing, {@code null} where a value is required or of the wrong type, or a value is invalid
   *     (for example an account on an option the plan does not list); the message and
   *     {@link ModelFormatException#jsonPath()} name the place
   * @since 0.1
   */
  public static AllocationPlan readPlan(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_PLAN, PlanDto.class).toDomain(Json.ROOT);
  }

  /**
   * Reads an {@code "allocation-plan"} document from a file (UTF-8, UTF-16 or UTF-32, detected from
   * the content).
   *
   * @param file the file to read
   * @return the plan
   * @throws ModelFormatException as {@link #readPlan(String)}; the message also names the file
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   * @since 0.1
   */
  public static AllocationPlan readPlan(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = readFile(file, KIND_PLAN);
    try {
      return readDocument(parse(bytes), KIND_PLAN, PlanDto.class).toDomain(Json.ROOT);
    } catch (ModelFormatException e) {
      throw inFile(file, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Envelope and I/O.

  private static String writeDocument(String kind, Object body) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put(SCHEMA_VERSION_FIELD, SCHEMA_VERSION);
    root.put(KIND_FIELD, kind);
    root.setAll((ObjectNode) Json.MAPPER.valueToTree(body));
    requireFinite(root, Json.ROOT);
    try {
      return Json.MAPPER.writeValueAsString(root);
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
        requireFinite(e.getValue(), Json.field(path, e.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireFinite(node.get(i), Json.index(path, i));
      }
    }
  }

  private static void writeFile(String json, String kind, Path file) {
    try {
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the \"" + kind + "\" document to " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readFile(Path file, String kind) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read a \"" + kind + "\" document from " + file + ": " + e, e);
    }
  }

  private static ModelFormatException inFile(Path file, ModelFormatException e) {
    return new ModelFormatException(file + ": " + e.getMessage(), e.jsonPath().orElse(null), e);
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
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

  private static <T> T readDocument(JsonNode root, String kind, Class<T> bodyType) {
    if (root == null || root.isMissingNode()) {
      throw new ModelFormatException("The document is empty; expected a JSON object starting with "
          + "{\"schemaVersion\": " + SCHEMA_VERSION + ", \"kind\": \"" + kind + "\"}.", null, null);
    }
    if (!root.isObject()) {
      throw new ModelFormatException("Expected a JSON object at $, found " + Json.describe(root)
          + ".", Json.ROOT, null);
    }
    int version = schemaVersion(root, kind);
    checkKind(root, kind);
    ObjectNode body = ((ObjectNode) root).deepCopy();
    body.remove(SCHEMA_VERSION_FIELD);
    body.remove(KIND_FIELD);
    body = upgrade(body, version);
    try {
      return Json.MAPPER.treeToValue(body, bodyType);
    } catch (JsonMappingException e) {
      throw Json.mappingError(body, e);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          "Cannot read the \"" + kind + "\" document: " + e.getOriginalMessage(), null, e);
    }
  }

  /**
   * Brings a body of an older released schema version to the current one. Version 1 is the only
   * released version; each later release adds one explicit step here (1 to 2, 2 to 3, ...).
   */
  private static ObjectNode upgrade(ObjectNode body, int version) {
    if (version != SCHEMA_VERSION) {
      throw new IllegalStateException("No upgrade step from schemaVersion " + version);
    }
    return body;
  }

  private static int schemaVersion(JsonNode root, String kind) {
    String path = Json.field(Json.ROOT, SCHEMA_VERSION_FIELD);
    JsonNode v = root.get(SCHEMA_VERSION_FIELD);
    if (v == null) {
      throw new ModelFormatException("Missing field \"schemaVersion\" at " + path
          + "; expected an integer schema version (this library reads 1 to " + SCHEMA_VERSION
          + ").\nEvery segmentation JSON document starts with {\"schemaVersion\": " + SCHEMA_VERSION
          + ", \"kind\": \"" + kind + "\"}.", path, null);
    }
    if (!v.isIntegralNumber()) {
      throw new ModelFormatException("\"schemaVersion\" at " + path + " must be an integer, was "
          + Json.describe(v) + ".", path, null);
    }
    if (v.bigIntegerValue().signum() <= 0) {
      throw new ModelFormatException("\"schemaVersion\" at " + path + " must be a positive integer, "
          + "was " + v.asText() + "; this library reads 1 to " + SCHEMA_VERSION + ".", path, null);
    }
    if (!v.canConvertToInt() || v.intValue() > SCHEMA_VERSION) {
      throw new ModelFormatException("schemaVersion " + v.asText() + " is newer than this library "
          + "supports (" + SCHEMA_VERSION + "); upgrade segmentation to read this document.",
          path, null);
    }
    return v.intValue();
  }

  private static void checkKind(JsonNode root, String kind) {
    String path = Json.field(Json.ROOT, KIND_FIELD);
    JsonNode k = root.get(KIND_FIELD);
    if (k == null) {
      throw new ModelFormatException("Missing field \"kind\" at " + path + "; expected \"" + kind
          + "\".", path, null);
    }
    if (!k.isTextual()) {
      throw new ModelFormatException("\"kind\" at " + path + " must be the string \"" + kind
          + "\", was " + Json.describe(k) + ".", path, null);
    }
    String actual = k.textValue();
    if (!actual.equals(kind)) {
      String reader = READERS.get(actual);
      throw new ModelFormatException("Expected a \"" + kind + "\" document but \"kind\" at " + path
          + " is \"" + actual + "\".\n"
          + (reader != null
              ? "Read it with AllocationJson." + reader + "."
              : "AllocationJson reads \"" + KIND_PROBLEM + "\" and \"" + KIND_PLAN + "\" documents; "
                  + "segment models and criteria are read with ModelJson."),
          path, null);
    }
  }
}
