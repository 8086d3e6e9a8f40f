package dev.segmentation.allocation;

/**
 * The kind of a limit of an allocation problem.
 *
 * @since 0.1
 */
public enum LimitKind {
  /** Hours per year of a role. */
  ROLE_HOURS,
  /** Total money budget per year. */
  BUDGET,
  /** A minimum service level (at least a share of a segment on qualifying options). */
  SERVICE_LEVEL
}
