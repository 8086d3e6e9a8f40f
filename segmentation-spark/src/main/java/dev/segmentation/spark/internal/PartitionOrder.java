package dev.segmentation.spark.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Reductions whose result does not depend on task scheduling: every partition computes one partial
 * result, the driver collects the partials and combines them in partition index order.
 *
 * <p>This is the hook for distributed algorithms whose floating-point sums must be reproducible for
 * a given partitioning, for example Lloyd iterations of k-means (per-partition partial sums computed
 * by the single-machine kernel) or dual iterations of coverage allocation (per-partition resource use
 * at the current multipliers). Spark's own {@code reduce}/{@code treeAggregate} combine partials in
 * task completion order, which changes the last bits of a double sum from run to run.
 */
public final class PartitionOrder {

  private PartitionOrder() {}

  /**
   * A per-partition computation.
   *
   * @param <T> the row type
   * @param <R> the partial result type
   */
  @FunctionalInterface
  public interface PartitionFunction<T, R> extends Serializable {
    /**
     * Computes the partial result of one partition.
     *
     * @param partition the partition index
     * @param rows the partition's rows, in order
     * @return the partial result, non-null
     * @throws Exception when the computation fails (Spark reports it with the task)
     */
    R apply(int partition, Iterator<T> rows) throws Exception;
  }

  /**
   * Computes one partial result per partition and returns them in partition index order.
   *
   * @param rdd the rows
   * @param function the per-partition computation
   * @param <T> the row type
   * @param <R> the partial result type (serializable)
   * @return the partials, element {@code i} from partition {@code i}
   */
  public static <T, R> List<R> partials(JavaRDD<T> rdd, PartitionFunction<T, R> function) {
    Function2<Integer, Iterator<T>, Iterator<Tuple2<Integer, R>>> f =
        (index, it) -> Collections.singletonList(new Tuple2<>(index, function.apply(index, it)))
            .iterator();
    List<Tuple2<Integer, R>> collected = rdd.mapPartitionsWithIndex(f, false).collect();
    List<Tuple2<Integer, R>> sorted = new ArrayList<>(collected);
    sorted.sort((a, b) -> Integer.compare(a._1(), b._1()));
    List<R> out = new ArrayList<>(sorted.size());
    for (Tuple2<Integer, R> t : sorted) {
      out.add(t._2());
    }
    return out;
  }

  /**
   * Computes one partial result per partition and folds them in partition index order:
   * {@code combine(...combine(combine(p0, p1), p2)..., pLast)}.
   *
   * @param rdd the rows (at least one partition)
   * @param function the per-partition computation
   * @param combine the combination of two partials, applied on the driver
   * @param <T> the row type
   * @param <R> the partial result type (serializable)
   * @return the combined result
   * @throws IllegalArgumentException when the RDD has no partition
   */
  public static <T, R> R reduce(
      JavaRDD<T> rdd, PartitionFunction<T, R> function, BinaryOperator<R> combine) {
    List<R> parts = partials(rdd, function);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("The dataset has no partition.");
    }
    R acc = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      acc = combine.apply(acc, parts.get(i));
    }
    return acc;
  }
}
