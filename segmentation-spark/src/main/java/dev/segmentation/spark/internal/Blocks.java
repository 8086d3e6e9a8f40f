package dev.segmentation.spark.internal;

import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums over all accounts taken as the single-machine code takes them: per global block of {@link
 * BlockExecutor#BLOCK_ROWS} accounts in account order, blocks added in block order. A partition sums
 * the blocks that begin in it from their first account (to the block's end or the partition's); of a
 * block begun in an earlier partition it returns one term per account, which the driver adds to that
 * running sum in account order. So at most {@code BLOCK_ROWS - 1} accounts per partition send terms.
 */
final class Blocks {

  private Blocks() {}

  /** Adds one account's terms; tells whether it added any. */
  @FunctionalInterface
  interface Terms {
    boolean add(int i, double[] acc);
  }

  /**
   * The pieces of one partition.
   *
   * @param offset index of the partition's first account
   * @param count the partition's accounts
   * @param total all accounts
   * @param width terms per account
   * @param terms the terms of local account {@code i}
   * @return the pieces
   */
  static List<AllocationBlocks.Piece> pieces(int offset, int count, int total, int width,
      Terms terms) {
    List<AllocationBlocks.Piece> out = new ArrayList<>();
    double[] term = new double[width];
    eachRange(offset, count, total, (b, from, to, whole) -> {
      if (whole) {
        double[] acc = new double[width];
        for (int i = from; i < to; i++) {
          terms.add(i - offset, acc);
        }
        out.add(new AllocationBlocks.Piece(b, true, acc));
      } else {
        double[] flat = new double[(to - from) * width];
        int used = 0;
        for (int i = from; i < to; i++) {
          java.util.Arrays.fill(term, 0.0);
          if (terms.add(i - offset, term)) {
            System.arraycopy(term, 0, flat, used, width);
            used += width;
          }
        }
        out.add(new AllocationBlocks.Piece(b, false, java.util.Arrays.copyOf(flat, used)));
      }
    });
    return out;
  }

  /** The part of one global block that lies in a partition. */
  @FunctionalInterface
  private interface Range {
    void accept(int block, int from, int to, boolean whole);
  }

  /**
   * Walks the global blocks a partition's accounts {@code [offset, offset + count)} fall in: for each,
   * the block, its accounts in the partition and whether the block begins in it.
   */
  private static void eachRange(int offset, int count, int total, Range range) {
    if (count == 0) {
      return;
    }
    int rows = BlockExecutor.BLOCK_ROWS;
    int end = offset + count;
    for (int b = offset / rows; b * rows < end; b++) {
      int from = Math.max(b * rows, offset);
      int to = Math.min(Math.min((b + 1) * rows, total), end);
      range.accept(b, from, to, from == b * rows);
    }
  }

  /**
   * Combines the pieces of every partition: block sums, then their sum in block order.
   *
   * @param parts the pieces of each partition, in partition order
   * @param blocks number of global blocks
   * @param width terms per account
   * @return the sums
   */
  static double[] combine(List<List<AllocationBlocks.Piece>> parts, int blocks, int width) {
    double[][] sums = new double[blocks][];
    for (List<AllocationBlocks.Piece> list : parts) {
      for (AllocationBlocks.Piece piece : list) {
        if (piece.complete()) {
          sums[piece.block()] = piece.sums();
        } else {
          double[] acc = sums[piece.block()];
          if (acc == null) {
            acc = new double[width];
            sums[piece.block()] = acc;
          }
          double[] flat = piece.sums();
          for (int t = 0; t < flat.length; t += width) {
            for (int j = 0; j < width; j++) {
              acc[j] += flat[t + j];
            }
          }
        }
      }
    }
    double[] total = new double[width];
    for (double[] acc : sums) {
      if (acc != null) {
        for (int j = 0; j < width; j++) {
          total[j] += acc[j];
        }
      }
    }
    return total;
  }

  /** One account's group and terms; returns the group, or -1 when the account adds nothing. */
  @FunctionalInterface
  interface KeyedTerms {
    int add(int i, double[] term);
  }

  /**
   * The pieces of one partition for sums per group: a block begun here is a dense array ({@code
   * groups * width} sums, then a count per group); a continued block sends {@code (group, width
   * terms)} per contributing account.
   *
   * @param offset index of the partition's first account
   * @param count the partition's accounts
   * @param groups number of groups
   * @param width terms per account
   * @param terms the group and terms of local account {@code i}
   * @return the pieces
   */
  static List<AllocationBlocks.Piece> keyedPieces(int offset, int count, int groups, int width,
      KeyedTerms terms) {
    List<AllocationBlocks.Piece> out = new ArrayList<>();
    double[] term = new double[width];
    eachRange(offset, count, offset + count, (b, from, to, whole) -> {
      if (whole) {
        double[] acc = new double[groups * width + groups];
        for (int i = from; i < to; i++) {
          int g = terms.add(i - offset, term);
          if (g >= 0) {
            for (int j = 0; j < width; j++) {
              acc[g * width + j] += term[j];
            }
            acc[groups * width + g] += 1;
          }
        }
        out.add(new AllocationBlocks.Piece(b, true, acc));
      } else {
        double[] flat = new double[(to - from) * (width + 1)];
        int used = 0;
        for (int i = from; i < to; i++) {
          int g = terms.add(i - offset, term);
          if (g >= 0) {
            flat[used] = g;
            System.arraycopy(term, 0, flat, used + 1, width);
            used += width + 1;
          }
        }
        out.add(new AllocationBlocks.Piece(b, false, java.util.Arrays.copyOf(flat, used)));
      }
    });
    return out;
  }

  /**
   * Combines keyed pieces: per block the dense sums (continued by the accounts' terms in account
   * order), then the blocks in block order.
   *
   * @param parts the pieces of each partition, in partition order
   * @param blocks number of global blocks
   * @param groups number of groups
   * @param width terms per account
   * @return {@code groups * width} sums, then a count per group
   */
  static double[] combineKeyed(List<List<AllocationBlocks.Piece>> parts, int blocks, int groups,
      int width) {
    int size = groups * width + groups;
    double[][] sums = new double[blocks][];
    for (List<AllocationBlocks.Piece> list : parts) {
      for (AllocationBlocks.Piece piece : list) {
        if (piece.complete()) {
          sums[piece.block()] = piece.sums();
        } else {
          double[] acc = sums[piece.block()];
          if (acc == null) {
            acc = new double[size];
            sums[piece.block()] = acc;
          }
          double[] flat = piece.sums();
          for (int t = 0; t < flat.length; t += width + 1) {
            int g = (int) flat[t];
            for (int j = 0; j < width; j++) {
              acc[g * width + j] += flat[t + 1 + j];
            }
            acc[groups * width + g] += 1;
          }
        }
      }
    }
    double[] total = new double[size];
    for (double[] acc : sums) {
      if (acc != null) {
        for (int j = 0; j < size; j++) {
          total[j] += acc[j];
        }
      }
    }
    return total;
  }
}
