/**
 * Coverage allocation of sales resources to accounts and segments under hours and budget limits,
 * territories and quotas. The module is in place so that its build, manifest and dependency tree are
 * checked from the start; its first types arrive with the allocation work (coverage options, the LP
 * solver, plans).
 *
 * @since 0.1
 */
package dev.segmentation.allocation;
