package dev.segmentation.allocation.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.internal.JsonDocuments;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

  private static final JsonDocuments DOCS = new JsonDocuments("AllocationJson", SCHEMA_VERSION,
      READERS, "AllocationJson reads \"" + KIND_PROBLEM + "\" and \"" + KIND_PLAN + "\" documents; "
          + "segment models and criteria are read with ModelJson.",
      Map.of(ProblemDto.PerAccountDto.class,
          "{\"constant\": <number>} or {\"column\": \"<column name>\"}"));

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
  // Envelope and I/O: core's JsonDocuments, shared with ModelJson.

  private static String writeDocument(String kind, Object body) {
    return DOCS.write(kind, body);
  }

  private static void writeFile(String json, String kind, Path file) {
    DOCS.writeFile(json, kind, file);
  }

  private static byte[] readFile(Path file, String kind) {
    return DOCS.readFile(file, kind);
  }

  private static ModelFormatException inFile(Path file, ModelFormatException e) {
    return JsonDocuments.inFile(file, e);
  }

  private static JsonNode parse(String json) {
    return JsonDocuments.parse(json);
  }

  private static JsonNode parse(byte[] json) {
    return JsonDocuments.parse(json);
  }

  private static <T> T readDocument(JsonNode root, String kind, Class<T> bodyType) {
    return DOCS.read(root, kind, bodyType);
  }
}
