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
 * per global block of {@link BlockExecutor#BLOCK_ROWS} accounts (or per-account terms for the blocks a
 * partition shares with its neighbours), so that the driver combines them exactly as {@link
 * Mckp#evaluate(double[], double[], BlockExecutor)} does.
 */
public final class AllocationBlocks {

  private AllocationBlocks() {}

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
   * @param complete whether {@code sums} holds the whole block's sums (one array) rather than one
   *     array of terms per account
   * @param sums the sums ({@code m + 2} each)
   */
  public record Piece(int block, boolean complete, double[][] sums) implements Serializable {
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
   * Collects the parts, in partition order.
   *
   * @param parts one part per partition
   * @return the parts
   */
  public static List<Part> collect(JavaRDD<Part> parts) {
    return PartitionOrder.partials(parts, (index, it) -> it.next());
  }

  /**
   * A dual oracle that prices the accounts where they live: one {@link PartitionOrder#partials} job
   * per evaluation; only the multipliers go out, block sums come back.
   *
   * @param parts one cached part per partition
   * @param sizes accounts per partition, in partition order
   * @param full the whole instance on the driver (its rows combine the sums)
   * @return the oracle
   */
  public static DualOracle oracle(JavaRDD<Part> parts, int[] sizes, Mckp full) {
    int[] offsets = new int[sizes.length + 1];
    for (int p = 0; p < sizes.length; p++) {
      offsets[p + 1] = offsets[p] + sizes[p];
    }
    int total = offsets[sizes.length];
    int m = full.m;
    int blockRows = BlockExecutor.BLOCK_ROWS;
    return (lambda, tie) -> {
      List<List<Piece>> pieces = PartitionOrder.partials(parts,
          (index, it) -> price(it.next(), offsets[index], total, m, blockRows, lambda, tie));
      double[][] sums = new double[BlockExecutor.blocks(total)][];
      for (List<Piece> list : pieces) {
        for (Piece piece : list) {
          if (piece.complete()) {
            sums[piece.block()] = piece.sums()[0];
          } else {
            double[] acc = sums[piece.block()];
            if (acc == null) {
              acc = new double[m + 2];
              sums[piece.block()] = acc;
            }
            for (double[] term : piece.sums()) {
              for (int j = 0; j < m + 2; j++) {
                acc[j] += term[j];
              }
            }
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
      double[] lambda, double[] tie) {
    List<Piece> out = new ArrayList<>();
    if (part.n() == 0) {
      return out;
    }
    Mckp local = new Mckp(part.n(), m, part.start(), part.option(), part.value(), part.use(),
        new double[m]);
    int end = offset + part.n();
    for (int b = offset / blockRows; b * blockRows < end; b++) {
      int from = Math.max(b * blockRows, offset);
      int to = Math.min(Math.min((b + 1) * blockRows, total), end);
      boolean whole = from == b * blockRows && to == Math.min((b + 1) * blockRows, total);
      if (whole) {
        double[] acc = new double[m + 2];
        local.price(from - offset, to - offset, lambda, tie, null, 0, acc);
        out.add(new Piece(b, true, new double[][] {acc}));
      } else {
        double[][] terms = new double[to - from][m + 2];
        for (int i = from; i < to; i++) {
          local.price(i - offset, i - offset + 1, lambda, tie, null, 0, terms[i - from]);
        }
        out.add(new Piece(b, false, terms));
      }
    }
    return out;
  }
}
