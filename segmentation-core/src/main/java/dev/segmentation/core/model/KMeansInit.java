package dev.segmentation.core.model;

/**
 * How k-means chooses its starting centroids.
 *
 * @since 0.1
 */
public enum KMeansInit {
  /**
   * k-means++ (Arthur and Vassilvitskii 2007): the first centroid is an account drawn with probability
   * proportional to its weight, each next one with probability proportional to weight times squared
   * distance to the nearest centroid chosen so far. The default.
   */
  K_MEANS_PLUS_PLUS,
  /**
   * Greedy k-means++ as in scikit-learn: at each step {@code 2 + floor(ln k)} candidates are drawn as in
   * k-means++ and the one that lowers the total weighted squared distance most is kept.
   */
  GREEDY_K_MEANS_PLUS_PLUS,
  /** {@code k} distinct accounts drawn uniformly at random. */
  RANDOM,
  /** Centroids given by the user ({@code KMeans.Builder.initialCentroids}); restarts are pointless. */
  GIVEN
}
