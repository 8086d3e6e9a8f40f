package dev.segmentation.spark.internal;

import dev.segmentation.allocation.internal.AccountPasses;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.internal.PassKernels;
import dev.segmentation.allocation.internal.Rounding;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The proposals of one pass over Spark partitions, fetched page by page in the order they are tried.
 * Every partition computes all its accounts' proposals (with the kernels of {@link PassKernels}),
 * sorts them by {@link Rounding#sortKey} and returns the next page after its cursor; the driver
 * merges the pages: the smallest head is next as long as every partition with proposals left has
 * one in its queue, otherwise the partitions without one fetch their next page (one job; the pages
 * double in size). A repair pass ends once the plan is feasible, so its first pages usually suffice.
 *
 * <p>An improvement pass tries every proposal, but after a few upgrades the slack is gone and the
 * rest cannot fit. From its second page on, a partition leaves out the upgrades that certainly cannot
 * fit: those with a row {@code r} whose use grows by more than rounding can hide and for which even
 * the lowest row use the driver can reach before it tries them, {@code L_r} = the current use minus
 * every decrease that the proposals not yet tried could bring (with a relative margin of
 * {@code 1e-9}), gives {@code L_r - from_r + to_r > rhs_r + tol_r}; floating-point addition is
 * monotone, so the driver would reject them too. The plan is the same; only fewer proposals travel.
 */
final class PagedProposals extends AccountPasses.Proposals {

  /** First page size per partition. */
  static final int FIRST_PAGE = 256;

  /**
   * What a pass's proposals depend on.
   *
   * @param repair whether a repair pass (else an improvement pass)
   * @param usage row use at the start of the pass
   * @param scale row scales
   * @param v0 violation at the start (repair)
   * @param prices row prices (improvement)
   */
  record Pass(boolean repair, double[] usage, double[] scale, double v0, double[] prices)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A request for the next page of some partitions.
   *
   * @param cursor per partition, the position (in its sorted proposals) to continue from; -1: none
   * @param size per partition, the page size
   * @param lower per row, the lowest use the driver can reach before trying the page's proposals,
   *     or {@code null} (no proposal left out)
   * @param upper per row, the highest such use
   */
  record Request(int[] cursor, int[] size, double[] lower, double[] upper) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * One partition's page.
   *
   * @param account global accounts
   * @param sortKey sort keys
   * @param key keys
   * @param slot proposed slots
   * @param from use of the current candidates, {@code m} each
   * @param to use of the proposed candidates, {@code m} each
   * @param cursor the position after the page
   * @param more whether proposals are left after the cursor
   * @param neg per row, the sum of the decreases of the proposals after the cursor
   * @param pos per row, the sum of the increases of the proposals after the cursor
   * @param left proposals after the cursor
   */
  record Page(int[] account, long[] sortKey, double[] key, int[] slot, double[] from, double[] to,
      int cursor,
      boolean more, double[] neg, double[] pos, int left) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Fetches pages: one job, {@code null} for the partitions not asked. */
  @FunctionalInterface
  interface Fetcher {
    List<Page> fetch(Request request);
  }

  private final int m;
  private final Pass pass;
  private final double[] liveUsage;
  private final Fetcher fetcher;
  private final int partitions;
  private final ArrayDeque<Integer>[] queue;
  private final int[] cursor;
  private final int[] size;
  private final boolean[] more;
  private final boolean[] known;
  private final double[][] neg;
  private final double[][] pos;
  private final int[] left;
  private int count;
  private int[] account = new int[64];
  private long[] sortKey = new long[64];
  private double[] key = new double[64];
  private int[] slot = new int[64];
  private double[] from;
  private double[] to;
  private int pages;
  private long received;

  @SuppressWarnings("unchecked")
  PagedProposals(int partitions, int m, Pass pass, double[] liveUsage, Fetcher fetcher) {
    this.m = m;
    this.pass = pass;
    this.liveUsage = liveUsage;
    this.fetcher = fetcher;
    this.partitions = partitions;
    queue = new ArrayDeque[partitions];
    cursor = new int[partitions];
    size = new int[partitions];
    more = new boolean[partitions];
    known = new boolean[partitions];
    neg = new double[partitions][m];
    pos = new double[partitions][m];
    left = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      queue[p] = new ArrayDeque<>();
      size[p] = FIRST_PAGE;
      more[p] = true;
    }
    from = new double[64 * m];
    to = new double[64 * m];
  }

  /**
   * Proposals already complete, handed out in the order of the parts and then of their entries.
   *
   * @param parts one page per partition, in partition order
   * @param m rows
   * @return the proposals
   */
  static PagedProposals inOrder(List<Page> parts, int m) {
    PagedProposals out = new PagedProposals(1, m, new Pass(true, null, null, 0, null), null,
        request -> {
          throw new IllegalStateException("nothing to fetch");
        });
    out.more[0] = false;
    for (Page page : parts) {
      for (int t = 0; t < page.account().length; t++) {
        out.add(0, page, t);
      }
    }
    return out;
  }

  /** Pages fetched (jobs run) so far. */
  int pages() {
    return pages;
  }

  /** Proposals received so far. */
  long received() {
    return received;
  }

  @Override
  public int next() {
    while (true) {
      boolean need = false;
      for (int p = 0; p < partitions; p++) {
        need |= more[p] && queue[p].isEmpty();
      }
      if (need) {
        fetch();
        continue;
      }
      int best = -1;
      for (int p = 0; p < partitions; p++) {
        if (!queue[p].isEmpty()
            && (best < 0 || sortKey[queue[p].peek()] < sortKey[queue[best].peek()])) {
          best = p;
        }
      }
      return best < 0 ? -1 : queue[best].poll();
    }
  }

  private void fetch() {
    int[] cur = new int[partitions];
    Arrays.fill(cur, -1);
    boolean filter = !pass.repair();
    for (int p = 0; p < partitions; p++) {
      if (more[p] && queue[p].isEmpty()) {
        cur[p] = cursor[p];
        filter &= known[p];
      } else if (more[p]) {
        filter &= known[p];
      }
    }
    double[] lower = null;
    double[] upper = null;
    if (filter) {
      // every decrease and increase the driver may still apply: queued and not yet fetched
      double[] down = new double[m];
      double[] up = new double[m];
      long pending = 0;
      for (int p = 0; p < partitions; p++) {
        for (int r = 0; r < m; r++) {
          down[r] += neg[p][r];
          up[r] += pos[p][r];
        }
        pending += left[p] + queue[p].size();
        for (int j : queue[p]) {
          for (int r = 0; r < m; r++) {
            double d = to[j * m + r] - from[j * m + r];
            if (d < 0) {
              down[r] -= d;
            } else {
              up[r] += d;
            }
          }
        }
      }
      lower = new double[m];
      upper = new double[m];
      double rel = 1e-9 * Math.max(1.0, pending / 1e6);
      for (int r = 0; r < m; r++) {
        double u = liveUsage[r];
        double slack = rel * (Math.abs(u) + down[r] + up[r]) + Double.MIN_NORMAL;
        lower[r] = u - down[r] * (1 + rel) - slack;
        upper[r] = u + up[r] * (1 + rel) + slack;
      }
    }
    List<Page> got = fetcher.fetch(new Request(cur, size.clone(), lower, upper));
    pages++;
    for (int p = 0; p < partitions; p++) {
      Page page = got.get(p);
      if (cur[p] < 0 || page == null) {
        continue;
      }
      for (int t = 0; t < page.account().length; t++) {
        add(p, page, t);
      }
      cursor[p] = page.cursor();
      more[p] = page.more();
      neg[p] = page.neg();
      pos[p] = page.pos();
      left[p] = page.left();
      known[p] = true;
      size[p] = (int) Math.min(1 << 24, 2L * size[p]);
    }
  }

  private void add(int p, Page page, int t) {
    if (count == account.length) {
      int cap = 2 * count;
      account = Arrays.copyOf(account, cap);
      sortKey = Arrays.copyOf(sortKey, cap);
      key = Arrays.copyOf(key, cap);
      slot = Arrays.copyOf(slot, cap);
      from = Arrays.copyOf(from, cap * m);
      to = Arrays.copyOf(to, cap * m);
    }
    account[count] = page.account()[t];
    sortKey[count] = page.sortKey()[t];
    key[count] = page.key()[t];
    slot[count] = page.slot()[t];
    System.arraycopy(page.from(), t * m, from, count * m, m);
    System.arraycopy(page.to(), t * m, to, count * m, m);
    queue[p].add(count);
    count++;
    received++;
  }

  @Override
  public int account(int j) {
    return account[j];
  }

  @Override
  public double key(int j) {
    return key[j];
  }

  @Override
  public int slot(int j) {
    return slot[j];
  }

  @Override
  public double from(int j, int r) {
    return from[j * m + r];
  }

  @Override
  public double to(int j, int r) {
    return to[j * m + r];
  }

  /**
   * A partition's page: all its proposals for the pass, sorted, the next {@code size} after the
   * cursor that cannot be ruled out.
   *
   * @param local the partition's instance
   * @param offset its first account
   * @param choice its accounts' current candidates
   * @param pass the pass
   * @param start the cursor
   * @param size the page size
   * @param lower lowest reachable row use, or {@code null}
   * @param upper highest reachable row use
   * @return the page
   */
  static Page page(Mckp local, int offset, int[] choice, Pass pass, int start, int size,
      double[] lower, double[] upper) {
    int n = local.n;
    int m = local.m;
    int[] move = new int[n];
    double[] keyOf = new double[n];
    long[] packed = new long[n];
    int count = 0;
    double[] trial = new double[m];
    double[] key = new double[1];
    for (int i = 0; i < n; i++) {
      int k = pass.repair()
          ? PassKernels.repairMove(local, i, choice[i], pass.usage(), pass.scale(), pass.v0(), trial,
              key)
          : PassKernels.improveMove(local, i, choice[i], pass.usage(), pass.prices(), pass.scale(),
              key);
      move[i] = k;
      keyOf[i] = key[0];
      if (k >= 0) {
        packed[count++] = Rounding.sortKey(key[0], !pass.repair(), offset + i);
      }
    }
    long[] sorted = Arrays.copyOf(packed, count);
    Arrays.sort(sorted);
    int[] acc = new int[Math.min(size, count)];
    int got = 0;
    int t = start;
    for (; t < count && got < acc.length; t++) {
      int i = (int) sorted[t] - offset;
      if (lower == null || !certainlyUnfit(local, choice[i], move[i], lower, upper)) {
        acc[got++] = t;
      }
    }
    int[] account = new int[got];
    long[] keys = new long[got];
    double[] raw = new double[got];
    int[] slot = new int[got];
    double[] from = new double[got * m];
    double[] to = new double[got * m];
    for (int q = 0; q < got; q++) {
      long s = sorted[acc[q]];
      int i = (int) s - offset;
      account[q] = (int) s;
      keys[q] = s;
      raw[q] = keyOf[i];
      slot[q] = move[i] - local.start[i];
      System.arraycopy(local.use, choice[i] * m, from, q * m, m);
      System.arraycopy(local.use, move[i] * m, to, q * m, m);
    }
    double[] neg = new double[m];
    double[] pos = new double[m];
    for (int u = t; u < count; u++) {
      int i = (int) sorted[u] - offset;
      for (int r = 0; r < m; r++) {
        double d = local.use[move[i] * m + r] - local.use[choice[i] * m + r];
        if (d < 0) {
          neg[r] -= d;
        } else {
          pos[r] += d;
        }
      }
    }
    return new Page(account, keys, raw, slot, from, to, t, t < count, neg, pos, count - t);
  }

  /**
   * Whether the driver will certainly reject an upgrade: a row whose use it raises (by more than
   * rounding can hide) ends above its limit even from the lowest reachable use.
   */
  private static boolean certainlyUnfit(Mckp local, int cur, int target, double[] lower,
      double[] upper) {
    int m = local.m;
    for (int r = 0; r < m; r++) {
      double f = local.use[cur * m + r];
      double t = local.use[target * m + r];
      double bound = Math.max(Math.abs(lower[r]), Math.abs(upper[r])) + Math.abs(f) + Math.abs(t);
      if (t - f > 1e-9 * bound
          && lower[r] - f + t > local.rhs[r] + Rounding.tol(local.rhs[r])) {
        return true;
      }
    }
    return false;
  }
}
