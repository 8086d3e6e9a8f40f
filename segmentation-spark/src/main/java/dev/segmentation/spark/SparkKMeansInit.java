package dev.segmentation.spark;

/**
 * How {@link SparkKMeans} chooses its starting centroids.
 *
 * @since 0.1
 */
public enum SparkKMeansInit {
  /**
   * Core's single-machine k-means ({@code KMeans}: k-means++, best of the configured restarts, Lloyd
   * to convergence) on a seeded random sample of the dataset, collected to the driver; its centroids
   * start the distributed Lloyd iterations. The default: cheap, and usually already close to the
   * answer.
   */
  SAMPLE,
  /**
   * k-means|| (Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, "Scalable K-Means++", VLDB 2012)
   * over all rows: one row drawn uniformly, then a few rounds in which every row is drawn
   * independently with probability {@code min(1, l D(x)^2 / phi)} ({@code l} = oversampling times
   * clusters, {@code D} the distance to the nearest candidate, {@code phi} the total cost), then the
   * candidates weighted by the number of rows nearest to them are reduced to {@code k} centroids by
   * weighted k-means++ and Lloyd on the driver. Two passes per round plus two.
   */
  K_MEANS_PARALLEL,
  /** The centroids given with {@link SparkKMeans.Builder#initialCentroids(double[][])}. */
  GIVEN
}
