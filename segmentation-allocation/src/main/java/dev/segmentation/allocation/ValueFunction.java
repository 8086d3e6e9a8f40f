package dev.segmentation.allocation;

import dev.segmentation.core.Row;

/**
 * Computes the value per year of giving an option to an account, in the accounts' currency. Must be pure
 * and thread-safe; a problem that uses one cannot be saved as JSON.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ValueFunction {

  /**
   * Returns the value of an option for an account.
   *
   * @param account the account
   * @param option the option
   * @return a finite value
   */
  double value(Row account, CoverageOption option);
}
