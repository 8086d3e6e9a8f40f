package dev.segmentation.spark.internal;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.DualOracle;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.internal.BlockExecutor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * The distributed pieces of coverage allocation: every partition compiles its accounts into candidate
 * arrays (one {@link Part} per partition, cached by the caller), and every dual evaluation prices the
 * accounts of each partition with the single-machine pricing loop {@link Mckp#price}, returning sums
 * per global block of {@link BlockExecutor#BLOCK_ROWS} accounts (for the part of a block begun in an
 * earlier partition: per-account terms, or the continued running sum in a second job), so that the
 * driver combines them exactly as {@link
 * Mckp#evaluate(double[], double[], BlockExecutor)} does. Jobs carry a description naming the step
 * (for the Spark UI and listeners): {@value #JOB_PREFIX} followed by the step.
 */
public final class AllocationBlocks {

  private AllocationBlocks() {}

  /** Prefix of the description of every job of a distributed allocation solve. */
  public static final String JOB_PREFIX = "segmentation allocation: ";

  /**
   * Runs jobs under a description ({@link #JOB_PREFIX} and the step), restoring the previous one.
   *
   * @param sc the context
   * @param step the step, for example {@code "dual evaluation"}
   * @param jobs the jobs
   * @param <R> the result type
   * @return the result
   */
  public static <R> R described(org.apache.spark.api.java.JavaSparkContext sc, String step,
      java.util.function.Supplier<R> jobs) {
    String key = "spark.job.description";
    String before = sc.getLocalProperty(key);
    sc.setJobDescription(JOB_PREFIX + step);
    try {
      return jobs.get();
    } finally {
      sc.setLocalProperty(key, before);
    }
  }

  private static org.apache.spark.api.java.JavaSparkContext context(JavaRDD<?> rdd) {
    return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(rdd.context());
  }

  /**
   * The compiled accounts of one partition, in partition order.
   *
   * @param n accounts
   * @param ids account ids
   * @param segments segment per account, or {@code null}
   * @param start candidate ranges, {@code n + 1} entries from 0
   * @param option option per candidate
   * @param value objective value per candidate
   * @param gross value without cost per candidate
   * @param cost cost per candidate
   * @param use row use per candidate, {@code m} per candidate
   */
  public record Part(int n, String[] ids, String[] segments, int[] start, int[] option,
      double[] value, double[] gross, double[] cost, double[] use) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Sums of one global block, or the per-account terms of the part of a block a partition holds.
   *
   * @param block the global block index
   * @param complete whether {@code sums} holds one running sum from the block's first account (the
   *     whole block, or its first part when the next partition holds the rest) rather than one array
   *     of terms per account (a part that continues a block begun in an earlier partition)
   * @param sums the running sum, or the terms one account after another (a fixed width each: {@code
   *     m + 2} for the dual)
   */
  public record Piece(int block, boolean complete, double[] sums) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Compiles every partition: one {@link Part} per partition.
   *
   * @param rows the accounts
   * @param problemJson the problem template as JSON (options, limits, response model, locks)
   * @param converter converts row blocks to tables
   * @param segmentIndex field index of the segment column, or -1
   * @param blockSize rows converted together
   * @return the parts (lazy)
   */
  public static JavaRDD<Part> compile(JavaRDD<Row> rows, String problemJson,
      RowBlockConverter converter, int segmentIndex, int blockSize) {
    return rows.mapPartitions(it -> {
      AllocationProblem template = AllocationJson.readProblem(problemJson);
      Builder out = new Builder();
      List<Row> block = new ArrayList<>(blockSize);
      while (it.hasNext()) {
        block.clear();
        while (block.size() < blockSize && it.hasNext()) {
          block.add(it.next());
        }
        AccountTable table = converter.toTable(block);
        String[] segs = new String[block.size()];
        if (segmentIndex >= 0) {
          for (int i = 0; i < segs.length; i++) {
            Row r = block.get(i);
            String s = r.isNullAt(segmentIndex) ? null : String.valueOf(r.get(segmentIndex));
            segs[i] = s == null || s.isEmpty() ? null : s;
          }
        }
        out.add(Compiled.compile(template, table, segs));
      }
      return Collections.singletonList(out.build()).iterator();
    }, true);
  }

  /** Appends compiled blocks. */
  private static final class Builder {
    private final List<String> ids = new ArrayList<>();
    private final List<String> segments = new ArrayList<>();
    private int[] start = new int[] {0};
    private int[] option = new int[0];
    private double[] value = new double[0];
    private double[] gross = new double[0];
    private double[] cost = new double[0];
    private double[] use = new double[0];
    private int cands;

    void add(Compiled c) {
      Mckp p = c.mckp;
      int base = cands;
      int k = p.start[p.n];
      int n0 = ids.size();
      ids.addAll(c.ids);
      segments.addAll(Arrays.asList(c.segmentOf));
      start = Arrays.copyOf(start, n0 + p.n + 1);
      for (int i = 1; i <= p.n; i++) {
        start[n0 + i] = base + p.start[i];
      }
      option = concat(option, p.option, k);
      value = concat(value, p.value, k);
      gross = concat(gross, c.grossValue, k);
      cost = concat(cost, c.cost, k);
      use = concat(use, p.use, k * p.m);
      cands += k;
    }

    private static int[] concat(int[] a, int[] b, int len) {
      int[] out = Arrays.copyOf(a, a.length + len);
      System.arraycopy(b, 0, out, a.length, len);
      return out;
    }

    private static double[] concat(double[] a, double[] b, int len) {
      double[] out = Arrays.copyOf(a, a.length + len);
      System.arraycopy(b, 0, out, a.length, len);
      return out;
    }

    Part build() {
      return new Part(ids.size(), ids.toArray(new String[0]), segments.toArray(new String[0]), start,
          option, value, gross, cost, use);
    }
  }

  /**
   * What the driver learns of a partition before solving: its accounts' ids and segments (the plan
   * lists them) and what the dual's multiplier box needs (the largest value spread of an account and
   * each row's smallest positive use difference between two candidates of an account).
   *
   * @param ids account ids, in partition order
   * @param segments segment per account, or {@code null}
   * @param spread largest {@code max - min} candidate value of an account (0 without accounts)
   * @param minDiff per row, smallest positive use difference ({@code +infinity}: none)
   */
  public record Summary(String[] ids, String[] segments, double spread, double[] minDiff)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Summarises every partition (the first job over the parts: it compiles them).
   *
   * @param parts one part per partition
   * @param m rows
   * @return the summaries, in partition order
   */
  public static List<Summary> summarize(JavaRDD<Part> parts, int m) {
    return described(context(parts), "compile and summarise", () -> PartitionOrder.partials(parts,
        (index, it) -> {
      Part p = it.next();
      double spread = 0;
      double[] minDiff = new double[m];
      Arrays.fill(minDiff, Double.POSITIVE_INFINITY);
      for (int i = 0; i < p.n(); i++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = p.start()[i]; k < p.start()[i + 1]; k++) {
          lo = Math.min(lo, p.value()[k]);
          hi = Math.max(hi, p.value()[k]);
          for (int k2 = k + 1; k2 < p.start()[i + 1]; k2++) {
            for (int r = 0; r < m; r++) {
              double diff = Math.abs(p.use()[k * m + r] - p.use()[k2 * m + r]);
              if (diff > 0) {
                minDiff[r] = Math.min(minDiff[r], diff);
              }
            }
          }
        }
        spread = Math.max(spread, hi - lo);
      }
      return new Summary(p.ids(), p.segments(), spread, minDiff);
    }));
  }

  /**
   * An instance of one account with two candidates whose multiplier box in the dual equals that of
   * all the accounts summarised: values {@code 0} and the largest spread, uses {@code 0} and each
   * row's smallest positive difference. Only its rows and box are read (by the dual and by {@link
   * Mckp#combine}).
   *
   * @param summaries the partitions' summaries
   * @param rhs the solver's right-hand sides
   * @return the instance
   */
  public static Mckp boxShape(List<Summary> summaries, double[] rhs) {
    int m = rhs.length;
    double spread = 0;
    double[] minDiff = new double[m];
    Arrays.fill(minDiff, Double.POSITIVE_INFINITY);
    for (Summary s : summaries) {
      spread = Math.max(spread, s.spread());
      for (int r = 0; r < m; r++) {
        minDiff[r] = Math.min(minDiff[r], s.minDiff()[r]);
      }
    }
    double[] use = new double[2 * m];
    for (int r = 0; r < m; r++) {
      use[m + r] = minDiff[r] == Double.POSITIVE_INFINITY ? 0.0 : minDiff[r];
    }
    return new Mckp(1, m, new int[] {0, 2}, new int[] {0, 0}, new double[] {0.0, spread}, use, rhs);
  }

  /**
   * The right-hand sides the solver works with ({@code Compiled.solverRhs}): a positive limit above
   * twice what all accounts together could use is lowered to {@code total + max(1, total)}, where
   * {@code total} sums each account's largest use in account order. The block sums of one job decide
   * for almost every row that the limit stays; only for a row that may be lowered is {@code total}
   * summed in account order exactly, by one single-task job per partition in partition order (the
   * running sums travel from one partition to the next).
   *
   * @param parts one part per partition
   * @param sizes accounts per partition
   * @param capacity the problem's amount of each row
   * @return the solver's right-hand sides
   */
  public static double[] solverRhs(JavaRDD<Part> parts, int[] sizes, double[] capacity) {
    int m = capacity.length;
    int[] offsets = new int[sizes.length + 1];
    for (int p = 0; p < sizes.length; p++) {
      offsets[p + 1] = offsets[p] + sizes[p];
    }
    int total = offsets[sizes.length];
    List<List<Piece>> pieces = described(context(parts), "largest uses",
        () -> PartitionOrder.partials(parts, (index, it) -> {
          Part p = it.next();
          return Blocks.pieces(offsets[index], p.n(), total, m, (i, acc) -> {
            addMost(p, i, m, acc);
            return true;
          });
        }));
    double[] approx = Blocks.combine(pieces, BlockExecutor.blocks(total), m);
    double[] out = capacity.clone();
    boolean[] exact = new boolean[m];
    boolean any = false;
    for (int r = 0; r < m; r++) {
      double roomy = approx[r] + Math.max(1.0, approx[r]);
      // all terms are >= 0: the block sums are within a relative 1e-9 of the sum in account order
      exact[r] = capacity[r] > 0 && !(Double.isFinite(roomy) && capacity[r] < roomy * (1 - 1e-6));
      any |= exact[r];
    }
    if (!any) {
      return out;
    }
    double[] running = new double[m];
    for (int q = 0; q < sizes.length; q++) {
      if (sizes[q] == 0) {
        continue;
      }
      double[] in = running;
      int only = q;
      running = described(context(parts), "largest uses in account order",
          () -> parts.mapPartitions(it -> {
            Part p = it.next();
            double[] acc = in.clone();
            for (int i = 0; i < p.n(); i++) {
              addMost(p, i, m, acc);
            }
            return Collections.singletonList(acc).iterator();
          }).collectPartitions(new int[] {only})[0].get(0));
    }
    for (int r = 0; r < m; r++) {
      double roomy = running[r] + Math.max(1.0, running[r]);
      if (exact[r] && Double.isFinite(roomy) && capacity[r] > roomy) {
        out[r] = roomy;
      }
    }
    return out;
  }

  /** Adds an account's largest use of each row (at least 0), as {@code Compiled.solverRhs} does. */
  private static void addMost(Part p, int i, int m, double[] acc) {
    for (int r = 0; r < m; r++) {
      double most = 0;
      for (int k = p.start()[i]; k < p.start()[i + 1]; k++) {
        most = Math.max(most, p.use()[k * m + r]);
      }
      acc[r] += most;
    }
  }

  /**
   * Collects the parts, in partition order.
   *
   * @param parts one part per partition
   * @return the parts
   */
  public static List<Part> collect(JavaRDD<Part> parts) {
    return described(context(parts), "collect candidates",
        () -> PartitionOrder.partials(parts, (index, it) -> it.next()));
  }

  /**
   * Bytes of per-account terms per evaluation above which {@link #oracle(JavaRDD, int[], Mckp)}
   * continues split blocks in a second job instead.
   */
  public static final long SECOND_ROUND_BYTES = 256 * 1024;

  /**
   * A dual oracle that prices the accounts where they live: one {@link PartitionOrder#partials} job
   * per evaluation; only the multipliers go out, block sums come back. A block split between
   * partitions is summed from its first account by the partition that begins it; the partition that
   * continues it sends per-account terms, or, when these would exceed {@link #SECOND_ROUND_BYTES} in
   * all, continues the running sum it receives in a second job (one more job per evaluation, {@code
   * 8 (m + 2)} bytes per split block instead of per account).
   *
   * @param parts one cached part per partition
   * @param sizes accounts per partition, in partition order
   * @param full an instance with the rows (it combines the sums)
   * @return the oracle
   */
  public static DualOracle oracle(JavaRDD<Part> parts, int[] sizes, Mckp full) {
    return oracle(parts, sizes, full, SECOND_ROUND_BYTES);
  }

  /**
   * The oracle of {@link #oracle(JavaRDD, int[], Mckp)} with a given threshold of the second round.
   *
   * @param parts one cached part per partition
   * @param sizes accounts per partition, in partition order
   * @param full an instance with the rows (it combines the sums)
   * @param secondRoundBytes bytes of per-account terms above which split blocks are continued in a
   *     second job (0: always, when a partition continues a block and goes on past its end)
   * @return the oracle
   */
  public static DualOracle oracle(JavaRDD<Part> parts, int[] sizes, Mckp full,
      long secondRoundBytes) {
    int[] offsets = new int[sizes.length + 1];
    for (int p = 0; p < sizes.length; p++) {
      offsets[p + 1] = offsets[p] + sizes[p];
    }
    int total = offsets[sizes.length];
    int m = full.m;
    int blockRows = BlockExecutor.BLOCK_ROWS;
    // the head of a partition: the accounts before its first block start (a block begun earlier);
    // a partition that goes on past that block may continue it in a second round
    int[] head = new int[sizes.length];
    long continued = 0;
    for (int p = 0; p < sizes.length; p++) {
      int off = offsets[p];
      int blockEnd = Math.min((off / blockRows + 1) * blockRows, total);
      if (sizes[p] > 0 && off % blockRows != 0 && offsets[p + 1] > blockEnd) {
        head[p] = blockEnd - off;
        continued += head[p];
      }
    }
    boolean twoRounds = continued > 0 && continued * 8L * (m + 2) > secondRoundBytes;
    int[] skip = twoRounds ? head : new int[sizes.length];
    org.apache.spark.api.java.JavaSparkContext sc = context(parts);
    return (lambda, tie) -> {
      List<List<Piece>> pieces = described(sc, "dual evaluation", () -> PartitionOrder.partials(
          parts, (index, it) -> price(it.next(), offsets[index], total, m, blockRows, lambda, tie,
              skip[index])));
      double[][] sums = new double[BlockExecutor.blocks(total)][];
      for (List<Piece> list : pieces) {
        for (Piece piece : list) {
          if (piece.complete()) {
            sums[piece.block()] = piece.sums();
          } else {
            double[] acc = sums[piece.block()];
            if (acc == null) {
              acc = new double[m + 2];
              sums[piece.block()] = acc;
            }
            double[] terms = piece.sums();
            for (int t = 0; t < terms.length; t += m + 2) {
              for (int j = 0; j < m + 2; j++) {
                acc[j] += terms[t + j];
              }
            }
          }
        }
      }
      if (twoRounds) {
        // the heads continue the running sums of their blocks (begun, and perhaps continued by
        // partitions inside the block, in the first round)
        double[][] incoming = new double[sizes.length][];
        for (int p = 0; p < sizes.length; p++) {
          if (head[p] > 0) {
            incoming[p] = sums[offsets[p] / blockRows];
          }
        }
        List<double[]> heads = described(sc, "dual evaluation, split blocks",
            () -> PartitionOrder.partials(parts, (index, it) -> {
              if (incoming[index] == null) {
                return null;
              }
              Part part = it.next();
              Mckp local = new Mckp(part.n(), m, part.start(), part.option(), part.value(),
                  part.use(), new double[m]);
              double[] acc = incoming[index].clone();
              local.price(0, head[index], lambda, tie, null, 0, acc);
              return acc;
            }));
        for (int p = 0; p < sizes.length; p++) {
          if (head[p] > 0) {
            sums[offsets[p] / blockRows] = heads.get(p);
          }
        }
      }
      for (int b = 0; b < sums.length; b++) {
        if (sums[b] == null) {
          sums[b] = new double[m + 2];
        }
      }
      return full.combine(lambda, Arrays.asList(sums));
    };
  }

  private static List<Piece> price(Part part, int offset, int total, int m, int blockRows,
      double[] lambda, double[] tie, int skip) {
    List<Piece> out = new ArrayList<>();
    if (part.n() == 0) {
      return out;
    }
    Mckp local = new Mckp(part.n(), m, part.start(), part.option(), part.value(), part.use(),
        new double[m]);
    int end = offset + part.n();
    for (int b = (offset + skip) / blockRows; b * blockRows < end; b++) {
      int from = Math.max(b * blockRows, offset + skip);
      int to = Math.min(Math.min((b + 1) * blockRows, total), end);
      // a piece from the block's first account is a running sum from zero, as on one machine
      boolean whole = from == b * blockRows;
      if (whole) {
        double[] acc = new double[m + 2];
        local.price(from - offset, to - offset, lambda, tie, null, 0, acc);
        out.add(new Piece(b, true, acc));
      } else {
        double[] terms = new double[(to - from) * (m + 2)];
        double[] term = new double[m + 2];
        for (int i = from; i < to; i++) {
          java.util.Arrays.fill(term, 0.0);
          local.price(i - offset, i - offset + 1, lambda, tie, null, 0, term);
          System.arraycopy(term, 0, terms, (i - from) * (m + 2), m + 2);
        }
        out.add(new Piece(b, false, terms));
      }
    }
    return out;
  }
}
