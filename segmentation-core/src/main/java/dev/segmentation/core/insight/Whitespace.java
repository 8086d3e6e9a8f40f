package dev.segmentation.core.insight;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.RowIssue;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.InsightSupport;
import dev.segmentation.core.internal.KdTree;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.FitLimits;
import dev.segmentation.core.model.FitStatus;
import dev.segmentation.core.model.FitStoppedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Upsell and cross-sell room per account: whitespace (potential minus current revenue) and, when the
 * table has spend columns per product line, the lines an account does not buy yet but similar
 * accounts do.
 *
 * <pre>{@code
 * WhitespaceReport w = Whitespace.builder()
 *     .revenue("revenue").potential("potential")
 *     .productLines("software", "services", "hardware")   // spend per product line
 *     .nearestPeers(fitted, 10)                           // or .segmentPeers(segmentation)
 *     .build()
 *     .compute(accounts);
 * System.out.println(w);
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li><b>Whitespace</b> = {@code max(0, potential - revenue)}, in the table's currency; never
 *       negative. It is {@code NaN} (unknown) when revenue or potential is missing, and such accounts
 *       are counted in {@link WhitespaceReport#missingCount()}. Accounts whose revenue exceeds their
 *       potential get whitespace 0 and the flag {@link AccountWhitespace#overPotential()}; they are
 *       counted in {@link WhitespaceReport#overPotentialCount()} rather than hidden.
 *   <li><b>Buying a line</b>: an account buys a product line when its spend on the line is above
 *       {@link Builder#buyThreshold(double)} (default 0); a missing spend counts as not buying.
 *   <li><b>Peers</b>: either the {@code k} nearest other accounts of the same table in the fitted
 *       criteria's feature space (Euclidean on the transformed, weighted features, found exactly with
 *       a k-d tree; ties: lowest row; accounts without features neither have nor are peers), or all
 *       other accounts of the same segment of a segmentation (matched by id; unassigned accounts have
 *       no peers).
 *   <li><b>Cross-sell</b>: for each line the account does not buy, {@code buyingPeers} = peers that
 *       buy it, {@code peerShare = buyingPeers / peers}, {@code medianSpend} = median (type 7) of the
 *       buying peers' spend on the line, {@code expectedValue = peerShare * medianSpend}. Lines with
 *       no buying peer are not listed. The account's cross-sell value is the sum over its lines.
 * </ul>
 *
 * <p><b>Limits.</b> {@link #compute(AccountTable, FitLimits)} takes a time limit and a cancellation
 * check; the report is all or nothing (a stop throws {@link FitStoppedException}). With segment peers
 * the time is linear in the accounts (each segment's buyers and medians per line are computed once).
 *
 * <p>Results are identical for any {@link Builder#parallelism(int)}. Instances are immutable and
 * safe to share between threads.
 *
 * @since 0.1
 */
public final class Whitespace {

  /** Nearest-peer queries between two stop checks inside a block. */
  private static final int QUERIES_PER_CHECK = 8;

  /** The number of nearest peers unless set otherwise. */
  public static final int DEFAULT_PEERS = 10;

  private final String revenue;
  private final String potential;
  private final List<String> productLines;
  private final double buyThreshold;
  private final FittedCriteria criteria;
  private final int k;
  private final Segmentation segmentation;
  private final int parallelism;
  private final Executor executor;

  private Whitespace(Builder b) {
    this.revenue = b.revenue;
    this.potential = b.potential;
    this.productLines = List.copyOf(b.productLines);
    this.buyThreshold = b.buyThreshold;
    this.criteria = b.criteria;
    this.k = b.k;
    this.segmentation = b.segmentation;
    this.parallelism = b.parallelism;
    this.executor = b.executor;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Computes whitespace and cross-sell for every account of a table. The same as
   * {@link #compute(AccountTable, FitLimits)} with {@link FitLimits#none()}: an interrupt of the
   * calling thread stops it.
   *
   * @param table the accounts
   * @return one entry per account, in table order
   * @throws IllegalArgumentException when a named column is unknown or not numeric
   * @throws DataValidationException when the peer criteria cannot transform the table, a revenue or
   *     potential value is infinite, or the total whitespace overflows
   * @throws FitStoppedException when the calling thread was interrupted (the flag is left set)
   */
  public WhitespaceReport compute(AccountTable table) {
    return compute(table, FitLimits.none());
  }

  /**
   * Computes whitespace and cross-sell for every account of a table under limits: the calculation
   * polls the time limit, the cancellation check and the calling thread's interrupt before each block
   * of 4,096 accounts of the nearest-peer search and every 8 nearest-peer queries inside it (a query
   * in many dimensions can take milliseconds), before each block of 4,096 accounts of the per-account
   * pass, and, with segment peers, before each segment's peer statistics. The report is all or nothing, as
   * {@link Lookalike#score(AccountTable, FitLimits)}: a stop throws, leaving the interrupt flag set.
   * Reading the columns, transforming the table by the criteria and building the search tree run
   * before the first check.
   *
   * <pre>{@code
   * WhitespaceReport w = whitespace.compute(accounts, FitLimits.timeLimit(Duration.ofSeconds(2)));
   * }</pre>
   *
   * @param table the accounts
   * @param limits time limit and cancellation
   * @return one entry per account, in table order
   * @throws IllegalArgumentException when a named column is unknown or not numeric
   * @throws DataValidationException when the peer criteria cannot transform the table, a revenue or
   *     potential value is infinite, or the total whitespace overflows
   * @throws FitStoppedException when a limit fired before every account was computed (status
   *     {@link FitStatus#CANCELLED} or {@link FitStatus#TIME_LIMIT})
   * @since 0.1
   */
  public WhitespaceReport compute(AccountTable table, FitLimits limits) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(limits, "limits");
    int n = table.rowCount();
    Stop stop = new Stop(limits, n);
    double[] rev = InsightSupport.finiteNumeric(table, revenue, "revenue column");
    double[] pot = InsightSupport.finiteNumeric(table, potential, "potential column");
    int lines = productLines.size();
    double[][] spend = new double[lines][];
    for (int l = 0; l < lines; l++) {
      spend[l] = InsightSupport.numeric(table, productLines.get(l), "product line column");
    }
    String[] note = new String[n];
    Arrays.fill(note, "");
    int[][] peersOf = new int[n][];
    SegmentPeers bySegment = null;
    if (lines > 0) {
      if (criteria != null) {
        nearestPeers(table, peersOf, note, stop);
      } else {
        bySegment = segmentPeers(table, spend, note, stop);
      }
    }
    List<AccountWhitespace> out = new ArrayList<>(n);
    double[] values = new double[16];
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (i % BlockExecutor.BLOCK_ROWS == 0) {
        stop.check();
      }
      double r = rev[i];
      double p = pot[i];
      double ws;
      boolean over = false;
      String text = note[i];
      if (Double.isNaN(r) || Double.isNaN(p)) {
        ws = Double.NaN;
        text = join(Double.isNaN(r) && Double.isNaN(p) ? "revenue and potential missing"
            : Double.isNaN(r) ? "revenue missing" : "potential missing", text);
      } else {
        ws = Math.max(0.0, p - r);
        over = r > p;
      }
      List<CrossSell> cross = new ArrayList<>();
      int[] peers = peersOf[i];
      int pc = bySegment != null ? bySegment.peerCount(i) : peers == null ? 0 : peers.length;
      if (pc > 0) {
        for (int l = 0; l < lines; l++) {
          double[] s = spend[l];
          if (s[i] > buyThreshold) {
            continue;
          }
          int buyers;
          double med;
          if (bySegment != null) {
            // the account does not buy the line, so the buying peers are the segment's buyers
            buyers = bySegment.buyers[bySegment.seg[i]][l];
            med = bySegment.median[bySegment.seg[i]][l];
          } else {
            if (values.length < pc) {
              values = new double[pc];
            }
            buyers = 0;
            for (int q : peers) {
              if (s[q] > buyThreshold) {
                values[buyers++] = s[q];
              }
            }
            med = buyers > 0 ? InsightSupport.median(values, buyers) : Double.NaN;
          }
          if (buyers > 0) {
            double share = (double) buyers / pc;
            cross.add(new CrossSell(productLines.get(l), buyers, share, med, share * med));
          }
        }
        cross.sort((a, b) -> Double.compare(b.expectedValue(), a.expectedValue()));
      }
      out.add(new AccountWhitespace(table.id(i), r, p, ws, over, pc, cross, text));
      if (!Double.isNaN(ws)) {
        total += ws;
      }
    }
    InsightSupport.finiteTotal(total, "the total whitespace (potential - revenue)", potential);
    return new WhitespaceReport(revenue, potential, productLines, buyThreshold, peerDescription(),
        out);
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a + "; " + b;
  }

  private String peerDescription() {
    if (productLines.isEmpty()) {
      return "none";
    }
    return criteria != null ? k + " nearest accounts in the criteria space" : "same segment";
  }

  private void nearestPeers(AccountTable table, int[][] peersOf, String[] note, Stop stop) {
    FeatureMatrix x = criteria.transform(table);
    int n = table.rowCount();
    int d = criteria.dimension();
    for (RowIssue issue : x.issues()) {
      note[issue.row()] = "no peers: no features (" + issue.reason().name() + ": criterion '"
          + issue.criterion() + "')";
    }
    int[] complete = new int[n];
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (x.isComplete(i)) {
        complete[c++] = i;
      }
    }
    int m = c;
    complete = Arrays.copyOf(complete, m);
    double[] data = x.toArray();
    stop.check();
    KdTree tree = KdTree.build(data, d, complete);
    int[] rows = complete;
    runBlocks(BlockExecutor.blocks(m), stop, b -> {
      if (stop.fired()) {
        return;
      }
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(m, from + BlockExecutor.BLOCK_ROWS);
      int[] nb = new int[k];
      double[] nd = new double[k];
      for (int t = from; t < to; t++) {
        // a query can be slow (many features, clustered data), so the check is finer than a block
        if (((t - from) & (QUERIES_PER_CHECK - 1)) == 0 && t > from && stop.fired()) {
          return;
        }
        int i = rows[t];
        int found = tree.nearest(data, i * d, k, i, nb, nd);
        peersOf[i] = Arrays.copyOf(nb, found);
      }
    });
    stop.check();
    for (int i = 0; i < n; i++) {
      if (note[i].isEmpty() && (peersOf[i] == null || peersOf[i].length == 0)) {
        note[i] = "no peers: the only account with features";
      }
    }
  }

  /**
   * Segment peers, kept per segment rather than per account: an account's peers are the other
   * members of its segment, and since cross-sell looks only at lines the account does not buy, its
   * buying peers on such a line are exactly the segment's buyers (the same count and median as
   * listing the other members one by one, in time linear in the accounts).
   */
  private static final class SegmentPeers {
    final int[] seg;
    final int[] size;
    final int[][] buyers;
    final double[][] median;

    SegmentPeers(int[] seg, int[] size, int[][] buyers, double[][] median) {
      this.seg = seg;
      this.size = size;
      this.buyers = buyers;
      this.median = median;
    }

    int peerCount(int i) {
      return seg[i] < 0 ? 0 : size[seg[i]] - 1;
    }
  }

  private SegmentPeers segmentPeers(AccountTable table, double[][] spend, String[] note, Stop stop) {
    int[] seg = InsightSupport.segmentsById(segmentation, table);
    int segments = segmentation.segments().size();
    int[] count = new int[segments];
    for (int s : seg) {
      if (s >= 0) {
        count[s]++;
      }
    }
    int[][] members = new int[segments][];
    for (int s = 0; s < segments; s++) {
      members[s] = new int[count[s]];
    }
    int[] fill = new int[segments];
    for (int i = 0; i < seg.length; i++) {
      if (seg[i] >= 0) {
        members[seg[i]][fill[seg[i]]++] = i;
      }
    }
    int lines = spend.length;
    int[][] buyers = new int[segments][lines];
    double[][] median = new double[segments][lines];
    double[] values = new double[0];
    for (int s = 0; s < segments; s++) {
      int[] all = members[s];
      if (values.length < all.length) {
        values = new double[all.length];
      }
      for (int l = 0; l < lines; l++) {
        stop.check();
        double[] sp = spend[l];
        int b = 0;
        for (int q : all) {
          if (sp[q] > buyThreshold) {
            values[b++] = sp[q];
          }
        }
        buyers[s][l] = b;
        median[s][l] = b > 0 ? InsightSupport.median(values, b) : Double.NaN;
      }
    }
    for (int i = 0; i < seg.length; i++) {
      if (seg[i] == Assignment.UNASSIGNED) {
        note[i] = "no peers: no segment";
      } else if (count[seg[i]] <= 1) {
        note[i] = "no peers: the only account of its segment";
      }
    }
    return new SegmentPeers(seg, count, buyers, median);
  }

  /**
   * Runs {@code task} for every block on a {@link BlockExecutor} (the calling thread with parallelism
   * 1, else the caller's executor or a private pool; each block writes its own accounts, so the split
   * does not change the result). An interrupt of the calling thread while it waits is recorded by the
   * executor ({@link BlockExecutor#interruptSeen()}) and passed to {@code stop}, so the blocks' checks
   * see it; the flag is set again before this returns.
   */
  private void runBlocks(int blocks, Stop stop, IntConsumer task) {
    try (BlockExecutor exec = BlockExecutor.create(parallelism, executor)) {
      exec.run(blocks, b -> {
        if (exec.interruptSeen()) {
          stop.interrupted();
        }
        task.accept(b);
      });
      if (exec.interruptSeen()) {
        stop.interrupted();
      }
    }
  }

  /** The stop check of one call; remembers the first reason. Safe to poll from worker threads. */
  private static final class Stop {
    private final long started = System.nanoTime();
    private final long budget;
    private final BooleanSupplier cancelled;
    private final Thread owner = Thread.currentThread();
    private final AtomicReference<FitStatus> reason = new AtomicReference<>();
    private final int n;

    Stop(FitLimits limits, int n) {
      long b;
      try {
        b = limits.timeLimit().map(Duration::toNanos).orElse(Long.MAX_VALUE);
      } catch (ArithmeticException e) {
        b = Long.MAX_VALUE;
      }
      this.budget = b;
      this.cancelled = limits.cancellation();
      this.n = n;
    }

    boolean fired() {
      if (reason.get() != null) {
        return true;
      }
      if (owner.isInterrupted() || cancelled.getAsBoolean()) {
        reason.compareAndSet(null, FitStatus.CANCELLED);
        return true;
      }
      if (budget != Long.MAX_VALUE && System.nanoTime() - started >= budget) {
        reason.compareAndSet(null, FitStatus.TIME_LIMIT);
        return true;
      }
      return false;
    }

    /** Records an interrupt of the calling thread seen while it waited for the blocks. */
    void interrupted() {
      reason.compareAndSet(null, FitStatus.CANCELLED);
    }

    void check() {
      if (fired()) {
        throw new FitStoppedException(reason.get(), "Whitespace of " + n + " accounts");
      }
    }
  }

  /**
   * Returns one line with every parameter.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "Whitespace[revenue=%s, potential=%s, productLines=%s, buyThreshold=%s, peers=%s]",
        revenue, potential, productLines, buyThreshold, peerDescription());
  }

  /**
   * Builds a {@link Whitespace}. Mutable and not thread-safe; {@link #build()} copies.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String revenue;
    private String potential;
    private final Set<String> productLines = new LinkedHashSet<>();
    private double buyThreshold;
    private FittedCriteria criteria;
    private int k = DEFAULT_PEERS;
    private Segmentation segmentation;
    private int parallelism = 1;
    private Executor executor;

    private Builder() {}

    /**
     * Sets the numeric column of current revenue (required).
     *
     * @param column the column name
     * @return this builder
     */
    public Builder revenue(String column) {
      this.revenue = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Sets the numeric column of potential (required), in the same currency as revenue.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder potential(String column) {
      this.potential = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Adds product lines: numeric columns of spend per line. Cross-sell is computed only with
     * product lines.
     *
     * @param columns spend column names, each the name of its line
     * @return this builder
     * @throws IllegalStateException when a line is added twice
     */
    public Builder productLines(String... columns) {
      for (String c : Objects.requireNonNull(columns, "columns")) {
        if (!productLines.add(Objects.requireNonNull(c, "column"))) {
          throw new IllegalStateException("Product line '" + c + "' is added twice.");
        }
      }
      return this;
    }

    /**
     * Sets the spend above which an account buys a line (default 0).
     *
     * @param threshold a finite threshold
     * @return this builder
     * @throws IllegalArgumentException when the threshold is not finite
     */
    public Builder buyThreshold(double threshold) {
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException(
            "Whitespace.buyThreshold must be finite, was " + threshold + ".");
      }
      this.buyThreshold = threshold;
      return this;
    }

    /**
     * Uses the {@code k} nearest other accounts in the criteria's feature space as peers.
     *
     * @param criteria the fitted criteria that define the space
     * @param k the number of peers, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public Builder nearestPeers(FittedCriteria criteria, int k) {
      if (k < 1) {
        throw new IllegalArgumentException("Whitespace.nearestPeers k must be >= 1, was " + k + ".");
      }
      this.criteria = Objects.requireNonNull(criteria, "criteria");
      this.k = k;
      this.segmentation = null;
      return this;
    }

    /**
     * Uses the other accounts of the same segment as peers.
     *
     * @param segmentation the segmentation, matched to the table by account id
     * @return this builder
     */
    public Builder segmentPeers(Segmentation segmentation) {
      this.segmentation = Objects.requireNonNull(segmentation, "segmentation");
      this.criteria = null;
      return this;
    }

    /**
     * Sets the number of threads of the nearest-peer search (default 1). Results do not depend on
     * it.
     *
     * @param threads the number of threads, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException(
            "Whitespace.parallelism must be >= 1, was " + threads + ".");
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Runs the nearest-peer search on the caller's executor.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the calculation.
     *
     * @return the calculation
     * @throws IllegalStateException when revenue or potential is not set, or product lines are given
     *     without peers
     */
    public Whitespace build() {
      if (revenue == null || potential == null) {
        throw new IllegalStateException("Whitespace needs revenue(column) and potential(column).");
      }
      if (!productLines.isEmpty() && criteria == null && segmentation == null) {
        throw new IllegalStateException("Whitespace with product lines needs peers: call "
            + "nearestPeers(fittedCriteria, k) or segmentPeers(segmentation).");
      }
      return new Whitespace(this);
    }
  }
}
