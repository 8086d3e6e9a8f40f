/**
 * A small, exact, dense linear-programming solver with dual values ({@link
 * dev.segmentation.allocation.internal.lp.DenseLp}), built for the master problems of Lagrangian and
 * cutting-plane methods: few variables, many rows added incrementally, many warm-started re-solves.
 *
 * <p>Internal package: no compatibility promise; never exposed in public signatures.
 */
package dev.segmentation.allocation.internal.lp;
