package dev.segmentation.spark.internal;

import dev.segmentation.core.criteria.QuantileMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Exact sample quantiles of a distributed column with the definitions of {@link QuantileMethod}.
 *
 * <p>The Hyndman-Fan estimate of {@code Q(p)} depends only on {@code n} and at most two order
 * statistics. The positions and the interpolation are delegated to the same Commons Statistics
 * {@code Quantile} the single-machine {@code QuantileMethod} uses (its sorted-values entry point,
 * called once to learn which ranks are read and once with their values), so the results are the same
 * doubles. The order statistics come from a distributed sort in {@link Double#compare} order (as
 * {@link java.util.Arrays#sort(double[])}: {@code -0.0} before {@code 0.0}) and a rank lookup.
 */
public final class ExactQuantiles {

  private ExactQuantiles() {}

  /**
   * Computes quantiles of the first column of a dataset of non-missing doubles.
   *
   * @param values one {@code double} column without {@code null} or {@code NaN}
   * @param n the number of values, {@code >= 1}
   * @param method the quantile definition
   * @param probabilities probabilities in {@code [0, 1]}
   * @return one quantile per probability
   */
  public static double[] quantiles(
      Dataset<Row> values, int n, QuantileMethod method, double[] probabilities) {
    Quantile q = estimator(method);
    TreeSet<Integer> ranks = new TreeSet<>();
    q.evaluate(n, i -> {
      ranks.add(i);
      return 0.0;
    }, probabilities);
    Map<Integer, Double> stats = orderStatistics(values.javaRDD().map(r -> r.getDouble(0)), ranks);
    return q.evaluate(n, stats::get, probabilities);
  }

  /**
   * Returns the Commons Statistics estimator of a method.
   *
   * @param method the method
   * @return the estimator ({@code TYPE_n} is {@code HFn})
   */
  static Quantile estimator(QuantileMethod method) {
    Quantile.EstimationMethod hf =
        Quantile.EstimationMethod.valueOf("HF" + method.name().substring("TYPE_".length()));
    return Quantile.withDefaults().with(hf);
  }

  /**
   * Looks up order statistics by 0-based rank.
   *
   * @param values the values, no {@code NaN}
   * @param ranks the ranks wanted, each in {@code [0, n)}
   * @return the value of each rank
   */
  static Map<Integer, Double> orderStatistics(JavaRDD<Double> values, TreeSet<Integer> ranks) {
    long[] wanted = ranks.stream().mapToLong(Integer::longValue).toArray();
    JavaRDD<Double> sorted = values.sortBy(x -> x, true, values.getNumPartitions());
    JavaPairRDD<Double, Long> indexed = sorted.zipWithIndex();
    List<Tuple2<Double, Long>> hits = indexed
        .filter(t -> java.util.Arrays.binarySearch(wanted, t._2()) >= 0)
        .collect();
    Map<Integer, Double> out = new HashMap<>();
    for (Tuple2<Double, Long> t : hits) {
      out.put(t._2().intValue(), t._1());
    }
    if (out.size() != wanted.length) {
      throw new IllegalStateException("Expected " + wanted.length + " order statistics, found "
          + out.size() + "; the dataset changed between Spark jobs (cache it before fitting).");
    }
    return out;
  }
}
