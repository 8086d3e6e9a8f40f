package dev.segmentation.benchmarks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Generated k-means inputs for {@link KMeansBenchmark} and {@link KMeansQuality}, all from fixed seeds
 * with {@code XO_RO_SHI_RO_128_PP}.
 *
 * <ul>
 *   <li>(a) fixed work: {@link #uniform} points in {@code [0, 1)^d}; with k = 8 and d = 8, 20 Lloyd
 *       iterations never converge, so every library does the same number of iterations;
 *       {@link #givenCentres} draws the common starting centres.
 *   <li>(b) convergence: {@link #blobs}, isotropic Gaussian blobs as scikit-learn's {@code make_blobs}
 *       (centres uniform in {@code [-10, 10]^d}, standard deviation 1, point {@code i} in blob
 *       {@code i mod blobs}).
 * </ul>
 */
final class KMeansWorkloads {

  /** The seed of the benchmark data; {@link KMeansQuality} uses this and the six following. */
  static final long SEED = 20261125L;

  private KMeansWorkloads() {}

  /**
   * Uniform points in the unit cube.
   *
   * @param n rows
   * @param d columns
   * @param seed the seed
   * @return {@code n} rows of {@code d} values
   */
  static double[][] uniform(int n, int d, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int t = 0; t < d; t++) {
        row[t] = rng.nextDouble();
      }
    }
    return x;
  }

  /**
   * Gaussian blobs.
   *
   * @param n rows
   * @param d columns
   * @param blobs number of blobs (the true number of clusters)
   * @param seed the seed
   * @return {@code n} rows of {@code d} values
   */
  static double[][] blobs(int n, int d, int blobs, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] centres = new double[blobs][d];
    for (double[] c : centres) {
      for (int t = 0; t < d; t++) {
        c[t] = -10 + 20 * rng.nextDouble();
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % blobs];
      for (int t = 0; t < d; t++) {
        x[i][t] = c[t] + gauss.sample();
      }
    }
    return x;
  }

  /**
   * {@code k} distinct rows drawn uniformly (partial Fisher-Yates), copied.
   *
   * @param x the data
   * @param k number of centres
   * @param seed the seed
   * @return {@code k} rows
   */
  static double[][] givenCentres(double[][] x, int k, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x5DEECE66DL);
    int n = x.length;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    double[][] c = new double[k][];
    for (int j = 0; j < k; j++) {
      int r = j + rng.nextInt(n - j);
      int tmp = idx[j];
      idx[j] = idx[r];
      idx[r] = tmp;
      c[j] = x[idx[j]].clone();
    }
    return c;
  }

  /**
   * Row-major copy.
   *
   * @param x rows of equal length
   * @return {@code n * d} values
   */
  static double[] flatten(double[][] x) {
    int d = x[0].length;
    double[] flat = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return flat;
  }

  /**
   * Deep copy.
   *
   * @param x rows
   * @return copied rows
   */
  static double[][] copy(double[][] x) {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }
}
