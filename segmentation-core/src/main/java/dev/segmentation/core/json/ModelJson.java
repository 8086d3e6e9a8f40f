package dev.segmentation.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.internal.JsonDocuments;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.MatrixModel;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.core.profile.SegmentProfiles;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads and writes the library's persisted objects as versioned JSON documents: criteria
 * ({@code "criteria"}), fitted criteria ({@code "fitted-criteria"}), segment models
 * ({@code "rule-model"}, {@code "matrix-model"}, {@code "quantile-model"}, {@code "abc-model"},
 * {@code "kmeans-model"}; {@link #readModel(String)} reads any of them by kind) and segment profiles
 * ({@code "segment-profiles"}, write-only: profiles are a report).
 *
 * <pre>{@code
 * Criteria criteria = Criteria.builder()
 *     .numeric("turnover").log1p().standardize()
 *     .categorical("industry")
 *     .missing(MissingPolicy.MEDIAN)
 *     .build();
 * String json = ModelJson.write(criteria);        // {"schemaVersion": 1, "kind": "criteria", ...}
 * Criteria same = ModelJson.readCriteria(json);   // same.equals(criteria)
 *
 * FittedCriteria fitted = criteria.fit(accounts);
 * ModelJson.write(fitted, Path.of("fitted-criteria.json"));
 * FittedCriteria loaded = ModelJson.readFittedCriteria(Path.of("fitted-criteria.json"));
 * FeatureMatrix x = loaded.transform(newAccounts); // exactly as fitted.transform(newAccounts)
 * }</pre>
 *
 * <p><b>Format.</b> Every document is a JSON object that starts with {@code "schemaVersion"} (an
 * integer, currently {@value #SCHEMA_VERSION}) and {@code "kind"}; the fields of the criteria kinds are
 * listed in the {@linkplain dev.segmentation.core.json package documentation}, those of the other
 * kinds on their {@code write} methods. Output is pretty-printed with a
 * two-space indent and {@code \n} line ends, fields in a fixed order and no timestamps, so writing the
 * same object twice gives identical text. Numbers are written in Java's shortest round-trip form, so
 * reading gives back exactly the same {@code double} values: a read object {@code equals} the written
 * one, and loaded fitted criteria transform accounts exactly as the saved ones did. JSON has no
 * {@code NaN} or infinity: a value that is not there (no imputed value) and an unbounded clip side are
 * written as {@code null}.
 *
 * <p><b>Reading</b> is strict: the document must be well-formed JSON with a released
 * {@code schemaVersion} (a newer one is rejected with advice to upgrade) and the expected
 * {@code kind}; unknown fields, missing fields, {@code null} where a value is required, values of the
 * wrong JSON type (including {@code "NaN"} strings and numbers beyond the {@code double} range) and
 * values the domain rejects (such as a weight of 0) all fail with a {@link ModelFormatException} whose
 * message and {@link ModelFormatException#jsonPath()} name the place, for example
 * {@code $.criteria[1].transforms[0].lower}. Malformed JSON is reported with its line and column.
 *
 * <p>All methods are thread-safe; the class holds no mutable state.
 *
 * @since 0.1
 */
public final class ModelJson {

  /**
   * The schema version this library writes and the newest it reads.
   *
   * @since 0.1
   */
  public static final int SCHEMA_VERSION = 1;

  private static final String KIND_CRITERIA = "criteria";
  private static final String KIND_FITTED_CRITERIA = "fitted-criteria";
  private static final String KIND_SEGMENT_PROFILES = "segment-profiles";
  private static final String KIND_QUANTILE_MODEL = QuantileModel.KIND;
  private static final String KIND_ABC_MODEL = AbcModel.KIND;
  private static final String KIND_RULE_MODEL = RuleModel.KIND;
  private static final String KIND_MATRIX_MODEL = MatrixModel.KIND;
  private static final String KIND_KMEANS_MODEL = KMeansModel.KIND;

  /** Which method reads each kind, for the advice in wrong-kind messages. */
  private static final Map<String, String> READERS = Map.of(
      KIND_CRITERIA, "readCriteria",
      KIND_FITTED_CRITERIA, "readFittedCriteria",
      KIND_QUANTILE_MODEL, "readQuantileModel",
      KIND_ABC_MODEL, "readAbcModel",
      KIND_RULE_MODEL, "readRuleModel",
      KIND_MATRIX_MODEL, "readMatrixModel",
      KIND_KMEANS_MODEL, "readKMeansModel");

  private static final String SCHEMA_VERSION_FIELD = "schemaVersion";
  private static final String KIND_FIELD = "kind";

  private static final JsonDocuments DOCS = new JsonDocuments("ModelJson", SCHEMA_VERSION, READERS,
      "Known kinds are: " + String.join(", ", new TreeSet<>(READERS.keySet())) + ".", Map.of());

  private ModelJson() {}

  /**
   * Writes criteria as a {@code "criteria"} document.
   *
   * @param criteria the criteria
   * @return the JSON text, without a trailing line feed
   * @throws ModelFormatException when a criterion is computed by a Java function
   *     ({@code Criteria.Builder.derived}), which has no JSON form; the message names the criterion
   */
  public static String write(Criteria criteria) {
    Objects.requireNonNull(criteria, "criteria");
    return writeDocument(KIND_CRITERIA, CriteriaDto.from(criteria, JsonPaths.ROOT));
  }

  /**
   * Writes fitted criteria, with their definition and learned statistics, as a
   * {@code "fitted-criteria"} document.
   *
   * @param fitted the fitted criteria
   * @return the JSON text, without a trailing line feed
   * @throws ModelFormatException when a criterion is computed by a Java function
   *     ({@code Criteria.Builder.derived}), which has no JSON form; the message names the criterion
   */
  public static String write(FittedCriteria fitted) {
    Objects.requireNonNull(fitted, "fitted");
    return writeDocument(KIND_FITTED_CRITERIA, FittedCriteriaDto.from(fitted, JsonPaths.ROOT));
  }

  /**
   * Writes criteria to a file as UTF-8: the text of {@link #write(Criteria)} and a line feed. An
   * existing file is replaced.
   *
   * @param criteria the criteria
   * @param file the file to write
   * @throws ModelFormatException when a criterion is computed by a Java function
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   */
  public static void write(Criteria criteria, Path file) {
    Objects.requireNonNull(file, "file");
    writeFile(write(criteria), KIND_CRITERIA, file);
  }

  /**
   * Writes fitted criteria to a file as UTF-8: the text of {@link #write(FittedCriteria)} and a line
   * feed. An existing file is replaced.
   *
   * @param fitted the fitted criteria
   * @param file the file to write
   * @throws ModelFormatException when a criterion is computed by a Java function
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   */
  public static void write(FittedCriteria fitted, Path file) {
    Objects.requireNonNull(file, "file");
    writeFile(write(fitted), KIND_FITTED_CRITERIA, file);
  }

  /**
   * Writes segment profiles as a {@code "segment-profiles"} document (a report: there is no reader).
   *
   * <p>After the envelope come {@code "accountCount"}, {@code "assignedCount"},
   * {@code "numericColumns"}, {@code "valueColumns"}, {@code "categoricalColumns"},
   * {@code "topCategories"} and {@code "groups"}: one object per segment in model order, then one per
   * unassigned reason, each with {@code "segmentIndex"} (-1 for unassigned accounts), {@code "id"},
   * {@code "name"}, {@code "unassignedReason"} ({@code null} for a segment), {@code "accounts"},
   * {@code "accountShare"}, {@code "numeric"} ({@code column}, {@code count}, {@code missing},
   * {@code sum}, {@code mean}, {@code median}, {@code min}, {@code max}), {@code "valueShares"}
   * ({@code column}, {@code sum}, {@code share}) and {@code "categorical"} ({@code column},
   * {@code missing}, {@code top}: {@code label}, {@code count}, {@code share}). A statistic that is
   * {@code NaN} (such as the mean of an all-missing column) or infinite is written as {@code null}.
   *
   * @param profiles the profiles
   * @return the JSON text, without a trailing line feed
   * @since 0.1
   */
  public static String write(SegmentProfiles profiles) {
    Objects.requireNonNull(profiles, "profiles");
    return writeDocument(KIND_SEGMENT_PROFILES, ProfileDtos.SegmentProfilesDto.from(profiles));
  }

  /**
   * Writes segment profiles to a file as UTF-8: the text of {@link #write(SegmentProfiles)} and a line
   * feed. An existing file is replaced.
   *
   * @param profiles the profiles
   * @param file the file to write
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   * @since 0.1
   */
  public static void write(SegmentProfiles profiles, Path file) {
    Objects.requireNonNull(file, "file");
    writeFile(write(profiles), KIND_SEGMENT_PROFILES, file);
  }

  /**
   * Reads a {@code "criteria"} document.
   *
   * @param json the JSON text
   * @return the criteria, equal to the criteria that were written
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@code "criteria"}, a field is unknown,
   *     missing, {@code null} or of the wrong type, or a value is invalid; the message and
   *     {@link ModelFormatException#jsonPath()} name the place
   */
  public static Criteria readCriteria(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_CRITERIA, CriteriaDto.class).toDomain(JsonPaths.ROOT);
  }

  /**
   * Reads a {@code "fitted-criteria"} document.
   *
   * @param json the JSON text
   * @return the fitted criteria, equal to those that were written
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@code "fitted-criteria"}, a field is
   *     unknown, missing, {@code null} or of the wrong type, a value is invalid, or the fitted values do
   *     not match the embedded definition; the message and {@link ModelFormatException#jsonPath()} name
   *     the place
   */
  public static FittedCriteria readFittedCriteria(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_FITTED_CRITERIA, FittedCriteriaDto.class)
        .toDomain(JsonPaths.ROOT);
  }

  /**
   * Reads a {@code "criteria"} document from a file (UTF-8, UTF-16 or UTF-32, detected from the
   * content).
   *
   * @param file the file to read
   * @return the criteria
   * @throws ModelFormatException as {@link #readCriteria(String)}; the message also names the file
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   */
  public static Criteria readCriteria(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = readFile(file, KIND_CRITERIA);
    try {
      return readDocument(parse(bytes), KIND_CRITERIA, CriteriaDto.class).toDomain(JsonPaths.ROOT);
    } catch (ModelFormatException e) {
      throw inFile(file, e);
    }
  }

  /**
   * Reads a {@code "fitted-criteria"} document from a file (UTF-8, UTF-16 or UTF-32, detected from the
   * content).
   *
   * @param file the file to read
   * @return the fitted criteria
   * @throws ModelFormatException as {@link #readFittedCriteria(String)}; the message also names the
   *     file
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   */
  public static FittedCriteria readFittedCriteria(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = readFile(file, KIND_FITTED_CRITERIA);
    try {
      return readDocument(parse(bytes), KIND_FITTED_CRITERIA, FittedCriteriaDto.class)
          .toDomain(JsonPaths.ROOT);
    } catch (ModelFormatException e) {
      throw inFile(file, e);
    }
  }

  /**
   * Writes a quantile model as a {@code "quantile-model"} document.
   *
   * <p>After the envelope come {@code "column"} (the binned numeric column, or {@code null} for a
   * score), {@code "score"} (for a score, the body of a {@code "fitted-criteria"} document: fields
   * {@code definition}, {@code fitted}, {@code trainingRows}, {@code warnings}; otherwise
   * {@code null}), {@code "method"} ({@code TYPE_1} .. {@code TYPE_9}), {@code "probabilities"} and
   * {@code "quantiles"} (one number per nominal edge, the quantiles as fitted, before equal ones
   * collapse), {@code "bins"} (one {@code {"id": .., "name": ..}} per nominal bin, lowest values
   * first) and {@code "warnings"}.
   *
   * @param model the model
   * @return the JSON text, without a trailing line feed
   * @throws ModelFormatException when a score criterion is computed by a Java function, which has no
   *     JSON form; the message names the criterion
   * @since 0.1
   */
  public static String write(QuantileModel model) {
    Objects.requireNonNull(model, "model");
    return writeDocument(KIND_QUANTILE_MODEL, QuantileModelDto.from(model, JsonPaths.ROOT));
  }

  /**
   * Reads a {@code "quantile-model"} document (see {@link #write(QuantileModel)}).
   *
   * @param json the JSON text
   * @return the model, equal to the model that was written and assigning exactly as it did
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@code "quantile-model"}, a field is
   *     unknown, missing, {@code null} where a value is required or of the wrong type, or a value is
   *     invalid (for example decreasing quantiles); the message and
   *     {@link ModelFormatException#jsonPath()} name the place
   * @since 0.1
   */
  public static QuantileModel readQuantileModel(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_QUANTILE_MODEL, QuantileModelDto.class)
        .toDomain(JsonPaths.ROOT);
  }

  /**
   * Writes an ABC model as an {@code "abc-model"} document.
   *
   * <p>After the envelope come {@code "column"}, {@code "rule"} ({@code PRIMARY} or
   * {@code CROSSING_JOINS_UPPER}), {@code "thresholds"}, {@code "cutoffs"} (one per class but the
   * last; {@code null} stands for {@code +Infinity}, the cut-off of a leading class without training
   * accounts), {@code "classes"} (one {@code {"id": .., "name": ..}} per class, largest values first)
   * and {@code "warnings"}.
   *
   * @param model the model
   * @return the JSON text, without a trailing line feed
   * @since 0.1
   */
  public static String write(AbcModel model) {
    Objects.requireNonNull(model, "model");
    return writeDocument(KIND_ABC_MODEL, AbcModelDto.from(model));
  }

  /**
   * Reads an {@code "abc-model"} document (see {@link #write(AbcModel)}).
   *
   * @param json the JSON text
   * @return the model, equal to the model that was written and classing exactly as it did
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@code "abc-model"}, a field is
   *     unknown, missing, {@code null} where a value is required or of the wrong type, or a value is
   *     invalid (for example increasing cut-offs); the message and
   *     {@link ModelFormatException#jsonPath()} name the place
   * @since 0.1
   */
  public static AbcModel readAbcModel(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_ABC_MODEL, AbcModelDto.class).toDomain(JsonPaths.ROOT);
  }

  /**
   * Writes a rule model as a {@code "rule-model"} document.
   *
   * <p>After the envelope come {@code "rules"}, one
   * {@code {"id", "name", "description", "when", "condition"}} per rule in evaluation order, and
   * {@code "otherwise"} ({@code {"id", "name", "description"}}, or {@code null} without a default
   * segment). {@code "when"} is the condition's canonical text, for people; {@code "condition"} is
   * the same condition as a tree of typed objects, for example
   * {@code {"type": "compare", "column": "potential", "op": ">", "value": 5000000.0}},
   * {@code {"type": "in", "column": "industry", "values": ["Pharma"]}} or
   * {@code {"type": "or", "operands": [..]}} (types {@code compare}, {@code between},
   * {@code compareLabel}, {@code in}, {@code notIn}, {@code isMissing}, {@code and}, {@code or},
   * {@code not}).
   *
   * @param model the model
   * @return the JSON text, without a trailing line feed
   * @since 0.1
   */
  public static String write(RuleModel model) {
    Objects.requireNonNull(model, "model");
    return writeDocument(KIND_RULE_MODEL, RuleModelDtos.RuleModelDto.from(model));
  }

  /**
   * Reads a {@code "rule-model"} document (see {@link #write(RuleModel)}).
   *
   * @param json the JSON text
   * @return the model, equal to the model that was written and assigning exactly as it did
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@code "rule-model"}, a field is
   *     unknown, missing, {@code null} where a value is required or of the wrong type, a condition is
   *     invalid, a {@code "when"} text does not match its condition tree, or segment ids repeat; the
   *     message and {@link ModelFormatException#jsonPath()} name the place
   * @since 0.1
   */
  public static RuleModel readRuleModel(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_RULE_MODEL, RuleModelDtos.RuleModelDto.class)
        .toDomain(JsonPaths.ROOT);
  }

  /**
   * Writes a matrix model as a {@code "matrix-model"} document.
   *
   * <p>After the envelope come {@code "rowAxis"} and {@code "columnAxis"}
   * ({@code {"column", "thresholds", "probabilities", "method"}}; {@code probabilities} is empty when
   * the thresholds were given) and {@code "cells"} (one array of segment names per row-axis bin,
   * lowest first, each with one name per column-axis bin, lowest first).
   *
   * @param model the model
   * @return the JSON text, without a trailing line feed
   * @since 0.1
   */
  public static String write(MatrixModel model) {
    Objects.requireNonNull(model, "model");
    return writeDocument(KIND_MATRIX_MODEL, MatrixModelDtos.MatrixModelDto.from(model));
  }

  /**
   * Reads a {@code "matrix-model"} document (see {@link #write(MatrixModel)}).
   *
   * @param json the JSON text
   * @return the model, equal to the model that was written and assigning exactly as it did
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@code "matrix-model"}, a field is
   *     unknown, missing, {@code null} or of the wrong type, or a value is invalid (for example
   *     unsorted thresholds or a grid whose size does not match the axes); the message and
   *     {@link ModelFormatException#jsonPath()} name the place
   * @since 0.1
   */
  public static MatrixModel readMatrixModel(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_MATRIX_MODEL, MatrixModelDtos.MatrixModelDto.class)
        .toDomain(JsonPaths.ROOT);
  }

  /**
   * Writes a k-means model as a {@code "kmeans-model"} document.
   *
   * <p>After the envelope come {@code "settings"} (clusters, restarts, maxIterations, tolerance, seed,
   * {@code "rng": "XO_RO_SHI_RO_128_PP"}, init, initialCentroids or {@code null}, algorithm,
   * weightColumn or {@code null}), {@code "criteria"} (the body of a {@code "fitted-criteria"}
   * document), {@code "centroids"} and {@code "originalCentroids"} ({@code k} arrays of {@code d}
   * numbers; {@code null} for a missing original-unit value), {@code "segments"} ({@code id},
   * {@code name}, {@code description}), {@code "clusterSizes"}, {@code "inertia"},
   * {@code "iterations"}, {@code "converged"} and {@code "bestRestart"}.
   *
   * @param model the model
   * @return the JSON text, without a trailing line feed
   * @throws ModelFormatException when a criterion is computed by a Java function, which has no JSON
   *     form; the message names the criterion
   * @since 0.1
   */
  public static String write(KMeansModel model) {
    Objects.requireNonNull(model, "model");
    return writeDocument(KIND_KMEANS_MODEL, KMeansModelDto.from(model, JsonPaths.ROOT));
  }

  /**
   * Reads a {@code "kmeans-model"} document (see {@link #write(KMeansModel)}).
   *
   * @param json the JSON text
   * @return the model, equal to the model that was written and assigning exactly as it did
   * @throws ModelFormatException when the text is not well-formed JSON, the schema version is missing
   *     or newer than {@value #SCHEMA_VERSION}, the kind is not {@code "kmeans-model"}, a field is
   *     unknown, missing or of the wrong type, or a value is invalid (for example centroids whose
   *     length differs from the number of features); the message and
   *     {@link ModelFormatException#jsonPath()} name the place
   * @since 0.1
   */
  public static KMeansModel readKMeansModel(String json) {
    Objects.requireNonNull(json, "json");
    return readDocument(parse(json), KIND_KMEANS_MODEL, KMeansModelDto.class)
        .toDomain(JsonPaths.ROOT);
  }

  /**
   * Reads any segment model document, choosing the reader by its {@code "kind"}:
   * {@code "quantile-model"}, {@code "abc-model"}, {@code "rule-model"}, {@code "matrix-model"} or
   * {@code "kmeans-model"}.
   *
   * <pre>{@code
   * SegmentModel model = ModelJson.readModel(Files.readString(path));
   * Segmentation seg = model.assign(accounts);
   * }</pre>
   *
   * @param json the JSON text
   * @return the model
   * @throws ModelFormatException when the text is not well-formed JSON, {@code "kind"} is missing or
   *     not a segment model kind, or the document is invalid for its kind (as the kind's reader)
   * @since 0.1
   */
  public static SegmentModel readModel(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root = parse(json);
    JsonNode k = root == null || !root.isObject() ? null : root.get(KIND_FIELD);
    String kind = k != null && k.isTextual() ? k.textValue() : "";
    if (kind.equals(KIND_RULE_MODEL)) {
      return readDocument(root, kind, RuleModelDtos.RuleModelDto.class).toDomain(JsonPaths.ROOT);
    } else if (kind.equals(KIND_MATRIX_MODEL)) {
      return readDocument(root, kind, MatrixModelDtos.MatrixModelDto.class)
          .toDomain(JsonPaths.ROOT);
    } else if (kind.equals(KIND_QUANTILE_MODEL)) {
      return readDocument(root, kind, QuantileModelDto.class).toDomain(JsonPaths.ROOT);
    } else if (kind.equals(KIND_ABC_MODEL)) {
      return readDocument(root, kind, AbcModelDto.class).toDomain(JsonPaths.ROOT);
    } else if (kind.equals(KIND_KMEANS_MODEL)) {
      return readDocument(root, kind, KMeansModelDto.class).toDomain(JsonPaths.ROOT);
    }
    String path = JsonPaths.field(JsonPaths.ROOT, KIND_FIELD);
    throw new ModelFormatException((k == null ? "Missing field \"kind\" at " + path
        : "\"kind\" at " + path + " is " + describe(k) + ", not a segment model kind")
        + "; expected one of: " + String.join(", ", new TreeSet<>(List.of(KIND_QUANTILE_MODEL,
            KIND_ABC_MODEL, KIND_RULE_MODEL, KIND_MATRIX_MODEL, KIND_KMEANS_MODEL))) + ".", path, null);
  }

  // ---------------------------------------------------------------------------------------------
  // Envelope and I/O, shared by every kind (and with AllocationJson) through JsonDocuments. A new kind
  // needs a body DTO, a KIND_ constant, a READERS entry and a write/read pair calling
  // writeDocument/readDocument.

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

  private static String describe(JsonNode node) {
    return JsonDocuments.describe(node);
  }
}
