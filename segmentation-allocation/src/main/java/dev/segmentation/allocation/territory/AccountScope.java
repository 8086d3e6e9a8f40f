package dev.segmentation.allocation.territory;

/**
 * Which accounts need a rep of the role.
 *
 * @since 0.1
 */
public enum AccountScope {
  /**
   * Accounts with workload {@code > 0}, and locked accounts whatever their workload (the default).
   * Other accounts get no rep; the plan lists them with an empty rep.
   */
  WITH_WORKLOAD,
  /** Every account, including those without workload. */
  ALL
}
