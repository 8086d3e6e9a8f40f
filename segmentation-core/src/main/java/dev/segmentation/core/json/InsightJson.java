package dev.segmentation.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.insight.LookalikeScores;
import dev.segmentation.core.insight.PriorityList;
import dev.segmentation.core.insight.WalletReport;
import dev.segmentation.core.internal.JsonDocuments;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the account-level insight results of {@code dev.segmentation.core.insight} as
 * versioned JSON documents: priority lists ({@code "priority-list"}) and lookalike scores
 * ({@code "lookalike-scores"}), read and written; wallet reports ({@code "wallet-report"}), written
 * only (a report).
 *
 * <pre>{@code
 * String json = InsightJson.write(priorityList);    // {"schemaVersion": 1, "kind": "priority-list", ...}
 * PriorityList same = InsightJson.readPriorityList(json);   // same.equals(priorityList)
 * }</pre>
 *
 * <p><b>Format.</b> The envelope, pretty printing and strict reading are those of {@link ModelJson}:
 * {@code "schemaVersion"} (currently {@value #SCHEMA_VERSION}) and {@code "kind"} first, fields in a
 * fixed order, doubles in Java's shortest round-trip form (a read object {@code equals} the written
 * one), {@code NaN} written as {@code null}; unknown or missing fields, wrong types and invalid values
 * fail with a {@link ModelFormatException} naming the JSON path.
 *
 * <p>All methods are thread-safe; the class holds no mutable state.
 *
 * @since 0.1
 */
public final class InsightJson {

  /**
   * The schema version this library writes and the newest it reads.
   *
   * @since 0.1
   */
  public static final int SCHEMA_VERSION = 1;

  /**
   * The kind of a priority list document.
   *
   * @since 0.1
   */
  public static final String KIND_PRIORITY_LIST = "priority-list";

  /**
   * The kind of a lookalike scores document.
   *
   * @since 0.1
   */
  public static final String KIND_LOOKALIKE_SCORES = "lookalike-scores";

  /**
   * The kind of a wallet report document (written only).
   *
   * @since 0.1
   */
  public static final String KIND_WALLET_REPORT = "wallet-report";

  private static final JsonDocuments DOCS = new JsonDocuments("InsightJson", SCHEMA_VERSION,
      Map.of(KIND_PRIORITY_LIST, "readPriorityList", KIND_LOOKALIKE_SCORES, "readLookalikeScores"),
      "InsightJson reads \"" + KIND_LOOKALIKE_SCORES + "\" and \"" + KIND_PRIORITY_LIST
          + "\" documents; models and criteria are read with ModelJson.", Map.of());

  private InsightJson() {}

  /**
   * Writes a priority list as a {@code "priority-list"} document: {@code "groupColumns"} and
   * {@code "entries"} (each {@code rank}, {@code id}, {@code segment}, {@code groups},
   * {@code whitespace}, {@code lookalike}, {@code response}, {@code expectedValue}, {@code note};
   * missing factors as {@code null}).
   *
   * @param list the list
   * @return the JSON text, without a trailing line feed
   */
  public static String write(PriorityList list) {
    Objects.requireNonNull(list, "list");
    return DOCS.write(KIND_PRIORITY_LIST, PriorityListDto.from(list));
  }

  /**
   * Writes a priority list to a file as UTF-8 with a final line feed; an existing file is replaced.
   *
   * @param list the list
   * @param file the file
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   */
  public static void write(PriorityList list, Path file) {
    Objects.requireNonNull(file, "file");
    DOCS.writeFile(write(list), KIND_PRIORITY_LIST, file);
  }

  /**
   * Reads a {@code "priority-list"} document.
   *
   * @param json the JSON text
   * @return the list, equal to the written one
   * @throws ModelFormatException when the text is not well-formed JSON, the version is missing or
   *     newer, the kind differs, a field is unknown, missing or of the wrong type, or the entries
   *     break the ranking rules; the message and {@link ModelFormatException#jsonPath()} name the
   *     place
   */
  public static PriorityList readPriorityList(String json) {
    Objects.requireNonNull(json, "json");
    return read(JsonDocuments.parse(json), KIND_PRIORITY_LIST, PriorityListDto.class)
        .toDomain(JsonPaths.ROOT);
  }

  /**
   * Reads a {@code "priority-list"} document from a file (UTF-8, UTF-16 or UTF-32).
   *
   * @param file the file
   * @return the list
   * @throws ModelFormatException as {@link #readPriorityList(String)}; the message names the file
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   */
  public static PriorityList readPriorityList(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = DOCS.readFile(file, KIND_PRIORITY_LIST);
    try {
      return read(JsonDocuments.parse(bytes), KIND_PRIORITY_LIST, PriorityListDto.class)
          .toDomain(JsonPaths.ROOT);
    } catch (ModelFormatException e) {
      throw JsonDocuments.inFile(file, e);
    }
  }

  /**
   * Writes lookalike scores as a {@code "lookalike-scores"} document: {@code "reference"},
   * {@code "referenceCount"}, {@code "referenceWithoutFeatures"}, {@code "medianReferenceDistance"},
   * {@code "halfDistance"} and {@code "scores"} (each {@code id}, {@code score}, {@code distance},
   * {@code nearestReference}, {@code drivers} of {@code criterion}, {@code squaredDistance},
   * {@code share}, and {@code reason}; score and distance {@code null} for an account without
   * features).
   *
   * @param scores the scores
   * @return the JSON text, without a trailing line feed
   */
  public static String write(LookalikeScores scores) {
    Objects.requireNonNull(scores, "scores");
    return DOCS.write(KIND_LOOKALIKE_SCORES, LookalikeScoresDto.from(scores));
  }

  /**
   * Writes lookalike scores to a file as UTF-8 with a final line feed; an existing file is replaced.
   *
   * @param scores the scores
   * @param file the file
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   */
  public static void write(LookalikeScores scores, Path file) {
    Objects.requireNonNull(file, "file");
    DOCS.writeFile(write(scores), KIND_LOOKALIKE_SCORES, file);
  }

  /**
   * Reads a {@code "lookalike-scores"} document.
   *
   * @param json the JSON text
   * @return the scores, equal to the written ones
   * @throws ModelFormatException when the text is not well-formed JSON, the version is missing or
   *     newer, the kind differs, a field is unknown, missing or of the wrong type, or a value is
   *     invalid (a score outside {@code [0, 100]}, a score together with a reason); the message and
   *     {@link ModelFormatException#jsonPath()} name the place
   */
  public static LookalikeScores readLookalikeScores(String json) {
    Objects.requireNonNull(json, "json");
    return read(JsonDocuments.parse(json), KIND_LOOKALIKE_SCORES, LookalikeScoresDto.class)
        .toDomain(JsonPaths.ROOT);
  }

  /**
   * Writes a wallet report as a {@code "wallet-report"} document (a report: there is no reader):
   * {@code "revenueColumn"}, {@code "potentialColumn"}, {@code "bands"} (the band labels in
   * {@link dev.segmentation.core.insight.WalletBand} order) and {@code "groups"} (each
   * {@code dimension}, {@code label}, {@code accounts}, {@code revenue}, {@code potential},
   * {@code shareOfWallet} ({@code null} when not defined) and {@code bandCounts}).
   *
   * @param report the report
   * @return the JSON text, without a trailing line feed
   * @throws ModelFormatException when a revenue or potential sum is infinite (JSON numbers are
   *     finite)
   */
  public static String write(WalletReport report) {
    Objects.requireNonNull(report, "report");
    return DOCS.write(KIND_WALLET_REPORT, InsightWalletReportDto.from(report));
  }

  private static <T> T read(JsonNode root, String kind, Class<T> type) {
    return DOCS.read(root, kind, type);
  }
}
