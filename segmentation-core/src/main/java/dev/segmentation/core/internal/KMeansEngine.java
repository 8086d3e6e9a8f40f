package dev.segmentation.core.internal;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The numeric core of k-means: k-means++ seeding and exact Lloyd iterations, plain or accelerated with
 * Hamerly's bounds, on a flat row-major {@code double[]} (distance and per-block sums in
 * {@link KMeansKernel}). No I/O and no per-point allocation; work is
 * split into fixed blocks of {@link BlockExecutor#BLOCK_ROWS} rows whose partial sums are combined in
 * block order, so results are bit-identical for any number of threads.
 *
 * <p>Distances are Euclidean; the objective (inertia) is {@code sum_i w_i ||x_i - c_{l(i)}||^2}.
 * Ties between equally distant centres go to the lowest centre index.
 */
public final class KMeansEngine {

  /**
   * Relative padding of Hamerly's bounds: a point skips its distance computations only when its upper
   * bound is below the pruning threshold by this margin, so rounding never changes a label compared to
   * plain Lloyd.
   */
  static final double BOUND_MARGIN = 1e-10;

  /** A stop check that never fires. */
  private static final BooleanSupplier NEVER = () -> false;

  private KMeansEngine() {}

  /** Which Lloyd variant to run. */
  public enum Variant {
    /** Every distance computed every iteration. */
    LLOYD,
    /** Hamerly (2010): one upper and one lower bound per point prune most distance computations. */
    HAMERLY
  }

  /**
   * The input of the engine.
   *
   * @param x row-major features, {@code n * d} finite values
   * @param n number of rows
   * @param d number of columns
   * @param w per-row weights ({@code >= 0}, finite), or {@code null} for unit weights
   */
  public record Data(double[] x, int n, int d, double[] w) {
    double weight(int i) {
      return w == null ? 1.0 : w[i];
    }
  }

  /**
   * The outcome of one run.
   *
   * @param centers final centres, {@code k * d} row-major
   * @param labels final label of each row, consistent with {@code centers} (nearest, lowest index)
   * @param inertia weighted sum of squared distances to the assigned centres
   * @param iterations number of centre updates performed
   * @param converged whether the labels stopped changing or the centre shift fell below tolerance
   * @param inertiaTrace inertia after each assignment step (only when requested, else empty)
   * @param emptyRepairs number of times an empty cluster was re-seeded
   */
  public record Result(
      double[] centers,
      int[] labels,
      double inertia,
      int iterations,
      boolean converged,
      double[] inertiaTrace,
      int emptyRepairs) {}

  /**
   * Thrown when k-means++ finds fewer distinct points than centres.
   */
  public static final class TooFewDistinctPoints extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Number of centres that could be placed at distinct points. */
    public final int distinct;

    TooFewDistinctPoints(int distinct) {
      super("only " + distinct + " distinct points");
      this.distinct = distinct;
    }
  }

  /** Thrown when the stop check fires during seeding or inside a pass of an abandonable Lloyd run. */
  public static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the signal (no stack trace). */
    public Stopped() {
      super("stopped during seeding", null, false, false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding

  /**
   * k-means++ seeding (Arthur and Vassilvitskii 2007), weighted: the first centre is drawn with
   * probability proportional to {@code w_i}, each next one proportional to {@code w_i D(x_i)^2}. With
   * {@code candidates > 1}, the greedy variant of scikit-learn: draw that many candidates per step and
   * keep the one that lowers the potential most (ties: first drawn).
   *
   * @param data the points
   * @param k number of centres
   * @param candidates candidates per step (1 = plain k-means++)
   * @param rng the random source of this restart
   * @param exec block executor
   * @return {@code k * d} centres
   * @throws TooFewDistinctPoints when the weighted points have fewer than {@code k} distinct values
   */
  public static double[] kMeansPlusPlus(
      Data data, int k, int candidates, UniformRandomProvider rng, BlockExecutor exec) {
    return kMeansPlusPlus(data, k, candidates, rng, exec, NEVER);
  }

  /**
   * k-means++ seeding as {@link #kMeansPlusPlus(Data, int, int, UniformRandomProvider, BlockExecutor)},
   * polling {@code stop} before each centre.
   *
   * @param data the points
   * @param k number of centres
   * @param candidates candidates per step (1 = plain k-means++)
   * @param rng the random source of this restart
   * @param exec block executor
   * @param stop polled before each centre; {@code true} aborts the seeding
   * @return {@code k * d} centres
   * @throws TooFewDistinctPoints when the weighted points have fewer than {@code k} distinct values
   * @throws Stopped when {@code stop} returned {@code true}
   */
  public static double[] kMeansPlusPlus(
      Data data, int k, int candidates, UniformRandomProvider rng, BlockExecutor exec,
      BooleanSupplier stop) {
    if (stop.getAsBoolean()) {
      throw new Stopped();
    }
    int n = data.n();
    int d = data.d();
    double[] x = data.x();
    double[] centers = new double[k * d];
    int blocks = BlockExecutor.blocks(n);
    double[] blockSum = new double[blocks];
    // first centre: proportional to weight
    double[] unit = new double[n];
    for (int i = 0; i < n; i++) {
      unit[i] = data.weight(i);
    }
    double totalW = blockSums(unit, null, n, blockSum);
    if (!(totalW > 0)) {
      throw new IllegalArgumentException("k-means needs a positive total weight.");
    }
    int first = sample(unit, null, n, blockSum, totalW, rng.nextDouble());
    System.arraycopy(x, first * d, centers, 0, d);
    double[] d2 = new double[n];
    exec.run(blocks, b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      for (int i = from; i < to; i++) {
        d2[i] = dist2(x, i * d, centers, 0, d);
      }
    });
    double[] cand = new double[d];
    double[] candD2 = candidates > 1 ? new double[n] : null;
    double[] bestD2 = candidates > 1 ? new double[n] : null;
    for (int c = 1; c < k; c++) {
      if (stop.getAsBoolean()) {
        throw new Stopped();
      }
      double pot = blockSums(d2, data.w(), n, blockSum);
      if (!(pot > 0)) {
        throw new TooFewDistinctPoints(c);
      }
      if (candidates <= 1) {
        int pick = sample(d2, data.w(), n, blockSum, pot, rng.nextDouble());
        System.arraycopy(x, pick * d, centers, c * d, d);
        updateMin(data, d2, centers, c, exec, null);
      } else {
        double bestPot = Double.POSITIVE_INFINITY;
        int[] picks = new int[candidates];
        for (int t = 0; t < candidates; t++) {
          picks[t] = sample(d2, data.w(), n, blockSum, pot, rng.nextDouble());
        }
        double[] candBlock = new double[blocks];
        for (int t = 0; t < candidates; t++) {
          System.arraycopy(x, picks[t] * d, cand, 0, d);
          double[] cd = candD2;
          exec.run(blocks, b -> {
            int from = b * BlockExecutor.BLOCK_ROWS;
            int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
            double s = 0;
            for (int i = from; i < to; i++) {
              double v = Math.min(d2[i], dist2(x, i * d, cand, 0, d));
              cd[i] = v;
              s += data.weight(i) * v;
            }
            candBlock[b] = s;
          });
          double p = 0;
          for (double s : candBlock) {
            p += s;
          }
          if (p < bestPot) {
            bestPot = p;
            System.arraycopy(cand, 0, centers, c * d, d);
            System.arraycopy(cd, 0, bestD2, 0, n);
          }
        }
        System.arraycopy(bestD2, 0, d2, 0, n);
      }
    }
    return centers;
  }

  /**
   * Picks {@code k} distinct rows uniformly at random (partial Fisher–Yates) as centres.
   *
   * @param data the points
   * @param k number of centres, {@code <= n}
   * @param rng the random source
   * @return {@code k * d} centres
   */
  public static double[] randomRows(Data data, int k, UniformRandomProvider rng) {
    int n = data.n();
    int d = data.d();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    double[] centers = new double[k * d];
    for (int c = 0; c < k; c++) {
      int j = c + rng.nextInt(n - c);
      int tmp = idx[c];
      idx[c] = idx[j];
      idx[j] = tmp;
      System.arraycopy(data.x(), idx[c] * d, centers, c * d, d);
    }
    return centers;
  }

  private static void updateMin(
      Data data, double[] d2, double[] centers, int c, BlockExecutor exec, double[] unused) {
    int n = data.n();
    int d = data.d();
    double[] x = data.x();
    exec.run(BlockExecutor.blocks(n), b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      for (int i = from; i < to; i++) {
        double v = dist2(x, i * d, centers, c * d, d);
        if (v < d2[i]) {
          d2[i] = v;
        }
      }
    });
  }

  /** Fills per-block sums of {@code v[i] * w[i]} and returns their total, summed in block order. */
  private static double blockSums(double[] v, double[] w, int n, double[] blockSum) {
    double total = 0;
    for (int b = 0; b < blockSum.length; b++) {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      double s = 0;
      for (int i = from; i < to; i++) {
        s += w == null ? v[i] : w[i] * v[i];
      }
      blockSum[b] = s;
      total += s;
    }
    return total;
  }

  /** Draws row i with probability v[i] w[i] / total, by a scan in row order. */
  private static int sample(
      double[] v, double[] w, int n, double[] blockSum, double total, double u) {
    double target = u * total;
    double acc = 0;
    int last = -1;
    for (int b = 0; b < blockSum.length; b++) {
      if (acc + blockSum[b] <= target && b < blockSum.length - 1) {
        acc += blockSum[b];
        continue;
      }
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      for (int i = from; i < to; i++) {
        double p = w == null ? v[i] : w[i] * v[i];
        if (p > 0) {
          last = i;
          acc += p;
          if (acc > target) {
            return i;
          }
        }
      }
    }
    if (last >= 0) {
      return last;
    }
    for (int i = n - 1; i >= 0; i--) {
      if ((w == null ? v[i] : w[i] * v[i]) > 0) {
        return i;
      }
    }
    throw new IllegalStateException("no row with positive probability");
  }

  // ---------------------------------------------------------------------------------------------
  // Lloyd iterations

  /**
   * Runs Lloyd iterations from the given centres until the labels stop changing, the squared centre
   * shift {@code sum_j ||c_j - c'_j||^2} is at most {@code shiftTolerance}, or {@code maxIterations}
   * centre updates were made. Labels of the result are always the nearest centres of the returned
   * centres.
   *
   * <p>An empty cluster is re-seeded at the point farthest from its assigned centre (ties: lowest row)
   * among clusters with at least two points; when every point sits on its centre, the empty cluster
   * keeps its previous centre.
   *
   * <p><b>Centre sums.</b> Each block of rows keeps its per-cluster weighted sums from one iteration
   * to the next: an assignment step subtracts a row that changed cluster from its old cluster's sums
   * and adds it to the new one's (in row order), so an iteration near convergence reads only the rows
   * that changed cluster; a block's sums of a cluster that lost its last row of positive weight are
   * reset to exactly 0. The update that ends the run (the last allowed one, one within the shift
   * tolerance, or one after which no label changed) is summed afresh from the labels in row order;
   * in the last case the labels are checked once more against the freshly summed centres (not
   * counted as an iteration). So the returned centres are the exact block-ordered means of their
   * clusters, as when every update is summed afresh, while intermediate centres may differ from a
   * fresh summation in the last bits. Both variants take the same steps and combine block sums in
   * block order, so from the same start they give the same labels and centres to the bit, for any
   * number of threads.
   *
   * @param data the points
   * @param init initial centres, {@code k * d}; not modified
   * @param k number of centres
   * @param maxIterations maximum number of centre updates, {@code >= 0}
   * @param shiftTolerance absolute tolerance on the squared centre shift ({@code 0} = run until the
   *     labels are stable)
   * @param variant plain Lloyd or Hamerly
   * @param trace whether to record the inertia after every assignment step (costs one pass each)
   * @param exec block executor
   * @return the result
   */
  public static Result lloyd(
      Data data, double[] init, int k, int maxIterations, double shiftTolerance, Variant variant,
      boolean trace, BlockExecutor exec) {
    return lloyd(data, init, k, maxIterations, shiftTolerance, variant, trace, exec, NEVER, false);
  }

  /**
   * Lloyd iterations as {@link #lloyd(Data, double[], int, int, double, Variant, boolean,
   * BlockExecutor)}, polling {@code stop} before each iteration. When it returns {@code true} the run
   * ends with the current centres and their nearest-centre labels ({@code converged} false); the
   * returned centres are then the means of the previous labels, possibly from incrementally updated
   * sums. A {@code stop} that never fires gives the same result to the bit as the other overload.
   *
   * @param data the points
   * @param init initial centres, {@code k * d}; not modified
   * @param k number of centres
   * @param maxIterations maximum number of centre updates, {@code >= 0}
   * @param shiftTolerance absolute tolerance on the squared centre shift
   * @param variant plain Lloyd or Hamerly
   * @param trace whether to record the inertia after every assignment step
   * @param exec block executor
   * @param stop polled before each iteration; {@code true} ends the run
   * @param abandon whether {@code stop} is also polled before every block of every assignment pass
   *     (from the executor's threads, so it must then be thread-safe); when it fires there, the run is
   *     abandoned with {@link Stopped} (use it when the caller has a result to fall back on)
   * @return the result
   * @throws Stopped when {@code abandon} is set and {@code stop} fired inside a pass
   */
  public static Result lloyd(
      Data data, double[] init, int k, int maxIterations, double shiftTolerance, Variant variant,
      boolean trace, BlockExecutor exec, BooleanSupplier stop, boolean abandon) {
    BooleanSupplier abort = abandon ? stop : null;
    int n = data.n();
    int d = data.d();
    int blocks = BlockExecutor.blocks(n);
    double[] centers = init.clone();
    int[] labels = new int[n];
    double[] upper = new double[n];
    double[] lower = new double[n];
    double[][] sums = new double[blocks][k * d];
    double[][] wsums = new double[blocks][k];
    int[][] members = new int[blocks][k];
    int[] changed = new int[blocks];
    double[] half = new double[k];
    double[] delta = new double[k];
    double[] traceValues = new double[maxIterations + 1];
    int traced = 0;
    double[][] scratch = new double[blocks][];

    // initial assignment: full scan, sums from scratch
    exec.run(blocks, b -> {
      checkAbort(abort);
      changed[b] = fullAssign(data, centers, k, b, labels, upper, lower, sums[b], wsums[b],
          members[b], scratch(scratch, b, k), true);
    });
    if (trace) {
      traceValues[traced++] = inertia(data, centers, labels, exec);
    }
    int iterations = 0;
    boolean converged = false;
    int repairs = 0;
    double[] next = new double[k * d];
    double[] totalW = new double[k];
    double[] shiftOut = new double[3];
    int[] maxIdx = new int[1];
    while (iterations < maxIterations) {
      if (stop.getAsBoolean()) {
        break;
      }
      // M-step: reduce the block sums in block order; the last update is summed afresh
      boolean fresh = iterations + 1 == maxIterations;
      if (fresh) {
        freshSums(data, labels, k, sums, wsums, members, exec, abort);
      }
      boolean anyEmpty = centres(sums, wsums, centers, k, d, next, totalW);
      if (anyEmpty) {
        repairs += repairEmpty(data, next, k, totalW, labels, upper, lower, sums, wsums, members,
            exec);
      }
      double shift = shifts(centers, next, k, d, delta, shiftOut, maxIdx);
      if (!fresh && !anyEmpty && shift <= shiftTolerance) {
        // this update ends the run: redo it from fresh sums
        fresh = true;
        freshSums(data, labels, k, sums, wsums, members, exec, abort);
        centres(sums, wsums, centers, k, d, next, totalW);
        shift = shifts(centers, next, k, d, delta, shiftOut, maxIdx);
      }
      iterations++;
      System.arraycopy(next, 0, centers, 0, k * d);
      int totalChanged = assign(data, centers, k, variant, labels, upper, lower, half, delta,
          shiftOut[1], shiftOut[2], maxIdx[0], sums, wsums, members, scratch, changed, exec, abort);
      if (trace) {
        traceValues[traced++] = inertia(data, centers, labels, exec);
      }
      if (totalChanged == 0 && !anyEmpty && !fresh) {
        // labels are stable under centres from updated sums: recompute the centres from fresh sums
        // (the same update, exactly summed) and check the labels once more
        freshSums(data, labels, k, sums, wsums, members, exec, abort);
        centres(sums, wsums, centers, k, d, next, totalW);
        shift = shifts(centers, next, k, d, delta, shiftOut, maxIdx);
        System.arraycopy(next, 0, centers, 0, k * d);
        fresh = true;
        totalChanged = assign(data, centers, k, variant, labels, upper, lower, half, delta,
            shiftOut[1], shiftOut[2], maxIdx[0], sums, wsums, members, scratch, changed, exec, abort);
      }
      if (totalChanged == 0 && !anyEmpty) {
        converged = true;
        break;
      }
      if (shift <= shiftTolerance && !anyEmpty) {
        converged = true;
        break;
      }
    }
    double finalInertia = inertia(data, centers, labels, exec);
    return new Result(centers, labels, finalInertia, iterations, converged,
        trace ? Arrays.copyOf(traceValues, traced) : new double[0], repairs);
  }

  /**
   * Centres from the block sums added in block order; an empty cluster keeps its centre from
   * {@code old}. Returns whether a cluster was empty.
   */
  private static boolean centres(
      double[][] sums, double[][] wsums, double[] old, int k, int d, double[] next,
      double[] totalW) {
    Arrays.fill(next, 0.0);
    Arrays.fill(totalW, 0.0);
    for (int b = 0; b < sums.length; b++) {
      double[] s = sums[b];
      double[] ws = wsums[b];
      for (int j = 0; j < k; j++) {
        totalW[j] += ws[j];
      }
      for (int t = 0; t < s.length; t++) {
        next[t] += s[t];
      }
    }
    boolean anyEmpty = false;
    for (int j = 0; j < k; j++) {
      if (totalW[j] > 0) {
        double inv = 1.0 / totalW[j];
        for (int t = 0; t < d; t++) {
          next[j * d + t] *= inv;
        }
      } else {
        anyEmpty = true;
        System.arraycopy(old, j * d, next, j * d, d);
      }
    }
    return anyEmpty;
  }

  /**
   * Centre shifts: {@code delta[j] = ||c_j - c'_j||}; {@code out} receives the total squared shift,
   * the largest and the second largest shift, {@code maxIdx[0]} the index of the largest.
   */
  private static double shifts(
      double[] centers, double[] next, int k, int d, double[] delta, double[] out, int[] maxIdx) {
    double shift = 0;
    double maxDelta = 0;
    double secondDelta = 0;
    int maxDeltaIdx = -1;
    for (int j = 0; j < k; j++) {
      double s2 = dist2(centers, j * d, next, j * d, d);
      shift += s2;
      delta[j] = Math.sqrt(s2);
      if (delta[j] > maxDelta) {
        secondDelta = maxDelta;
        maxDelta = delta[j];
        maxDeltaIdx = j;
      } else if (delta[j] > secondDelta) {
        secondDelta = delta[j];
      }
    }
    out[0] = shift;
    out[1] = maxDelta;
    out[2] = secondDelta;
    maxIdx[0] = maxDeltaIdx;
    return shift;
  }

  /** One assignment step with the given centres; returns the number of rows that changed cluster. */
  private static int assign(
      Data data, double[] centers, int k, Variant variant, int[] labels, double[] upper,
      double[] lower, double[] half, double[] delta, double maxDelta, double secondDelta,
      int maxDeltaIdx, double[][] sums, double[][] wsums, int[][] members, double[][] scratch,
      int[] changed, BlockExecutor exec, BooleanSupplier abort) {
    int blocks = sums.length;
    if (variant == Variant.HAMERLY) {
      halfMinCenterDistances(centers, k, data.d(), half);
      exec.run(blocks, b -> {
        checkAbort(abort);
        changed[b] = hamerlyAssign(data, centers, k, b, labels, upper, lower, half, delta, maxDelta,
            secondDelta, maxDeltaIdx, sums[b], wsums[b], members[b], scratch(scratch, b, k));
      });
    } else {
      exec.run(blocks, b -> {
        checkAbort(abort);
        changed[b] = fullAssign(data, centers, k, b, labels, upper, lower, sums[b], wsums[b],
            members[b], scratch(scratch, b, k), false);
      });
    }
    int total = 0;
    for (int c : changed) {
      total += c;
    }
    return total;
  }

  /** Rebuilds every block's sums from its labels (the same sums as the first assignment's). */
  private static void freshSums(
      Data data, int[] labels, int k, double[][] sums, double[][] wsums, int[][] members,
      BlockExecutor exec, BooleanSupplier abort) {
    int n = data.n();
    int d = data.d();
    double[] x = data.x();
    double[] w = data.w();
    exec.run(sums.length, b -> {
      checkAbort(abort);
      double[] s = sums[b];
      double[] ws = wsums[b];
      int[] mem = members[b];
      Arrays.fill(s, 0.0);
      Arrays.fill(ws, 0.0);
      Arrays.fill(mem, 0);
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      for (int i = from; i < to; i++) {
        double wi = w == null ? 1.0 : w[i];
        KMeansKernel.add(x, i, d, wi, labels[i], s, ws);
        if (wi > 0) {
          mem[labels[i]]++;
        }
      }
    });
  }

  /** Throws {@link Stopped} when an abort check is given and fires. */
  private static void checkAbort(BooleanSupplier abort) {
    if (abort != null && abort.getAsBoolean()) {
      throw new Stopped();
    }
  }

  /** The distance scratch of block {@code b} (one array per block, so threads never share one). */
  private static double[] scratch(double[][] scratch, int b, int k) {
    double[] s = scratch[b];
    if (s == null) {
      s = new double[k];
      scratch[b] = s;
    }
    return s;
  }

  /**
   * Nearest centre of every row of a block, with Hamerly bounds set. With {@code initial} the block's
   * sums are built from scratch, otherwise only rows that changed cluster move between the sums.
   */
  private static int fullAssign(
      Data data, double[] centers, int k, int b, int[] labels, double[] upper, double[] lower,
      double[] sums, double[] wsums, int[] members, double[] dist, boolean initial) {
    int n = data.n();
    int d = data.d();
    double[] x = data.x();
    double[] w = data.w();
    int from = b * BlockExecutor.BLOCK_ROWS;
    int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
    int changed = 0;
    for (int i = from; i < to; i++) {
      KMeansKernel.distances(x, i * d, d, centers, k, dist);
      double best = Double.POSITIVE_INFINITY;
      double second = Double.POSITIVE_INFINITY;
      int arg = 0;
      for (int j = 0; j < k; j++) {
        double v = dist[j];
        if (v < best) {
          second = best;
          best = v;
          arg = j;
        } else if (v < second) {
          second = v;
        }
      }
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(second);
      double wi = w == null ? 1.0 : w[i];
      if (initial) {
        changed++;
        labels[i] = arg;
        KMeansKernel.add(x, i, d, wi, arg, sums, wsums);
        if (wi > 0) {
          members[arg]++;
        }
      } else if (labels[i] != arg) {
        changed++;
        move(x, i, d, wi, labels[i], arg, sums, wsums, members);
        labels[i] = arg;
      }
    }
    return changed;
  }

  /**
   * Moves row {@code i} from cluster {@code from} to cluster {@code to} in its block's sums. A
   * cluster left without rows of positive weight gets sums of exactly 0 (no rounding residue).
   */
  private static void move(
      double[] x, int i, int d, double w, int from, int to, double[] sums, double[] wsums,
      int[] members) {
    KMeansKernel.remove(x, i, d, w, from, sums, wsums);
    KMeansKernel.add(x, i, d, w, to, sums, wsums);
    if (w > 0) {
      members[to]++;
      if (--members[from] == 0) {
        Arrays.fill(sums, from * d, from * d + d, 0.0);
        wsums[from] = 0.0;
      }
    }
  }

  private static int hamerlyAssign(
      Data data, double[] centers, int k, int b, int[] labels, double[] upper, double[] lower,
      double[] half, double[] delta, double maxDelta, double secondDelta, int maxDeltaIdx,
      double[] sums, double[] wsums, int[] members, double[] dist) {
    int n = data.n();
    int d = data.d();
    double[] x = data.x();
    double[] w = data.w();
    int from = b * BlockExecutor.BLOCK_ROWS;
    int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
    int changed = 0;
    for (int i = from; i < to; i++) {
      int a = labels[i];
      double u = upper[i] + delta[a];
      double l = lower[i] - (a == maxDeltaIdx ? secondDelta : maxDelta);
      double m = Math.max(half[a], l);
      if (u * (1 + BOUND_MARGIN) < m) {
        upper[i] = u;
        lower[i] = l;
        continue;
      }
      int base = i * d;
      u = Math.sqrt(dist2(x, base, centers, a * d, d));
      if (u * (1 + BOUND_MARGIN) < m) {
        upper[i] = u;
        lower[i] = l;
        continue;
      }
      KMeansKernel.distances(x, base, d, centers, k, dist);
      double best = Double.POSITIVE_INFINITY;
      double second = Double.POSITIVE_INFINITY;
      int arg = 0;
      for (int j = 0; j < k; j++) {
        double v = dist[j];
        if (v < best) {
          second = best;
          best = v;
          arg = j;
        } else if (v < second) {
          second = v;
        }
      }
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(second);
      if (arg != a) {
        changed++;
        move(x, i, d, w == null ? 1.0 : w[i], a, arg, sums, wsums, members);
        labels[i] = arg;
      }
    }
    return changed;
  }

  private static void halfMinCenterDistances(double[] centers, int k, int d, double[] half) {
    Arrays.fill(half, Double.POSITIVE_INFINITY);
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double v = Math.sqrt(dist2(centers, a * d, centers, b * d, d)) / 2;
        if (v < half[a]) {
          half[a] = v;
        }
        if (v < half[b]) {
          half[b] = v;
        }
      }
    }
  }

  /**
   * Re-seeds empty clusters at the points farthest from their centres; returns how many were re-seeded.
   * Reassigned points get exact bounds (upper 0, lower 0 forces a full check next step).
   */
  private static int repairEmpty(
      Data data, double[] centers, int k, double[] totalW, int[] labels, double[] upper,
      double[] lower, double[][] sums, double[][] wsums, int[][] members, BlockExecutor exec) {
    int n = data.n();
    int d = data.d();
    double[] x = data.x();
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      if (data.weight(i) > 0) {
        count[labels[i]]++;
      }
    }
    double[] far = new double[n];
    exec.run(BlockExecutor.blocks(n), b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      for (int i = from; i < to; i++) {
        far[i] = data.weight(i) > 0 ? dist2(x, i * d, centers, labels[i] * d, d) : -1;
      }
    });
    boolean[] used = new boolean[n];
    int repaired = 0;
    for (int j = 0; j < k; j++) {
      if (totalW[j] > 0) {
        continue;
      }
      int pick = -1;
      double best = 0;
      for (int i = 0; i < n; i++) {
        if (!used[i] && far[i] > best && count[labels[i]] >= 2) {
          best = far[i];
          pick = i;
        }
      }
      if (pick < 0) {
        continue; // every point sits on its centre: keep the previous centre
      }
      used[pick] = true;
      count[labels[pick]]--;
      count[j]++;
      int blk = pick / BlockExecutor.BLOCK_ROWS;
      move(x, pick, d, data.weight(pick), labels[pick], j, sums[blk], wsums[blk], members[blk]);
      labels[pick] = j;
      System.arraycopy(x, pick * d, centers, j * d, d);
      upper[pick] = 0;
      lower[pick] = 0;
      repaired++;
    }
    return repaired;
  }

  /**
   * Weighted inertia of labels against centres, summed per block then in block order.
   *
   * @param data the points
   * @param centers {@code k * d} centres
   * @param labels label per row ({@code -1} rows are skipped)
   * @param exec block executor
   * @return the inertia
   */
  public static double inertia(Data data, double[] centers, int[] labels, BlockExecutor exec) {
    int n = data.n();
    int d = data.d();
    int blocks = BlockExecutor.blocks(n);
    double[] part = new double[blocks];
    exec.run(blocks, b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(n, from + BlockExecutor.BLOCK_ROWS);
      double s = 0;
      for (int i = from; i < to; i++) {
        if (labels[i] >= 0) {
          s += data.weight(i) * dist2(data.x(), i * d, centers, labels[i] * d, d);
        }
      }
      part[b] = s;
    });
    double total = 0;
    for (double p : part) {
      total += p;
    }
    return total;
  }

  /**
   * Index of the nearest centre (ties: lowest index).
   *
   * @param x points
   * @param base offset of the point in {@code x}
   * @param centers {@code k * d} centres
   * @param k number of centres
   * @param d dimension
   * @return the index of the nearest centre
   */
  public static int nearest(double[] x, int base, double[] centers, int k, int d) {
    double best = Double.POSITIVE_INFINITY;
    int arg = 0;
    for (int j = 0; j < k; j++) {
      double v = dist2(x, base, centers, j * d, d);
      if (v < best) {
        best = v;
        arg = j;
      }
    }
    return arg;
  }

  /**
   * Squared Euclidean distance between {@code a[ia..ia+d)} and {@code b[ib..ib+d)}.
   *
   * @param a first array
   * @param ia offset in {@code a}
   * @param b second array
   * @param ib offset in {@code b}
   * @param d dimension
   * @return the squared distance
   */
  public static double dist2(double[] a, int ia, double[] b, int ib, int d) {
    return KMeansKernel.dist2(a, ia, b, ib, d);
  }
}
