package dev.segmentation.allocation.json;

import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.internal.JsonDocuments;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes territory problems and plans as versioned JSON documents.
 *
 * <pre>{@code
 * String json = TerritoryJson.write(problem);         // {"schemaVersion": 1, "kind": "territory-problem", ...}
 * TerritoryProblem same = TerritoryJson.readProblem(json);
 * same.solve().equals(problem.solve());                 // true: the document is self-contained
 *
 * TerritoryPlan plan = problem.solve();
 * TerritoryJson.write(plan, Path.of("territories.json"));
 * TerritoryPlan loaded = TerritoryJson.readPlan(Path.of("territories.json"));   // loaded.equals(plan)
 * }</pre>
 *
 * <p><b>Format.</b> The envelope and the rules are those of {@link AllocationJson}: the first fields
 * are {@code "schemaVersion"} (currently {@value #SCHEMA_VERSION}) and {@code "kind"}
 * ({@value #KIND_PROBLEM} or {@value #KIND_PLAN}); fields in a fixed order, two-space indent, numbers
 * in Java's shortest round-trip form, no {@code NaN} or infinity. Reading is strict: unknown, missing or
 * mistyped fields and invalid values fail with a {@link ModelFormatException} naming the JSON path,
 * for example {@code $.accounts[3].location.latitude}.
 *
 * <p>{@code "territory-problem"}: {@code role}, {@code tolerance}, {@code balanceMeasure}
 * ({@code WORKLOAD}, {@code POTENTIAL}, {@code MIX}), {@code mixWeight}, {@code distanceWeight},
 * {@code disruptionCost}, {@code minKeptShare}, {@code candidateReps}, {@code scope}
 * ({@code WITH_WORKLOAD}, {@code ALL}), {@code parallelism}, {@code reps} (each {@code id},
 * {@code role}, {@code capacityHours}, {@code home}: {@code {"latitude": .., "longitude": ..}} or
 * {@code null}) and {@code accounts} (each {@code id}, {@code workloadHours}, {@code potential},
 * {@code location} or {@code null}, {@code owner} or {@code null}, {@code lockedTo} or {@code null}).
 *
 * <p>{@code "territory-plan"}: {@code status}, {@code role}, {@code balanceMeasure},
 * {@code tolerance}, {@code distanceWeight}, {@code disruptionCost}, {@code minKeptShare},
 * {@code candidateReps}, {@code iterations}, {@code lowerBound} ({@code null} when there is none),
 * {@code summary} (derived figures for readers: {@code balanced}, {@code maxDeviation},
 * {@code coefficientOfVariation}, {@code totalDistanceKm}, {@code ownedAccounts},
 * {@code keptAccounts}, {@code keptShare}, {@code objective}; not used when reading),
 * {@code explanation} (strings), {@code reps} (each {@code id}, {@code capacityHours}, {@code target},
 * {@code lowerLimit}, {@code upperLimit}, {@code load}, {@code workloadHours}, {@code potential},
 * {@code accounts}, {@code distanceKm}, {@code book}, {@code kept}) and {@code accounts} (each
 * {@code id}, {@code rep} ({@code null} out of scope), {@code previousRep} ({@code null} when none),
 * {@code locked}, {@code workloadHours}, {@code potential}, {@code load}, {@code distanceKm}).
 *
 * <p>All methods are thread-safe; the class holds no mutable state.
 *
 * @since 0.1
 */
public final class TerritoryJson {

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
  public static final String KIND_PROBLEM = "territory-problem";

  /**
   * The kind of a plan document.
   *
   * @since 0.1
   */
  public static final String KIND_PLAN = "territory-plan";

  private static final JsonDocuments DOCS = new JsonDocuments("TerritoryJson", SCHEMA_VERSION,
      Map.of(KIND_PROBLEM, "readProblem", KIND_PLAN, "readPlan"),
      "TerritoryJson reads \"" + KIND_PROBLEM + "\" and \"" + KIND_PLAN + "\" documents; allocation "
          + "documents are read with AllocationJson, segment models with ModelJson.",
      Map.of());

  private TerritoryJson() {}

  /**
   * Writes a problem as a {@code "territory-problem"} document.
   *
   * @param problem the problem
   * @return the JSON text, without a trailing line feed
   * @since 0.1
   */
  public static String write(TerritoryProblem problem) {
    Objects.requireNonNull(problem, "problem");
    return DOCS.write(KIND_PROBLEM, TerritoryProblemDto.from(problem));
  }

  /**
   * Writes a problem to a file as UTF-8 with a final line feed; an existing file is replaced.
   *
   * @param problem the problem
   * @param file the file
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   * @since 0.1
   */
  public static void write(TerritoryProblem problem, Path file) {
    Objects.requireNonNull(file, "file");
    DOCS.writeFile(write(problem), KIND_PROBLEM, file);
  }

  /**
   * Writes a plan as a {@code "territory-plan"} document.
   *
   * @param plan the plan
   * @return the JSON text, without a trailing line feed
   * @since 0.1
   */
  public static String write(TerritoryPlan plan) {
    Objects.requireNonNull(plan, "plan");
    return DOCS.write(KIND_PLAN, TerritoryPlanDto.from(plan));
  }

  /**
   * Writes a plan to a file as UTF-8 with a final line feed; an existing file is replaced.
   *
   * @param plan the plan
   * @param file the file
   * @throws UncheckedIOException when the file cannot be written; the message names the file
   * @since 0.1
   */
  public static void write(TerritoryPlan plan, Path file) {
    Objects.requireNonNull(file, "file");
    DOCS.writeFile(write(plan), KIND_PLAN, file);
  }

  /**
   * Reads a {@code "territory-problem"} document.
   *
   * @param json the JSON text
   * @return the problem
   * @throws ModelFormatException when the text is not well-formed JSON, the version is missing or
   *     newer than {@value #SCHEMA_VERSION}, the kind differs, a field is unknown, missing or mistyped,
   *     or a value is invalid (for example a lock to an unknown rep); the message names the JSON path
   * @since 0.1
   */
  public static TerritoryProblem readProblem(String json) {
    Objects.requireNonNull(json, "json");
    return DOCS.read(JsonDocuments.parse(json), KIND_PROBLEM, TerritoryProblemDto.class)
        .toDomain(Json.ROOT);
  }

  /**
   * Reads a {@code "territory-problem"} document from a file.
   *
   * @param file the file (UTF-8, UTF-16 or UTF-32)
   * @return the problem
   * @throws ModelFormatException as {@link #readProblem(String)}; the message also names the file
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   * @since 0.1
   */
  public static TerritoryProblem readProblem(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = DOCS.readFile(file, KIND_PROBLEM);
    try {
      return DOCS.read(JsonDocuments.parse(bytes), KIND_PROBLEM, TerritoryProblemDto.class)
          .toDomain(Json.ROOT);
    } catch (ModelFormatException e) {
      throw JsonDocuments.inFile(file, e);
    }
  }

  /**
   * Reads a {@code "territory-plan"} document.
   *
   * @param json the JSON text
   * @return the plan, equal to the plan that was written
   * @throws ModelFormatException when the text is not well-formed JSON, the version is missing or
   *     newer than {@value #SCHEMA_VERSION}, the kind differs, a field is unknown, missing or mistyped,
   *     or a value is invalid (for example an account on a rep the plan does not list); the message
   *     names the JSON path
   * @since 0.1
   */
  public static TerritoryPlan readPlan(String json) {
    Objects.requireNonNull(json, "json");
    return DOCS.read(JsonDocuments.parse(json), KIND_PLAN, TerritoryPlanDto.class).toDomain(Json.ROOT);
  }

  /**
   * Reads a {@code "territory-plan"} document from a file.
   *
   * @param file the file (UTF-8, UTF-16 or UTF-32)
   * @return the plan
   * @throws ModelFormatException as {@link #readPlan(String)}; the message also names the file
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   * @since 0.1
   */
  public static TerritoryPlan readPlan(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = DOCS.readFile(file, KIND_PLAN);
    try {
      return DOCS.read(JsonDocuments.parse(bytes), KIND_PLAN, TerritoryPlanDto.class)
          .toDomain(Json.ROOT);
    } catch (ModelFormatException e) {
      throw JsonDocuments.inFile(file, e);
    }
  }
}
