package dev.segmentation.allocation.json;

import dev.segmentation.allocation.capacity.CapacityPlan;
import dev.segmentation.allocation.capacity.MarginalRepValues;
import dev.segmentation.allocation.capacity.WhatIfCurve;
import dev.segmentation.allocation.quota.AttainmentReport;
import dev.segmentation.allocation.quota.QuotaPlan;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.internal.JsonDocuments;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the results of capacity planning, what-if analysis, quotas and attainment as
 * versioned JSON documents, with the same envelope and rules as {@link AllocationJson}.
 *
 * <pre>{@code
 * String json = PlanningJson.write(quotaPlan);      // {"schemaVersion": 1, "kind": "quota-plan", ...}
 * QuotaPlan same = PlanningJson.readQuotaPlan(json); // same.equals(quotaPlan)
 * }</pre>
 *
 * <p><b>Kinds.</b> {@value #KIND_CAPACITY_PLAN} ({@link CapacityPlan}), {@value #KIND_WHAT_IF_CURVE}
 * ({@link WhatIfCurve}), {@value #KIND_MARGINAL_REP_VALUES} ({@link MarginalRepValues}),
 * {@value #KIND_QUOTA_PLAN} ({@link QuotaPlan}) and {@value #KIND_ATTAINMENT_REPORT}
 * ({@link AttainmentReport}). The fields of each are listed with examples in {@code docs/planning.md};
 * they are the record components of the result types, in declaration order, plus the derived numbers
 * a reader of the document needs (FTEs and headcount, {@code targetUnits}, share of wallet and
 * attainment), which are checked against their definition when read.
 *
 * <p><b>Format.</b> Every document starts with {@code "schemaVersion"} ({@value #SCHEMA_VERSION})
 * and {@code "kind"}; output is pretty-printed, fields in a fixed order, map keys sorted, numbers in
 * Java's shortest round-trip form, so reading a document gives back an equal object. JSON has no
 * {@code NaN} or infinity: a number that is not there ({@code NaN}) and an absent cap
 * ({@code +Infinity}) are written as {@code null}; "no segment" and "no owner" ({@code ""}) are
 * {@code null} as in {@code "allocation-plan"} documents.
 *
 * <p><b>Reading</b> is strict: a released {@code schemaVersion}, the expected {@code kind}, no
 * unknown or missing fields, {@code null} only where allowed, values the domain accepts; every failure
 * is a {@link ModelFormatException} naming the JSON path.
 *
 * <p>All methods are thread-safe; the class holds no mutable state.
 *
 * @since 0.1
 */
public final class PlanningJson {

  /**
   * The schema version this library writes and the newest it reads.
   *
   * @since 0.1
   */
  public static final int SCHEMA_VERSION = 1;

  /**
   * The kind of a capacity plan document.
   *
   * @since 0.1
   */
  public static final String KIND_CAPACITY_PLAN = "capacity-plan";

  /**
   * The kind of a what-if curve document.
   *
   * @since 0.1
   */
  public static final String KIND_WHAT_IF_CURVE = "what-if-curve";

  /**
   * The kind of a marginal rep values document.
   *
   * @since 0.1
   */
  public static final String KIND_MARGINAL_REP_VALUES = "marginal-rep-values";

  /**
   * The kind of a quota plan document.
   *
   * @since 0.1
   */
  public static final String KIND_QUOTA_PLAN = "quota-plan";

  /**
   * The kind of an attainment report document.
   *
   * @since 0.1
   */
  public static final String KIND_ATTAINMENT_REPORT = "attainment-report";

  private static final JsonDocuments DOCS = new JsonDocuments("PlanningJson", SCHEMA_VERSION,
      Map.of(KIND_CAPACITY_PLAN, "readCapacityPlan", KIND_WHAT_IF_CURVE, "readWhatIfCurve",
          KIND_MARGINAL_REP_VALUES, "readMarginalRepValues", KIND_QUOTA_PLAN, "readQuotaPlan",
          KIND_ATTAINMENT_REPORT, "readAttainmentReport"),
      "PlanningJson reads capacity plans, what-if curves, marginal rep values, quota plans and "
          + "attainment reports; allocation problems and plans are read with AllocationJson, segment "
          + "models with ModelJson.",
      Map.of());

  private PlanningJson() {}

  /**
   * Writes a capacity plan as a {@value #KIND_CAPACITY_PLAN} document.
   *
   * @param plan the plan
   * @return the JSON text, without a trailing line feed
   */
  public static String write(CapacityPlan plan) {
    return DOCS.write(KIND_CAPACITY_PLAN, CapacityPlanDto.from(Objects.requireNonNull(plan, "plan")));
  }

  /**
   * Writes a what-if curve as a {@value #KIND_WHAT_IF_CURVE} document.
   *
   * @param curve the curve
   * @return the JSON text, without a trailing line feed
   */
  public static String write(WhatIfCurve curve) {
    return DOCS.write(KIND_WHAT_IF_CURVE, WhatIfCurveDto.from(Objects.requireNonNull(curve, "curve")));
  }

  /**
   * Writes marginal rep values as a {@value #KIND_MARGINAL_REP_VALUES} document.
   *
   * @param values the values
   * @return the JSON text, without a trailing line feed
   */
  public static String write(MarginalRepValues values) {
    return DOCS.write(KIND_MARGINAL_REP_VALUES,
        WhatIfRepValuesDto.from(Objects.requireNonNull(values, "values")));
  }

  /**
   * Writes a quota plan as a {@value #KIND_QUOTA_PLAN} document.
   *
   * @param plan the plan
   * @return the JSON text, without a trailing line feed
   */
  public static String write(QuotaPlan plan) {
    return DOCS.write(KIND_QUOTA_PLAN, QuotaPlanDto.from(Objects.requireNonNull(plan, "plan")));
  }

  /**
   * Writes an attainment report as a {@value #KIND_ATTAINMENT_REPORT} document.
   *
   * @param report the report
   * @return the JSON text, without a trailing line feed
   */
  public static String write(AttainmentReport report) {
    return DOCS.write(KIND_ATTAINMENT_REPORT,
        AttainmentReportDto.from(Objects.requireNonNull(report, "report")));
  }

  /**
   * Reads a {@value #KIND_CAPACITY_PLAN} document.
   *
   * @param json the JSON text
   * @return the plan, equal to the plan that was written
   * @throws ModelFormatException for malformed JSON, a wrong envelope or kind, unknown, missing or
   *     invalid fields, or derived numbers that do not match; the message names the JSON path
   */
  public static CapacityPlan readCapacityPlan(String json) {
    return read(json, KIND_CAPACITY_PLAN, CapacityPlanDto.class).toDomain(Json.ROOT);
  }

  /**
   * Reads a {@value #KIND_WHAT_IF_CURVE} document.
   *
   * @param json the JSON text
   * @return the curve, equal to the curve that was written
   * @throws ModelFormatException for malformed JSON, a wrong envelope or kind, unknown, missing or
   *     invalid fields (including levels that do not increase or an objective that decreases); the
   *     message names the JSON path
   */
  public static WhatIfCurve readWhatIfCurve(String json) {
    return read(json, KIND_WHAT_IF_CURVE, WhatIfCurveDto.class).toDomain(Json.ROOT);
  }

  /**
   * Reads a {@value #KIND_MARGINAL_REP_VALUES} document.
   *
   * @param json the JSON text
   * @return the values, equal to the values that were written
   * @throws ModelFormatException for malformed JSON, a wrong envelope or kind, or unknown, missing or
   *     invalid fields; the message names the JSON path
   */
  public static MarginalRepValues readMarginalRepValues(String json) {
    return read(json, KIND_MARGINAL_REP_VALUES, WhatIfRepValuesDto.class).toDomain(Json.ROOT);
  }

  /**
   * Reads a {@value #KIND_QUOTA_PLAN} document.
   *
   * @param json the JSON text
   * @return the plan, equal to the plan that was written
   * @throws ModelFormatException for malformed JSON, a wrong envelope or kind, unknown, missing or
   *     invalid fields, or quotas that do not add up to the target; the message names the JSON path
   */
  public static QuotaPlan readQuotaPlan(String json) {
    return read(json, KIND_QUOTA_PLAN, QuotaPlanDto.class).toDomain(Json.ROOT);
  }

  /**
   * Reads a {@value #KIND_ATTAINMENT_REPORT} document.
   *
   * @param json the JSON text
   * @return the report, equal to the report that was written
   * @throws ModelFormatException for malformed JSON, a wrong envelope or kind, unknown, missing or
   *     invalid fields, or derived ratios that do not match; the message names the JSON path
   */
  public static AttainmentReport readAttainmentReport(String json) {
    return read(json, KIND_ATTAINMENT_REPORT, AttainmentReportDto.class).toDomain(Json.ROOT);
  }

  private static <T> T read(String json, String kind, Class<T> type) {
    Objects.requireNonNull(json, "json");
    return DOCS.read(JsonDocuments.parse(json), kind, type);
  }

  /** A derived number as written ({@code null} for NaN) must equal the number recomputed. */
  static void check(String path, Double written, double recomputed, String definition) {
    double w = Json.nullToNaN(written);
    if (Double.compare(w, recomputed) != 0) {
      throw Json.invalid(path, "is " + written + ", but " + definition + " is "
          + (Double.isNaN(recomputed) ? "undefined (null)" : Double.toString(recomputed)) + ".");
    }
  }

  /** A segment or rep id where {@code null} stands for "none" ({@code ""}); blank ids are refused. */
  static String optionalId(String id, String path) {
    if (id == null) {
      return "";
    }
    if (id.isBlank()) {
      throw Json.invalid(path, "must be non-blank (null for none), was \"" + id + "\".");
    }
    return id;
  }
}
