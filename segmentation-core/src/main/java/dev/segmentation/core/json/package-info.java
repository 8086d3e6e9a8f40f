/**
 * The versioned JSON form of criteria, fitted criteria, segment models and segment profiles, read and
 * written through {@link dev.segmentation.core.json.ModelJson}. The criteria kinds are described here;
 * the model and profile kinds on their {@code ModelJson.write} methods.
 *
 * <p><b>Envelope.</b> Every document is an object whose first two fields are {@code "schemaVersion"}
 * (an integer; 1 is the only released version) and {@code "kind"}. Readers accept every released
 * version and reject newer ones, unknown fields, missing fields and values of the wrong type with a
 * {@link dev.segmentation.core.ModelFormatException} that names the JSON path.
 *
 * <p><b>{@code "kind": "criteria"}</b> (a {@code Criteria}):
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "criteria",
 *   "defaultMissingPolicy": "MEDIAN",
 *   "criteria": [
 *     {
 *       "name": "turnover",
 *       "kind": "NUMERIC",
 *       "source": {"type": "column", "column": "turnover"},
 *       "transforms": [{"type": "log1p"}, {"type": "standardize"}],
 *       "weight": 2.0,
 *       "missingPolicy": "MEDIAN",
 *       "missingConstant": 0.0,
 *       "unseenCategory": "ERROR"
 *     }
 *   ]
 * }
 * }</pre>
 * Each criterion always has all eight fields. {@code kind} is {@code NUMERIC} or {@code CATEGORICAL}.
 * {@code source} is {@code {"type": "column", "column": ..}},
 * {@code {"type": "ratio", "numerator": .., "denominator": ..}} or
 * {@code {"type": "difference", "minuend": .., "subtrahend": ..}}; criteria computed by a Java function
 * cannot be written. Transform steps are {@code {"type": "log1p"}}, {@code {"type": "standardize"}},
 * {@code {"type": "minMax"}}, {@code {"type": "robust", "method": "TYPE_7"}},
 * {@code {"type": "winsorize", "lower": 0.01, "upper": 0.99, "method": "TYPE_7"}} and
 * {@code {"type": "clip", "min": 0.0, "max": 100.0}}, where a {@code null} clip bound means that side is
 * unbounded. Enum values are written as their Java names.
 *
 * <p><b>{@code "kind": "fitted-criteria"}</b> (a {@code FittedCriteria}): fields
 * {@code "definition"} (the criteria object above without {@code schemaVersion} and {@code kind}),
 * {@code "fitted"} (one entry per criterion, in definition order), {@code "trainingRows"} and
 * {@code "warnings"} (strings). A fitted entry is
 * {@code {"criterion": name, "imputeValue": .., "transforms": [..], "levels": [..], "imputeLevel": ..}}:
 * {@code imputeValue} is the imputed raw value or {@code null} when the policy does not impute (and for
 * categorical criteria); {@code levels} are the sorted training levels of a categorical criterion and
 * {@code imputeLevel} the index of the imputed level, or -1. Fitted steps, one per definition step, are
 * {@code {"type": "log1p"}}, {@code {"type": "zscore", "mean": .., "std": ..}},
 * {@code {"type": "minMax", "min": .., "max": ..}}, {@code {"type": "robust", "median": .., "iqr": ..}},
 * {@code {"type": "winsorize", "lower": .., "upper": .., "method": .., "lowerValue": .., "upperValue": ..}}
 * and {@code {"type": "clip", "min": .., "max": ..}}.
 *
 * <p>The wire records of this package are package-private: public types may change without changing
 * the schema.
 *
 * @since 0.1
 */
package dev.segmentation.core.json;
