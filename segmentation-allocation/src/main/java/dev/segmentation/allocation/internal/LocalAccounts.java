package dev.segmentation.allocation.internal;

import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link AccountPasses} over one instance in memory: the choice is an array of candidate indices (the
 * caller's array, changed in place), the passes run per block of {@link BlockExecutor#BLOCK_ROWS}
 * accounts on a {@link BlockExecutor}, so nothing depends on the number of threads.
 */
public final class LocalAccounts implements AccountPasses {

  private final Mckp p;
  private final double[] gross;
  private final double[] cost;
  private final BlockExecutor exec;
  private final int[] choice;
  /**
   * The ratings of the fast repair for one state ({@link #rated}): each account's least-using move
   * (target candidate, or -1 when it is on it), its score and 16-bit bucket, computed in one pass and
   * reused by the histograms, the cut bucket's accounts and the moves below it, which all rate the
   * same state. Dropped whenever the choice changes.
   */
  private Rated rated;

  /** The least-using moves of every account for one (usage, v0) state. */
  private static final class Rated {
    final double[] usage;
    final double v0;
    final int[] target;
    final double[] score;
    final int[] bucket;

    Rated(double[] usage, double v0, int n) {
      this.usage = usage.clone();
      this.v0 = v0;
      this.target = new int[n];
      this.score = new double[n];
      this.bucket = new int[n];
    }
  }

  /** Rates every account's least-using move in the state, once (see {@link #rated}). */
  private Rated rate(double[] usage, double[] scale, double v0) {
    Rated r = rated;
    if (r != null && Double.compare(r.v0, v0) == 0 && Arrays.equals(r.usage, usage)) {
      return r;
    }
    Rated out = new Rated(usage, v0, p.n);
    double[] w = Rounding.leastUsingWeights(p);
    eachBlock((from, to) -> {
      double[] trial = new double[p.m];
      double[] score = new double[1];
      for (int i = from; i < to; i++) {
        int k = PassKernels.leastUsingMove(p, i, choice[i], w, usage, scale, v0, trial, score);
        out.target[i] = k;
        out.score[i] = score[0];
        out.bucket[i] = k < 0 ? -1 : Rounding.bucket(score[0]);
      }
    });
    rated = out;
    return out;
  }

  /**
   * Wraps an instance and a choice (not copied: the passes change it).
   *
   * @param p the instance
   * @param gross value without cost per candidate, or {@code null} (then {@link #outcomes} reports
   *     the objective value)
   * @param cost cost per candidate, or {@code null} (then 0)
   * @param exec executor of the passes
   * @param choice candidate per account
   */
  public LocalAccounts(Mckp p, double[] gross, double[] cost, BlockExecutor exec, int[] choice) {
    this.p = p;
    this.gross = gross;
    this.cost = cost;
    this.exec = exec;
    this.choice = choice;
  }

  /**
   * The choice array (changed in place by the passes).
   *
   * @return candidate per account
   */
  public int[] choice() {
    return choice;
  }

  @Override
  public int accounts() {
    return p.n;
  }

  @Override
  public double[] rhs() {
    return p.rhs;
  }

  @Override
  public LocalAccounts copy() {
    return new LocalAccounts(p, gross, cost, exec, choice.clone());
  }

  @Override
  public void price(double[] lambda, double[] tieWeights, int[] known) {
    int[] c = known.length == p.n ? known : p.evaluate(lambda, tieWeights, exec).choice;
    System.arraycopy(c, 0, choice, 0, p.n);
    rated = null;
  }

  @Override
  public void leastUsing() {
    rated = null;
    double[] w = Rounding.leastUsingWeights(p);
    eachBlock((from, to) -> {
      for (int i = from; i < to; i++) {
        choice[i] = Rounding.leastUsing(p, i, w);
      }
    });
  }

  @Override
  public double[] leastUsingSums() {
    int m = p.m;
    double[] w = Rounding.leastUsingWeights(p);
    return blockSums(2 * m, (i, acc) -> {
      int k = Rounding.leastUsing(p, i, w);
      for (int r = 0; r < m; r++) {
        acc[r] += p.use[choice[i] * m + r];
        acc[m + r] += p.use[k * m + r];
      }
    });
  }

  @Override
  public double[] ratingHistogram(double[] usage, double[] scale, double v0, int coarse) {
    int m = p.m;
    Rated rt = rate(usage, scale, v0);
    return blockSums(256 * m + 256, (i, acc) -> {
      int cur = choice[i];
      int k = rt.target[i];
      int g = k < 0 ? -1 : PassKernels.group(rt.bucket[i], coarse);
      if (g >= 0) {
        for (int r = 0; r < m; r++) {
          acc[g * m + r] += p.use[k * m + r] - p.use[cur * m + r];
        }
        acc[256 * m + g] += 1;
      }
    });
  }

  @Override
  public Proposals bucketAccounts(double[] usage, double[] scale, double v0, int bucket) {
    int m = p.m;
    Rated rt = rate(usage, scale, v0);
    List<Integer> accounts = new ArrayList<>();
    List<Double> keys = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (int i = 0; i < p.n; i++) {
      if (rt.bucket[i] == bucket) {
        accounts.add(i);
        keys.add(rt.score[i]);
        targets.add(rt.target[i]);
      }
    }
    return new Proposals() {
      private int next;

      @Override
      public int next() {
        return next < accounts.size() ? next++ : -1;
      }

      @Override
      public int account(int j) {
        return accounts.get(j);
      }

      @Override
      public double key(int j) {
        return keys.get(j);
      }

      @Override
      public int slot(int j) {
        return targets.get(j) - p.start[accounts.get(j)];
      }

      @Override
      public double from(int j, int r) {
        return p.use[choice[accounts.get(j)] * m + r];
      }

      @Override
      public double to(int j, int r) {
        return p.use[targets.get(j) * m + r];
      }
    };
  }

  @Override
  public void moveBelow(double[] usage, double[] scale, double v0, int bucket, Proposals proposals,
      int[] applied, int count) {
    Rated rt = rate(usage, scale, v0);
    int[] to = new int[p.n];
    eachBlock((from, end) -> {
      for (int i = from; i < end; i++) {
        int k = rt.target[i];
        to[i] = k >= 0 && rt.bucket[i] < bucket ? k : choice[i];
      }
    });
    for (int t = 0; t < count; t++) {
      int j = applied[t];
      int i = proposals.account(j);
      to[i] = p.start[i] + proposals.slot(j);
    }
    System.arraycopy(to, 0, choice, 0, p.n);
    rated = null;
  }

  @Override
  public double[] usage() {
    int m = p.m;
    return blockSums(m, (i, acc) -> {
      int base = choice[i] * m;
      for (int r = 0; r < m; r++) {
        acc[r] += p.use[base + r];
      }
    });
  }

  @Override
  public double value() {
    return blockSums(1, (i, acc) -> acc[0] += p.value[choice[i]])[0];
  }

  @Override
  public Proposals repairProposals(double[] usage, double[] scale, double v0) {
    double[] score = new double[p.n];
    int[] move = new int[p.n];
    eachBlock((from, to) -> {
      double[] trial = new double[p.m];
      double[] s = new double[1];
      for (int i = from; i < to; i++) {
        move[i] = PassKernels.repairMove(p, i, choice[i], usage, scale, v0, trial, s);
        score[i] = s[0];
      }
    });
    return proposals(score, move, false);
  }

  @Override
  public Proposals improveProposals(double[] usage, double[] prices, double[] scale) {
    double[] eff = new double[p.n];
    int[] move = new int[p.n];
    eachBlock((from, to) -> {
      double[] e = new double[1];
      for (int i = from; i < to; i++) {
        move[i] = PassKernels.improveMove(p, i, choice[i], usage, prices, scale, e);
        eff[i] = e[0];
      }
    });
    return proposals(eff, move, true);
  }

  private Proposals proposals(double[] key, int[] move, boolean descending) {
    int count = 0;
    for (int k : move) {
      if (k >= 0) {
        count++;
      }
    }
    long[] packed = new long[count];
    int q = 0;
    for (int i = 0; i < move.length; i++) {
      if (move[i] >= 0) {
        packed[q++] = Rounding.sortKey(key[i], descending, i);
      }
    }
    Arrays.sort(packed);
    int[] order = new int[count];
    for (int t = 0; t < count; t++) {
      order[t] = (int) packed[t];
    }
    int[] from = choice;
    int m = p.m;
    return new Proposals() {
      private int next;

      @Override
      public int next() {
        return next < order.length ? order[next++] : -1;
      }

      @Override
      public int account(int j) {
        return j;
      }

      @Override
      public double key(int j) {
        return key[j];
      }

      @Override
      public int slot(int j) {
        return move[j] - p.start[j];
      }

      @Override
      public double from(int j, int r) {
        return p.use[from[j] * m + r];
      }

      @Override
      public double to(int j, int r) {
        return p.use[move[j] * m + r];
      }
    };
  }

  @Override
  public void accept(Proposals proposals, int[] applied, int count) {
    for (int t = 0; t < count; t++) {
      int j = applied[t];
      int i = proposals.account(j);
      choice[i] = p.start[i] + proposals.slot(j);
      rated = null;
    }
  }

  @Override
  public Core core(double[] lambda, int size) {
    int n = p.n;
    int m = p.m;
    double[] margin = new double[n];
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      margin[i] = PassKernels.margin(p, i, lambda);
      index[i] = i;
    }
    int[] core = PassKernels.smallest(margin, index, n, Math.min(size, n));
    int cands = 0;
    for (int i : core) {
      cands += p.start[i + 1] - p.start[i];
    }
    boolean[] inCore = new boolean[n];
    for (int i : core) {
      inCore[i] = true;
    }
    int[] start = new int[core.length + 1];
    int[] option = new int[cands];
    double[] value = new double[cands];
    double[] use = new double[cands * m];
    int[] current = new int[core.length];
    int k2 = 0;
    for (int q = 0; q < core.length; q++) {
      int i = core[q];
      start[q] = k2;
      current[q] = choice[i] - p.start[i];
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        option[k2] = p.option[k];
        value[k2] = p.value[k];
        System.arraycopy(p.use, k * m, use, k2 * m, m);
        k2++;
      }
    }
    start[core.length] = k2;
    double[] other = blockSums(m, (i, acc) -> {
      if (!inCore[i]) {
        int base = choice[i] * m;
        for (int r = 0; r < m; r++) {
          acc[r] += p.use[base + r];
        }
      }
    });
    return new Core(core, start, option, value, use, current, other);
  }

  @Override
  public void move(int[] accounts, int[] slots) {
    for (int t = 0; t < accounts.length; t++) {
      choice[accounts[t]] = p.start[accounts[t]] + slots[t];
      rated = null;
    }
  }

  @Override
  public Mckp whole() {
    return p;
  }

  @Override
  public int[] wholeChoice() {
    return choice;
  }

  @Override
  public double[] minUse() {
    return blockSums(p.m, (i, acc) -> PassKernels.addMinUse(p, i, acc));
  }

  @Override
  public ServiceCheck[] serviceChecks(int[] serviceRow, int[] capacityRow, int[] keep) {
    ServiceCheck[] out = new ServiceCheck[serviceRow.length];
    for (int c = 0; c < out.length; c++) {
      int s = serviceRow[c];
      int r = capacityRow[c];
      double[] delta = new double[p.n];
      int[] counts = new int[2];
      double[] t = new double[3];
      double base = blockSums(1, (i, acc) -> {
        PassKernels.serviceTerms(p, i, s, r, t);
        acc[0] += t[0];
        if (t[1] < Double.POSITIVE_INFINITY) {
          if (t[2] == 0) {
            counts[0]++;
          } else {
            delta[counts[1]++] = t[1] - t[0];
          }
        }
      }, true)[0];
      double[] d = Arrays.copyOf(delta, counts[1]);
      Arrays.sort(d);
      out[c] = new ServiceCheck(base, counts[0], Arrays.copyOf(d, Math.min(d.length, keep[c])));
    }
    return out;
  }

  @Override
  public Outcomes outcomes(double[] lambda) {
    int n = p.n;
    int m = p.m;
    int[] option = new int[n];
    double[] reduced = new double[n];
    int[] runnerUp = new int[n];
    double[] margin = new double[n];
    double[] g = new double[n];
    double[] c = new double[n];
    double[] objective = new double[n];
    double[] use = new double[n * m];
    eachBlock((from, to) -> {
      for (int i = from; i < to; i++) {
        int k = choice[i];
        option[i] = p.option[k];
        double own = p.reduced(k, lambda);
        int q = p.runnerUp(i, k, lambda);
        reduced[i] = own;
        runnerUp[i] = q < 0 ? -1 : p.option[q];
        margin[i] = q < 0 ? Double.POSITIVE_INFINITY : own - p.reduced(q, lambda);
        g[i] = gross == null ? p.value[k] : gross[k];
        c[i] = cost == null ? 0.0 : cost[k];
        objective[i] = p.value[k];
        System.arraycopy(p.use, k * m, use, i * m, m);
      }
    });
    return new Outcomes(option, reduced, runnerUp, margin, g, c, objective, use);
  }

  /** Work on the accounts {@code [from, to)} of one block. */
  private interface BlockWork {
    void run(int from, int to);
  }

  /** Adds one account's terms. */
  private interface Terms {
    void add(int i, double[] acc);
  }

  private void eachBlock(BlockWork work) {
    exec.run(BlockExecutor.blocks(p.n), b -> {
      int from = b * BlockExecutor.BLOCK_ROWS;
      work.run(from, Math.min(p.n, from + BlockExecutor.BLOCK_ROWS));
    });
  }

  private double[] blockSums(int width, Terms terms) {
    return blockSums(width, terms, false);
  }

  /** Sums per block (on the executor, or in account order on this thread), blocks added in order. */
  private double[] blockSums(int width, Terms terms, boolean sequential) {
    int blocks = BlockExecutor.blocks(p.n);
    double[][] parts = new double[blocks][];
    java.util.function.IntConsumer task = b -> {
      int to = Math.min(p.n, (b + 1) * BlockExecutor.BLOCK_ROWS);
      double[] acc = new double[width];
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
        terms.add(i, acc);
      }
      parts[b] = acc;
    };
    if (sequential) {
      for (int b = 0; b < blocks; b++) {
        task.accept(b);
      }
    } else {
      exec.run(blocks, task);
    }
    double[] total = new double[width];
    for (double[] acc : parts) {
      for (int r = 0; r < width; r++) {
        total[r] += acc[r];
      }
    }
    return total;
  }
}
