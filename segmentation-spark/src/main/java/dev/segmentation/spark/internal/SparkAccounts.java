package dev.segmentation.spark.internal;

import dev.segmentation.allocation.internal.AccountPasses;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.internal.PassKernels;
import dev.segmentation.allocation.internal.Rounding;
import dev.segmentation.core.internal.BlockExecutor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link AccountPasses} over the cached compiled partitions of a Spark dataset: every pass is one job
 * ({@link PartitionOrder#partials}) whose per-account work runs in the partitions with the kernels of
 * {@link PassKernels}, and only small results come back. Each job carries the description {@link
 * AllocationBlocks#JOB_PREFIX} and its step.
 *
 * <p><b>The choice.</b> The driver never holds a choice per account: the choice is a rule every
 * partition applies to its own accounts, broadcast with each job ({@link Spec}): the best candidate at
 * given multipliers (or the least-using candidate), after a fast repair the move of every account
 * rated below its cut bucket ({@link Rule}), then a sparse list of the accounts the driver has moved
 * since (account, slot). The priced choice is recomputed in each job (one pricing pass, as in a
 * dual evaluation).
 *
 * <p><b>What comes back</b> ({@code m} rows): row sums per block of {@link BlockExecutor#BLOCK_ROWS}
 * accounts ({@code 8 m} bytes per block, and per account of a block continued from an earlier
 * partition); per proposal fetched {@code 16 + 16 m} bytes (index, sort key, slot, use of the current
 * and the proposed candidate), page by page ({@link PagedProposals}); for the core, {@code 12} bytes per account of each partition's own smallest margins,
 * then the core accounts' candidates ({@code 12 + 8 m} bytes each); for the plan, one outcome row per
 * account ({@code 56 + 8 m} bytes); for the service-level checks, each partition's smallest extra
 * uses, at most the level's required count. {@link #whole()} collects every candidate, for branch and
 * bound only.
 */
public final class SparkAccounts implements AccountPasses {

  /** What every copy shares: the partitions and their place in the account order. */
  private static final class Data {
    final JavaRDD<AllocationBlocks.Part> parts;
    final JavaSparkContext sc;
    final int[] offsets;
    final int n;
    final int m;
    final double[] rhs;
    Mckp whole;

    Data(JavaRDD<AllocationBlocks.Part> parts, int[] sizes, int m, double[] rhs) {
      this.parts = parts;
      this.sc = JavaSparkContext.fromSparkContext(parts.context());
      this.offsets = new int[sizes.length + 1];
      for (int p = 0; p < sizes.length; p++) {
        offsets[p + 1] = offsets[p] + sizes[p];
      }
      this.n = offsets[sizes.length];
      this.m = m;
      this.rhs = rhs;
    }
  }

  /**
   * The choice of every account as a rule: the best candidate at {@code lambda} (ties by {@code tie}),
   * or, when {@code leastUsing}, the least-using candidate; then {@code slots[t]} for account {@code
   * accounts[t]} (increasing).
   *
   * @param leastUsing whether the base is the least-using candidate
   * @param lambda multipliers of the priced base
   * @param tie tie weights of the priced base
   * @param rule the fast repair's moves of whole buckets, applied after the base, or {@code null}
   * @param accounts moved accounts, increasing
   * @param slots their slots
   */
  record Spec(boolean leastUsing, double[] lambda, double[] tie, Rule rule, int[] accounts,
      int[] slots) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Every account whose fast-repair rating ({@link PassKernels#leastUsingMove} against the base
   * choice) falls in a bucket below {@code bucket} takes its least-using candidate.
   *
   * @param usage row use the ratings were computed with
   * @param scale row scales
   * @param v0 the violation of {@code usage}
   * @param bucket the first bucket not moved
   */
  record Rule(double[] usage, double[] scale, double v0, int bucket) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A partition's work given its part, first account index, instance and current choice. */
  @FunctionalInterface
  interface PartWork<R> extends Serializable {
    R apply(AllocationBlocks.Part part, int offset, Mckp local, int[] choice) throws Exception;
  }

  private final Data data;
  private boolean leastUsing;
  private double[] lambda;
  private double[] tie;
  private Rule rule;
  private final TreeMap<Integer, Integer> moved;

  private SparkAccounts(Data data, boolean leastUsing, double[] lambda, double[] tie, Rule rule,
      TreeMap<Integer, Integer> moved) {
    this.data = data;
    this.leastUsing = leastUsing;
    this.lambda = lambda;
    this.tie = tie;
    this.rule = rule;
    this.moved = moved;
  }

  /**
   * Accounts over cached partitions; the choice starts as the best candidates at zero multipliers.
   *
   * @param parts one cached part per partition
   * @param sizes accounts per partition, in partition order
   * @param m rows
   * @param rhs the solver's right-hand sides
   * @return the accounts
   */
  public static SparkAccounts of(JavaRDD<AllocationBlocks.Part> parts, int[] sizes, int m,
      double[] rhs) {
    return new SparkAccounts(new Data(parts, sizes, m, rhs), false, new double[m], new double[m],
        null, new TreeMap<>());
  }

  /**
   * Number of accounts the driver has moved away from the base rule (the size of the broadcast list).
   *
   * @return moved accounts
   */
  public int movedAccounts() {
    return moved.size();
  }

  @Override
  public int accounts() {
    return data.n;
  }

  @Override
  public double[] rhs() {
    return data.rhs;
  }

  @Override
  public SparkAccounts copy() {
    return new SparkAccounts(data, leastUsing, lambda, tie, rule, new TreeMap<>(moved));
  }

  @Override
  public void price(double[] lambda, double[] tieWeights, int[] known) {
    this.leastUsing = false;
    this.lambda = lambda.clone();
    this.tie = tieWeights.clone();
    this.rule = null;
    moved.clear();
  }

  @Override
  public void leastUsing() {
    this.leastUsing = true;
    this.rule = null;
    moved.clear();
  }

  @Override
  public double[] leastUsingSums() {
    int total = data.n;
    int m = data.m;
    return sums("least-using sums", 2 * m, (part, offset, local, choice) -> {
      double[] w = Rounding.leastUsingWeights(local);
      return Blocks.pieces(offset, local.n, total, 2 * m, (i, acc) -> {
        int k = Rounding.leastUsing(local, i, w);
        for (int r = 0; r < m; r++) {
          acc[r] += local.use[choice[i] * m + r];
          acc[m + r] += local.use[k * m + r];
        }
        return true;
      });
    });
  }

  @Override
  public double[] ratingHistogram(double[] usage, double[] scale, double v0, int coarse) {
    int m = data.m;
    List<List<AllocationBlocks.Piece>> parts = run("fast repair histogram",
        (part, offset, local, choice) -> {
          double[] w = Rounding.leastUsingWeights(local);
          double[] trial = new double[m];
          double[] score = new double[1];
          return Blocks.keyedPieces(offset, local.n, 256, m, (i, term) -> {
            int cur = choice[i];
            int k = PassKernels.leastUsingMove(local, i, cur, w, usage, scale, v0, trial, score);
            int g = k < 0 ? -1 : PassKernels.group(Rounding.bucket(score[0]), coarse);
            if (g >= 0) {
              for (int r = 0; r < m; r++) {
                term[r] = local.use[k * m + r] - local.use[cur * m + r];
              }
            }
            return g;
          });
        });
    return Blocks.combineKeyed(parts, BlockExecutor.blocks(data.n), 256, m);
  }

  @Override
  public Proposals bucketAccounts(double[] usage, double[] scale, double v0, int bucket) {
    int m = data.m;
    List<PagedProposals.Page> parts = run("fast repair bucket", (part, offset, local, choice) -> {
      double[] w = Rounding.leastUsingWeights(local);
      double[] trial = new double[m];
      double[] score = new double[1];
      List<Integer> at = new ArrayList<>();
      List<Double> keys = new ArrayList<>();
      List<Integer> targets = new ArrayList<>();
      for (int i = 0; i < local.n; i++) {
        int k = PassKernels.leastUsingMove(local, i, choice[i], w, usage, scale, v0, trial, score);
        if (k >= 0 && Rounding.bucket(score[0]) == bucket) {
          at.add(i);
          keys.add(score[0]);
          targets.add(k);
        }
      }
      int c = at.size();
      int[] account = new int[c];
      double[] key = new double[c];
      int[] slot = new int[c];
      double[] from = new double[c * m];
      double[] to = new double[c * m];
      for (int q = 0; q < c; q++) {
        int i = at.get(q);
        account[q] = offset + i;
        key[q] = keys.get(q);
        slot[q] = targets.get(q) - local.start[i];
        System.arraycopy(local.use, choice[i] * m, from, q * m, m);
        System.arraycopy(local.use, targets.get(q) * m, to, q * m, m);
      }
      return new PagedProposals.Page(account, new long[c], key, slot, from, to, c, false,
          new double[m], new double[m], 0);
    });
    return PagedProposals.inOrder(parts, m);
  }

  @Override
  public void moveBelow(double[] usage, double[] scale, double v0, int bucket, Proposals proposals,
      int[] applied, int count) {
    this.rule = new Rule(usage.clone(), scale.clone(), v0, bucket);
    for (int t = 0; t < count; t++) {
      int j = applied[t];
      moved.put(proposals.account(j), proposals.slot(j));
    }
  }

  private Spec spec() {
    int[] accounts = new int[moved.size()];
    int[] slots = new int[moved.size()];
    int t = 0;
    for (Map.Entry<Integer, Integer> e : moved.entrySet()) {
      accounts[t] = e.getKey();
      slots[t] = e.getValue();
      t++;
    }
    return new Spec(leastUsing, lambda, tie, rule, accounts, slots);
  }

  /** Runs one job: every partition's work on its current choice, results in partition order. */
  private <R> List<R> run(String step, PartWork<R> work) {
    return AllocationBlocks.described(data.sc, step, () -> run(work));
  }

  private <R> List<R> run(PartWork<R> work) {
    Broadcast<Spec> spec = data.sc.broadcast(spec());
    int[] offsets = data.offsets;
    int m = data.m;
    double[] rhs = data.rhs;
    try {
      return PartitionOrder.partials(data.parts, (index, it) -> {
        AllocationBlocks.Part part = it.next();
        Mckp local = new Mckp(part.n(), m, part.start(), part.option(), part.value(), part.use(),
            rhs);
        int[] choice = choice(local, offsets[index], spec.value());
        return work.apply(part, offsets[index], local, choice);
      });
    } finally {
      spec.destroy();
    }
  }

  /** The current candidate (local index) of every account of a partition. */
  static int[] choice(Mckp local, int offset, Spec spec) {
    int n = local.n;
    int[] choice = new int[n];
    if (spec.leastUsing()) {
      double[] w = Rounding.leastUsingWeights(local);
      for (int i = 0; i < n; i++) {
        choice[i] = Rounding.leastUsing(local, i, w);
      }
    } else if (n > 0) {
      local.price(0, n, spec.lambda(), spec.tie(), choice, 0, new double[local.m + 2]);
    }
    Rule rule = spec.rule();
    if (rule != null) {
      double[] w = Rounding.leastUsingWeights(local);
      double[] trial = new double[local.m];
      double[] score = new double[1];
      for (int i = 0; i < n; i++) {
        int k = PassKernels.leastUsingMove(local, i, choice[i], w, rule.usage(), rule.scale(),
            rule.v0(), trial, score);
        if (k >= 0 && Rounding.bucket(score[0]) < rule.bucket()) {
          choice[i] = k;
        }
      }
    }
    int[] acc = spec.accounts();
    int t = Arrays.binarySearch(acc, offset);
    for (t = t < 0 ? -t - 1 : t; t < acc.length && acc[t] < offset + n; t++) {
      int i = acc[t] - offset;
      choice[i] = local.start[i] + spec.slots()[t];
    }
    return choice;
  }

  /** Sums over blocks of the accounts of one job, combined in block order. */
  private double[] sums(String step, int width, PartWork<List<AllocationBlocks.Piece>> work) {
    return Blocks.combine(run(step, work), BlockExecutor.blocks(data.n), width);
  }

  @Override
  public double[] usage() {
    int total = data.n;
    int m = data.m;
    return sums("row use", m, (part, offset, local, choice) -> Blocks.pieces(offset, local.n,
        total, m, (i, acc) -> {
          int base = choice[i] * m;
          for (int r = 0; r < m; r++) {
            acc[r] += local.use[base + r];
          }
          return true;
        }));
  }

  @Override
  public double value() {
    int total = data.n;
    return sums("value", 1, (part, offset, local, choice) -> Blocks.pieces(offset, local.n, total, 1,
        (i, acc) -> {
          acc[0] += local.value[choice[i]];
          return true;
        }))[0];
  }

  @Override
  public Proposals repairProposals(double[] usage, double[] scale, double v0) {
    return paged(new PagedProposals.Pass(true, usage.clone(), scale.clone(), v0, null), usage);
  }

  @Override
  public Proposals improveProposals(double[] usage, double[] prices, double[] scale) {
    return paged(new PagedProposals.Pass(false, usage.clone(), scale.clone(), 0, prices.clone()),
        usage);
  }

  private Proposals paged(PagedProposals.Pass pass, double[] liveUsage) {
    int[] offsets = data.offsets;
    int m = data.m;
    double[] rhs = data.rhs;
    Spec current = spec();
    String step = pass.repair() ? "repair pass" : "improvement pass";
    PagedProposals out = new PagedProposals(offsets.length - 1, m, pass, liveUsage, request -> {
      Broadcast<Spec> spec = data.sc.broadcast(current);
      try {
        return AllocationBlocks.described(data.sc, step, () -> PartitionOrder.partials(data.parts,
            (index, it) -> {
          if (request.cursor()[index] < 0) {
            return null;
          }
          AllocationBlocks.Part part = it.next();
          Mckp local = new Mckp(part.n(), m, part.start(), part.option(), part.value(),
              part.use(), rhs);
          int[] choice = choice(local, offsets[index], spec.value());
          return PagedProposals.page(local, offsets[index], choice, pass,
              request.cursor()[index], request.size()[index], request.lower(), request.upper());
        }));
      } finally {
        spec.destroy();
      }
    });
    return out;
  }

  @Override
  public void accept(Proposals proposals, int[] applied, int count) {
    for (int t = 0; t < count; t++) {
      int j = applied[t];
      moved.put(proposals.account(j), proposals.slot(j));
    }
  }

  /**
   * A partition's smallest margins.
   *
   * @param margin margins
   * @param account global account indices, increasing
   */
  record Margins(double[] margin, int[] account) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A partition's core accounts and the block sums of the use of its other accounts.
   *
   * @param sizes candidates per core account
   * @param option options
   * @param value values
   * @param use uses
   * @param current current slots
   * @param other block pieces of the other accounts' use
   */
  record CorePart(int[] sizes, int[] option, double[] value, double[] use, int[] current,
      List<AllocationBlocks.Piece> other) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Core core(double[] lambda, int size) {
    int keep = Math.min(size, data.n);
    List<Margins> parts = run("core margins", (part, offset, local, choice) -> {
      double[] margin = new double[local.n];
      int[] index = new int[local.n];
      for (int i = 0; i < local.n; i++) {
        margin[i] = PassKernels.margin(local, i, lambda);
        index[i] = offset + i;
      }
      int[] sel = PassKernels.smallest(margin, index, local.n, keep);
      double[] mg = new double[sel.length];
      int[] ac = new int[sel.length];
      for (int t = 0; t < sel.length; t++) {
        mg[t] = margin[sel[t]];
        ac[t] = index[sel[t]];
      }
      return new Margins(mg, ac);
    });
    int count = 0;
    for (Margins p : parts) {
      count += p.account().length;
    }
    double[] margin = new double[count];
    int[] index = new int[count];
    int q = 0;
    for (Margins p : parts) {
      System.arraycopy(p.margin(), 0, margin, q, p.account().length);
      System.arraycopy(p.account(), 0, index, q, p.account().length);
      q += p.account().length;
    }
    int[] sel = PassKernels.smallest(margin, index, count, keep);
    int[] core = new int[sel.length];
    for (int t = 0; t < sel.length; t++) {
      core[t] = index[sel[t]];
    }
    int m = data.m;
    int total = data.n;
    if (core.length == 0) {
      return new Core(core, new int[] {0}, new int[0], new double[0], new double[0], new int[0],
          new double[m]);
    }
    List<CorePart> coreParts = run("core candidates", (part, offset, local, choice) -> {
      int from = lowerBound(core, offset);
      int to = lowerBound(core, offset + local.n);
      int[] sizes = new int[to - from];
      int cands = 0;
      for (int t = from; t < to; t++) {
        int i = core[t] - offset;
        sizes[t - from] = local.start[i + 1] - local.start[i];
        cands += sizes[t - from];
      }
      int[] option = new int[cands];
      double[] value = new double[cands];
      double[] use = new double[cands * m];
      int[] current = new int[to - from];
      int k2 = 0;
      for (int t = from; t < to; t++) {
        int i = core[t] - offset;
        current[t - from] = choice[i] - local.start[i];
        for (int k = local.start[i]; k < local.start[i + 1]; k++) {
          option[k2] = local.option[k];
          value[k2] = local.value[k];
          System.arraycopy(local.use, k * m, use, k2 * m, m);
          k2++;
        }
      }
      List<AllocationBlocks.Piece> other = Blocks.pieces(offset, local.n, total, m, (i, acc) -> {
        if (Arrays.binarySearch(core, offset + i) >= 0) {
          return false;
        }
        int base = choice[i] * m;
        for (int r = 0; r < m; r++) {
          acc[r] += local.use[base + r];
        }
        return true;
      });
      return new CorePart(sizes, option, value, use, current, other);
    });
    int cands = 0;
    List<List<AllocationBlocks.Piece>> pieces = new ArrayList<>();
    for (CorePart p : coreParts) {
      cands += p.option().length;
      pieces.add(p.other());
    }
    int[] start = new int[core.length + 1];
    int[] option = new int[cands];
    double[] value = new double[cands];
    double[] use = new double[cands * m];
    int[] current = new int[core.length];
    int a = 0;
    for (CorePart p : coreParts) {
      for (int t = 0; t < p.sizes().length; t++) {
        current[a] = p.current()[t];
        start[a + 1] = start[a] + p.sizes()[t];
        a++;
      }
    }
    int k1 = 0;
    for (CorePart p : coreParts) {
      int c = p.option().length;
      System.arraycopy(p.option(), 0, option, k1, c);
      System.arraycopy(p.value(), 0, value, k1, c);
      System.arraycopy(p.use(), 0, use, k1 * m, c * m);
      k1 += c;
    }
    return new Core(core, start, option, value, use, current,
        Blocks.combine(pieces, BlockExecutor.blocks(total), m));
  }

  private static int lowerBound(int[] sorted, int key) {
    int t = Arrays.binarySearch(sorted, key);
    return t < 0 ? -t - 1 : t;
  }

  @Override
  public void move(int[] accounts, int[] slots) {
    for (int t = 0; t < accounts.length; t++) {
      moved.put(accounts[t], slots[t]);
    }
  }

  @Override
  public Mckp whole() {
    if (data.whole == null) {
      List<AllocationBlocks.Part> parts = AllocationBlocks.collect(data.parts);
      int n = 0;
      int cands = 0;
      for (AllocationBlocks.Part p : parts) {
        n += p.n();
        cands += p.option().length;
      }
      int m = data.m;
      int[] start = new int[n + 1];
      int[] option = new int[cands];
      double[] value = new double[cands];
      double[] use = new double[cands * m];
      int i0 = 0;
      int k0 = 0;
      for (AllocationBlocks.Part p : parts) {
        for (int i = 0; i < p.n(); i++) {
          start[i0 + i] = k0 + p.start()[i];
        }
        int k = p.option().length;
        System.arraycopy(p.option(), 0, option, k0, k);
        System.arraycopy(p.value(), 0, value, k0, k);
        System.arraycopy(p.use(), 0, use, k0 * m, k * m);
        i0 += p.n();
        k0 += k;
      }
      start[n] = k0;
      data.whole = new Mckp(n, m, start, option, value, use, data.rhs);
    }
    return data.whole;
  }

  @Override
  public int[] wholeChoice() {
    Mckp w = whole();
    List<int[]> parts = run("choice", (part, offset, local, choice) -> {
      int[] slots = new int[local.n];
      for (int i = 0; i < local.n; i++) {
        slots[i] = choice[i] - local.start[i];
      }
      return slots;
    });
    int[] out = new int[data.n];
    int i = 0;
    for (int[] slots : parts) {
      for (int s : slots) {
        out[i] = w.start[i] + s;
        i++;
      }
    }
    return out;
  }

  @Override
  public double[] minUse() {
    int total = data.n;
    int m = data.m;
    return sums("least uses", m, (part, offset, local, choice) -> Blocks.pieces(offset, local.n,
        total, m, (i, acc) -> {
          PassKernels.addMinUse(local, i, acc);
          return true;
        }));
  }

  /**
   * A partition's part of the service-level checks.
   *
   * @param base block pieces of the least uses, per pair
   * @param forced forced accounts, per pair
   * @param smallest the smallest extra uses, ascending, per pair
   */
  record ServicePart(List<List<AllocationBlocks.Piece>> base, long[] forced, double[][] smallest)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public ServiceCheck[] serviceChecks(int[] serviceRow, int[] capacityRow, int[] keep) {
    int total = data.n;
    int pairs = serviceRow.length;
    List<ServicePart> parts = run("service-level checks", (part, offset, local, choice) -> {
      List<List<AllocationBlocks.Piece>> base = new ArrayList<>();
      long[] forced = new long[pairs];
      double[][] smallest = new double[pairs][];
      double[] t = new double[3];
      for (int c = 0; c < pairs; c++) {
        int s = serviceRow[c];
        int r = capacityRow[c];
        double[] delta = new double[local.n];
        int[] eligible = new int[1];
        long[] f = new long[1];
        base.add(Blocks.pieces(offset, local.n, total, 1, (i, acc) -> {
          PassKernels.serviceTerms(local, i, s, r, t);
          acc[0] += t[0];
          if (t[1] < Double.POSITIVE_INFINITY) {
            if (t[2] == 0) {
              f[0]++;
            } else {
              delta[eligible[0]++] = t[1] - t[0];
            }
          }
          return true;
        }));
        forced[c] = f[0];
        double[] d = Arrays.copyOf(delta, eligible[0]);
        Arrays.sort(d);
        smallest[c] = Arrays.copyOf(d, Math.min(d.length, keep[c]));
      }
      return new ServicePart(base, forced, smallest);
    });
    ServiceCheck[] out = new ServiceCheck[pairs];
    for (int c = 0; c < pairs; c++) {
      List<List<AllocationBlocks.Piece>> pieces = new ArrayList<>();
      long forced = 0;
      int count = 0;
      for (ServicePart p : parts) {
        pieces.add(p.base().get(c));
        forced += p.forced()[c];
        count += p.smallest()[c].length;
      }
      double[] all = new double[count];
      int q = 0;
      for (ServicePart p : parts) {
        System.arraycopy(p.smallest()[c], 0, all, q, p.smallest()[c].length);
        q += p.smallest()[c].length;
      }
      Arrays.sort(all);
      double base = Blocks.combine(pieces, BlockExecutor.blocks(total), 1)[0];
      out[c] = new ServiceCheck(base, forced, Arrays.copyOf(all, Math.min(count, keep[c])));
    }
    return out;
  }

  /**
   * A partition's outcome rows (see {@link Outcomes}).
   *
   * @param option options
   * @param reduced reduced values
   * @param runnerUp runner-up options
   * @param margin margins
   * @param gross gross values
   * @param cost costs
   * @param objective objective values
   * @param use uses
   */
  record OutcomePart(int[] option, double[] reduced, int[] runnerUp, double[] margin,
      double[] gross, double[] cost, double[] objective, double[] use) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Outcomes outcomes(double[] lambda) {
    int m = data.m;
    List<OutcomePart> parts = run("plan rows", (part, offset, local, choice) -> {
      int n = local.n;
      int[] option = new int[n];
      double[] reduced = new double[n];
      int[] runnerUp = new int[n];
      double[] margin = new double[n];
      double[] g = new double[n];
      double[] c = new double[n];
      double[] objective = new double[n];
      double[] use = new double[n * m];
      for (int i = 0; i < n; i++) {
        int k = choice[i];
        option[i] = local.option[k];
        double own = local.reduced(k, lambda);
        int q = local.runnerUp(i, k, lambda);
        reduced[i] = own;
        runnerUp[i] = q < 0 ? -1 : local.option[q];
        margin[i] = q < 0 ? Double.POSITIVE_INFINITY : own - local.reduced(q, lambda);
        g[i] = part.gross()[k];
        c[i] = part.cost()[k];
        objective[i] = local.value[k];
        System.arraycopy(local.use, k * m, use, i * m, m);
      }
      return new OutcomePart(option, reduced, runnerUp, margin, g, c, objective, use);
    });
    int n = data.n;
    int[] option = new int[n];
    double[] reduced = new double[n];
    int[] runnerUp = new int[n];
    double[] margin = new double[n];
    double[] g = new double[n];
    double[] c = new double[n];
    double[] objective = new double[n];
    double[] use = new double[n * m];
    int i0 = 0;
    for (OutcomePart p : parts) {
      int k = p.option().length;
      System.arraycopy(p.option(), 0, option, i0, k);
      System.arraycopy(p.reduced(), 0, reduced, i0, k);
      System.arraycopy(p.runnerUp(), 0, runnerUp, i0, k);
      System.arraycopy(p.margin(), 0, margin, i0, k);
      System.arraycopy(p.gross(), 0, g, i0, k);
      System.arraycopy(p.cost(), 0, c, i0, k);
      System.arraycopy(p.objective(), 0, objective, i0, k);
      System.arraycopy(p.use(), 0, use, i0 * m, k * m);
      i0 += k;
    }
    return new Outcomes(option, reduced, runnerUp, margin, g, c, objective, use);
  }
}
