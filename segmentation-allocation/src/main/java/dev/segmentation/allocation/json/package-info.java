/**
 * The versioned JSON form of allocation problems and plans, read and written through
 * {@link dev.segmentation.allocation.json.AllocationJson}.
 *
 * <p><b>Envelope.</b> Every document is an object whose first two fields are {@code "schemaVersion"}
 * (an integer; 1 is the only released version) and {@code "kind"}. Readers accept every released
 * version and reject newer ones, unknown fields, missing fields and values of the wrong type with a
 * {@link dev.segmentation.core.ModelFormatException} that names the JSON path. Every field listed
 * below is always present; {@code null} is allowed only where it is said. Enum values are written as
 * their Java names.
 *
 * <p><b>{@code "kind": "allocation-problem"}</b> (an {@code AllocationProblem}; it embeds its
 * accounts so that it can be solved from the document alone):
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "allocation-problem",
 *   "accounts": {
 *     "idColumn": "id",
 *     "ids": ["C-1", "C-2"],
 *     "segments": ["A", null],
 *     "columns": [
 *       {"type": "numeric", "name": "revenue", "values": [120000.0, null]},
 *       {"type": "categorical", "name": "region", "values": ["North", null]}
 *     ]
 *   },
 *   "roles": [{"name": "field", "hours": 70.0, "reps": [{"id": "ana", "hours": 40.0}, {"id": "ben", "hours": 30.0}]}],
 *   "budget": 5000.0,
 *   "options": [
 *     {
 *       "id": "field-6",
 *       "channel": "FIELD",
 *       "hours": {"field": {"column": "field_hours"}},
 *       "cost": {"constant": 900.0},
 *       "value": null,
 *       "segments": ["A", "B"],
 *       "eligibleWhen": "region != \"South\"",
 *       "retention": 0.95,
 *       "effort": 6.0
 *     }
 *   ],
 *   "responseModel": {"revenueColumn": "revenue", "potentialColumn": "potential", "conversion": 0.3,
 *       "halfSaturation": 4.0, "shape": 1.0},
 *   "objective": "VALUE",
 *   "serviceLevels": [{"segment": "A", "minShare": 0.5, "channels": ["FIELD"], "options": []}],
 *   "locks": {"C-2": "none"},
 *   "method": "AUTO",
 *   "parallelism": 4
 * }
 * }</pre>
 * {@code accounts.segments} holds each account's segment id, {@code null} for an account without
 * segment. {@code accounts.columns} holds only the columns the problem reads, in table order: the
 * per-account amounts of the options, the response model's revenue and potential columns and the
 * columns named by {@code eligibleWhen} conditions. Column {@code type} is {@code numeric} (numbers,
 * {@code null} for a missing value), {@code categorical} (labels, {@code null} for missing) or
 * {@code date} (ISO-8601 dates such as {@code "2024-03-31"}, {@code null} for missing). {@code budget}
 * is {@code null} when there is none. An amount per account ({@code hours} per role, {@code cost},
 * {@code value}) is {@code {"constant": number}} or {@code {"column": name}}; an option's {@code value}
 * is {@code null} when the response model values it, and {@code eligibleWhen} is {@code null} when
 * every account is eligible. {@code options} includes the "none" option the problem added.
 * {@code responseModel} is {@code null} when there is none; a problem with a Java value function
 * cannot be written. {@code locks} maps account ids to option ids, keys sorted.
 *
 * <p><b>{@code "kind": "allocation-plan"}</b> (an {@code AllocationPlan}):
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "allocation-plan",
 *   "status": "OPTIMAL",
 *   "value": 25300.0,
 *   "cost": 1900.0,
 *   "objective": 23400.0,
 *   "upperBound": 23400.0,
 *   "boundConverged": true,
 *   "iterations": 7,
 *   "options": ["field-6", "inside-4", "none"],
 *   "roles": ["field"],
 *   "limits": [{"name": "field", "kind": "ROLE_HOURS", "capacity": 70.0, "used": 64.0, "shadowPrice": 12.5}],
 *   "conflicts": [],
 *   "accounts": [
 *     {"id": "C-1", "segment": "A", "option": "field-6", "reducedValue": 8100.0, "runnerUp": "none",
 *         "margin": 2100.0, "value": 9000.0, "cost": 900.0, "hours": [64.0]}
 *   ]
 * }
 * }</pre>
 * {@code options} lists every option of the problem in problem order and {@code roles} the role
 * names; each account's {@code hours} follow {@code roles}. {@code upperBound} is {@code null} when
 * there is none. {@code runnerUp} and {@code margin} are {@code null} for an account that had only
 * one option (its margin is {@code +Infinity}). In an {@code INFEASIBLE} plan {@code value},
 * {@code cost}, {@code objective}, each limit's {@code used} and every account field but {@code id}
 * and {@code segment} are {@code null}, and {@code conflicts} says which limits conflict.
 *
 * <p>The wire records of this package are package-private: public types may change without changing
 * the schema.
 *
 * @since 0.1
 */
package dev.segmentation.allocation.json;
