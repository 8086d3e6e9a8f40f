package dev.segmentation.core.model;

/**
 * Which exact Lloyd variant k-means runs. Both give the same labels from the same start; they differ
 * only in speed.
 *
 * @since 0.1
 */
public enum KMeansAlgorithm {
  /** Plain Lloyd: every account-to-centroid distance is computed in every iteration. */
  LLOYD,
  /**
   * Hamerly (2010), "Making k-means even faster": one upper and one lower distance bound per account
   * skip most distance computations; memory two doubles per account. The default.
   */
  HAMERLY
}
