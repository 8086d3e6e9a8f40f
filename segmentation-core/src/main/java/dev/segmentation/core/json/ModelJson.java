package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
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
import dev.segmentation.core.Criteria;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.MatrixModel;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.core.profile.SegmentProfiles;
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

  private static final JsonMapper MAPPER = createMapper();

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
  // Envelope and I/O, shared by every kind. A new kind needs a body DTO, a KIND_ constant, a READERS
  // entry and a write/read pair calling writeDocument/readDocument.

  private static String writeDocument(String kind, Object body) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put(SCHEMA_VERSION_FIELD, SCHEMA_VERSION);
    root.put(KIND_FIELD, kind);
    root.setAll((ObjectNode) MAPPER.valueToTree(body));
    requireFinite(root, JsonPaths.ROOT);
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
        requireFinite(e.getValue(), JsonPaths.field(path, e.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireFinite(node.get(i), JsonPaths.index(path, i));
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
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  private static JsonNode parse(byte[] json) {
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

  private static <T> T readDocument(JsonNode root, String kind, Class<T> bodyType) {
    if (root == null || root.isMissingNode()) {
      throw new ModelFormatException("The document is empty; expected a JSON object starting with "
          + "{\"schemaVersion\": " + SCHEMA_VERSION + ", \"kind\": \"" + kind + "\"}.", null, null);
    }
    if (!root.isObject()) {
      throw new ModelFormatException("Expected a JSON object at $, found " + describe(root) + ".",
          JsonPaths.ROOT, null);
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
  private static ObjectNode upgrade(ObjectNode body, int version) {
    if (version != SCHEMA_VERSION) {
      throw new IllegalStateException("No upgrade step from schemaVersion " + version);
    }
    return body;
  }

  private static int schemaVersion(JsonNode root, String kind) {
    String path = JsonPaths.field(JsonPaths.ROOT, SCHEMA_VERSION_FIELD);
    JsonNode v = root.get(SCHEMA_VERSION_FIELD);
    if (v == null) {
      throw new ModelFormatException("Missing field \"schemaVersion\" at " + path
          + "; expected an integer schema version (this library reads 1 to " + SCHEMA_VERSION
          + ").\nEvery segmentation JSON document starts with {\"schemaVersion\": " + SCHEMA_VERSION
          + ", \"kind\": \"" + kind + "\"}.", path, null);
    }
    if (!v.isIntegralNumber()) {
      throw new ModelFormatException("\"schemaVersion\" at " + path + " must be an integer, was "
          + describe(v) + ".", path, null);
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
    String path = JsonPaths.field(JsonPaths.ROOT, KIND_FIELD);
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
      String reader = READERS.get(actual);
      throw new ModelFormatException("Expected a \"" + kind + "\" document but \"kind\" at " + path
          + " is \"" + actual + "\".\n"
          + (reader != null
              ? "Read it with ModelJson." + reader + "."
              : "Known kinds are: " + String.join(", ", new TreeSet<>(READERS.keySet())) + "."),
          path, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Translation of Jackson's mapping failures into messages that name the JSON path.

  private static ModelFormatException mappingError(JsonNode body, JsonMappingException e) {
    String path = JsonPaths.of(e.getPath());
    JsonNode node = nodeAt(body, e.getPath());
    String message;
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      Collection<Object> ids = u.getKnownPropertyIds();
      if (ids != null) {
        for (Object id : ids) {
          known.add(String.valueOf(id));
        }
      }
      known.sort(null);
      message = "Unknown field \"" + u.getPropertyName() + "\" at " + path
          + (known.isEmpty() ? "; this object has no other fields." : "; expected one of: "
              + String.join(", ", known) + ".")
          + "\nThe document may come from a newer version of segmentation or have been edited by hand.";
    } else if (e instanceof InvalidTypeIdException t) {
      String names = subtypeNames(t.getBaseType() == null ? null : t.getBaseType().getRawClass());
      if (!node.isObject()) {
        message = "Wrong type at " + path + ": expected an object with a \"type\" field (one of: "
            + names + "), found " + describe(node) + ".";
      } else {
        JsonNode type = node.get("type");
        path = JsonPaths.field(path, "type");
        message = type == null
            ? "Missing field \"type\" at " + path + "; expected one of: " + names + "."
            : "Unknown type " + describe(type) + " at " + path + "; expected one of: " + names + ".";
      }
    } else if (e instanceof InvalidNullException n) {
      message = "Null at " + path + "; expected " + expected(targetClass(n)) + ".";
    } else if (e instanceof MismatchedInputException m && node.isMissingNode()) {
      message = "Missing field \"" + lastName(e.getPath()) + "\" at " + path + "; expected "
          + expected(targetClass(m)) + ".";
    } else if (e instanceof InvalidFormatException f && targetClass(f) != null
        && targetClass(f).isEnum()) {
      message = "Invalid value " + describe(node) + " at " + path + "; expected "
          + expected(targetClass(f)) + ".";
    } else if (e instanceof MismatchedInputException m) {
      message = "Wrong type at " + path + ": expected " + expected(targetClass(m)) + ", found "
          + describe(node) + "."
          + (node.isTextual() ? "\nNumbers are written without quotes; NaN and Infinity are not "
              + "allowed (a value that is not there is null where the format allows it)." : "");
    } else {
      message = "Invalid value " + describe(node) + " at " + path + ": " + e.getOriginalMessage();
    }
    return new ModelFormatException(message, path, e);
  }

  private static Class<?> targetClass(MismatchedInputException e) {
    return e.getTargetType();
  }

  private static String lastName(List<JsonMappingException.Reference> refs) {
    for (int i = refs.size() - 1; i >= 0; i--) {
      if (refs.get(i).getFieldName() != null) {
        return refs.get(i).getFieldName();
      }
    }
    return "?";
  }

  private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> refs) {
    JsonNode node = root;
    for (JsonMappingException.Reference r : refs) {
      JsonNode next = null;
      if (r.getFieldName() != null && node.isObject()) {
        next = node.get(r.getFieldName());
      } else if (r.getFieldName() == null && r.getIndex() >= 0 && node.isArray()) {
        next = node.get(r.getIndex());
      }
      if (next == null) {
        return MissingNode.getInstance();
      }
      node = next;
    }
    return node;
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

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    } else if (node.isTextual()) {
      String s = node.textValue();
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      return "a number beyond the range of a double";
    } else if (node.isNumber()) {
      return "the number " + node.asText();
    } else if (node.isBoolean()) {
      return "the boolean " + node.asText();
    } else if (node.isNull()) {
      return "null";
    } else if (node.isArray()) {
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
        // null only where a DTO component says @JsonSetter(nulls = SET); never inside arrays.
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
