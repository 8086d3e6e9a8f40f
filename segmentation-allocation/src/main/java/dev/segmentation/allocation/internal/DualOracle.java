package dev.segmentation.allocation.internal;

/**
 * Evaluates the Lagrangian dual function at given multipliers: one pass over the accounts, each priced
 * independently by {@link Mckp#price}, with the per-block sums combined in block order by {@link
 * Mckp#combine}. The single-machine oracle runs the blocks on threads; the Spark oracle runs them per
 * partition and sends only the multipliers out and the block sums back. Every implementation must
 * give the bound and the row use bit for bit equal to {@link Mckp#evaluate(double[], double[],
 * dev.segmentation.core.internal.BlockExecutor)}.
 */
@FunctionalInterface
public interface DualOracle {

  /**
   * Evaluates {@code L(lambda)} and the row use of the accounts' best candidates.
   *
   * @param lambda multipliers, {@code >= 0}
   * @param tieWeights weights of the tie-break on use
   * @return the evaluation; only {@link Mckp.Eval#bound}, {@link Mckp.Eval#usage} and {@link
   *     Mckp.Eval#value} are read
   */
  Mckp.Eval evaluate(double[] lambda, double[] tieWeights);
}
