package dev.segmentation.allocation.internal;

/**
 * The accounts of an allocation problem together with every account's current candidate, as the steps
 * after the dual see them: the repair and improvement passes of {@link Rounding}, the core search of
 * {@link CoreSearch}, the checks of {@link Diagnose} and the per-account rows of a plan ({@link
 * PlanParts}). Every operation that touches every account is one pass over the accounts, done where
 * they live: on threads over one instance ({@link LocalAccounts}) or as one Spark job over cached
 * partitions. Only small results come back: row sums, proposals of the accounts that propose a move,
 * the few accounts of the core. The decisions (sorting proposals, applying them in order while they
 * help) are made by the caller on one thread, with the same code for every implementation.
 *
 * <p><b>Candidates and slots.</b> Account {@code i}'s candidates are numbered from 0 in candidate
 * (option) order; a "slot" is such a number, so it does not depend on where the account is stored.
 *
 * <p><b>Sums.</b> A sum over all accounts ({@link #usage}, {@link #value}, {@link #minUse}, the bases
 * of {@link #serviceChecks}, {@link Core#otherUsage}) is taken per block of {@link
 * dev.segmentation.core.internal.BlockExecutor#BLOCK_ROWS} accounts (in account order within a block)
 * and the block sums are added in block order, as the dual evaluation does; every implementation must
 * give these sums bit for bit. Proposals must equal those of {@link LocalAccounts} bit for bit.
 *
 * <p>Implementations are stateful (the choice) and used by one thread.
 */
public interface AccountPasses {

  /**
   * Number of accounts.
   *
   * @return {@code n}
   */
  int accounts();

  /**
   * The right-hand side of each row as the solver sees it.
   *
   * @return the rows' right-hand sides (not to be modified)
   */
  double[] rhs();

  /**
   * An independent copy with the same choice (the data is shared).
   *
   * @return the copy
   */
  AccountPasses copy();

  /**
   * Sets every account to its best candidate at the multipliers ({@link Mckp#price}).
   *
   * @param lambda multipliers
   * @param tieWeights weights of the tie-break on use
   * @param known the choice at these multipliers and weights when already computed (global candidate
   *     indices of the single instance, {@code n} entries), or an empty array
   */
  void price(double[] lambda, double[] tieWeights, int[] known);

  /** Sets every account to its {@linkplain Rounding#leastUsing least-using} candidate. */
  void leastUsing();

  /**
   * Row use of the current choice and of every account's {@linkplain Rounding#leastUsing least-using}
   * candidate, for the fast repair ({@link Rounding#repairTowardsLeastUsing(AccountPasses)}).
   *
   * @return {@code 2 m} block sums: the current use per row, then the least-using use per row
   */
  double[] leastUsingSums();

  /**
   * One level of the histogram of the fast repair's ratings ({@link PassKernels#leastUsingMove},
   * bucketed by {@link Rounding#bucket}): for every account not on its least-using candidate and in
   * the level ({@link PassKernels#group}), its use change towards that candidate is added to its
   * group.
   *
   * @param usage row use of the current choice
   * @param scale row scales
   * @param v0 the violation of {@code usage}
   * @param coarse -1 for the first level, else the high byte of the second level
   * @return {@code 256 m + 256} block sums: the use change of group {@code g} and row {@code r} at
   *     {@code g * m + r}, then the number of accounts of each group
   */
  double[] ratingHistogram(double[] usage, double[] scale, double v0, int coarse);

  /**
   * The accounts of one bucket of the fast repair's ratings, as proposals in account order (key: the
   * rating; slot: the least-using candidate).
   *
   * @param usage row use of the current choice
   * @param scale row scales
   * @param v0 the violation of {@code usage}
   * @param bucket the bucket
   * @return the accounts, handed out in account order
   */
  Proposals bucketAccounts(double[] usage, double[] scale, double v0, int bucket);

  /**
   * Moves every account whose rating bucket is below {@code bucket} to its least-using candidate,
   * and the given accounts of that bucket too.
   *
   * @param usage row use of the current choice (that the ratings were computed with)
   * @param scale row scales
   * @param v0 the violation of {@code usage}
   * @param bucket the bucket
   * @param proposals the accounts of the bucket ({@link #bucketAccounts})
   * @param applied positions in {@code proposals} of the accounts to move as well
   * @param count number of entries of {@code applied} used
   */
  void moveBelow(double[] usage, double[] scale, double v0, int bucket, Proposals proposals,
      int[] applied, int count);

  /**
   * Row use of the current choice (block sums in block order).
   *
   * @return use per row
   */
  double[] usage();

  /**
   * Objective value of the current choice (block sums in block order).
   *
   * @return the value
   */
  double value();

  /**
   * The proposals of one repair pass: every account's move that lowers the total scaled violation
   * most per unit of value lost ({@link PassKernels#repairMove}).
   *
   * @param usage row use of the current choice
   * @param scale row scales
   * @param v0 the total scaled violation of {@code usage}
   * @return the proposals, to be tried in order of increasing score
   */
  Proposals repairProposals(double[] usage, double[] scale, double v0);

  /**
   * The proposals of one improvement pass: every account's most efficient upgrade that fits ({@link
   * PassKernels#improveMove}).
   *
   * @param usage row use of the current choice
   * @param prices row prices
   * @param scale row scales
   * @return the proposals, to be tried in order of decreasing efficiency; {@code usage} is the
   *     caller's running row use, which the caller updates as it applies moves (an implementation
   *     that fetches proposals lazily may read it)
   */
  Proposals improveProposals(double[] usage, double[] prices, double[] scale);

  /**
   * Applies some proposals of the last pass.
   *
   * @param proposals the proposals
   * @param applied positions (in {@code proposals}) of the applied moves
   * @param count number of entries of {@code applied} used
   */
  void accept(Proposals proposals, int[] applied, int count);

  /**
   * The core of {@link CoreSearch}: the {@code size} accounts of smallest margin between their two
   * best reduced values (accounts with one candidate excluded; ties: the lower index), with their
   * candidates, their current slots and the row use of every other account.
   *
   * @param lambda multipliers
   * @param size at most this many accounts
   * @return the core (possibly empty)
   */
  Core core(double[] lambda, int size);

  /**
   * Moves accounts to given slots.
   *
   * @param accounts the accounts
   * @param slots their new slots
   */
  void move(int[] accounts, int[] slots);

  /**
   * The whole instance on this thread, for branch and bound (an implementation over a cluster
   * collects every candidate: only for small problems or an explicit exact solve).
   *
   * @return the instance, with {@link #rhs()} as right-hand side
   */
  Mckp whole();

  /**
   * The current choice as candidate indices of {@link #whole()}.
   *
   * @return one candidate per account
   */
  int[] wholeChoice();

  /**
   * Sum over the accounts of each row's least use by any candidate (block sums in block order).
   *
   * @return one sum per row
   */
  double[] minUse();

  /**
   * Data of the check of service levels against capacity rows ({@link Diagnose}), for several pairs.
   *
   * @param serviceRow the service-level row of each pair
   * @param capacityRow the capacity row of each pair
   * @param keep how many of the smallest extra uses to return per pair
   * @return one check per pair
   */
  ServiceCheck[] serviceChecks(int[] serviceRow, int[] capacityRow, int[] keep);

  /**
   * The per-account rows of a plan for the current choice.
   *
   * @param lambda multipliers of the explanation
   * @return the rows, in account order
   */
  Outcomes outcomes(double[] lambda);

  /**
   * Proposed moves of one pass, handed out in the order they are to be tried: by {@link
   * Rounding#sortKey} (the key, ascending for a repair pass and descending for an improvement pass,
   * compared in single precision; ties by account index). {@link #next} gives the position of the
   * next proposal; {@link #account}, {@link #slot}, {@link #from} and {@link #to} describe the
   * proposal at a position. Each account proposes at most once per pass. An implementation may leave
   * out proposals that the caller would certainly reject (an upgrade that cannot fit whatever the
   * moves before it do), and may fetch proposals lazily; it must hand out every other proposal in
   * that order.
   */
  abstract class Proposals {

    /** For subclasses. */
    protected Proposals() {}

    /**
     * The position of the next proposal in order.
     *
     * @return the position, or -1 after the last
     */
    public abstract int next();

    /**
     * The proposing account.
     *
     * @param j the position
     * @return the account index
     */
    public abstract int account(int j);

    /**
     * The proposal's key (its score, efficiency or rating).
     *
     * @param j the position
     * @return the key
     */
    public abstract double key(int j);

    /**
     * The proposed slot.
     *
     * @param j the position
     * @return the slot
     */
    public abstract int slot(int j);

    /**
     * Row use of the proposing account's current candidate.
     *
     * @param j the position
     * @param r the row
     * @return the use
     */
    public abstract double from(int j, int r);

    /**
     * Row use of the proposed candidate.
     *
     * @param j the position
     * @param r the row
     * @return the use
     */
    public abstract double to(int j, int r);
  }

  /** The core of {@link CoreSearch}. */
  final class Core {
    /** Core accounts, increasing. */
    public final int[] account;
    /** Candidate range of each core account, {@code size + 1} entries from 0. */
    public final int[] start;
    /** Option of each candidate. */
    public final int[] option;
    /** Objective value of each candidate. */
    public final double[] value;
    /** Row use of each candidate, {@code m} per candidate. */
    public final double[] use;
    /** Current slot of each core account. */
    public final int[] current;
    /** Row use of every account outside the core (block sums in block order). */
    public final double[] otherUsage;

    /**
     * Wraps arrays (not copied).
     *
     * @param account core accounts
     * @param start candidate ranges
     * @param option options
     * @param value values
     * @param use uses
     * @param current current slots
     * @param otherUsage use of the other accounts
     */
    public Core(int[] account, int[] start, int[] option, double[] value, double[] use,
        int[] current, double[] otherUsage) {
      this.account = account;
      this.start = start;
      this.option = option;
      this.value = value;
      this.use = use;
      this.current = current;
      this.otherUsage = otherUsage;
    }
  }

  /** Data of one service-level check against one capacity row. */
  final class ServiceCheck {
    /** Sum over the accounts of the least use of the capacity row (block sums in block order). */
    public final double base;
    /** Accounts whose every candidate qualifies for the service level. */
    public final long forced;
    /**
     * The smallest extra uses of the capacity row of qualifying over any candidate, of the accounts
     * that have qualifying and non-qualifying candidates, ascending.
     */
    public final double[] smallest;

    /**
     * Creates the data.
     *
     * @param base the base sum
     * @param forced the forced accounts
     * @param smallest the smallest extras, ascending
     */
    public ServiceCheck(double base, long forced, double[] smallest) {
      this.base = base;
      this.forced = forced;
      this.smallest = smallest;
    }
  }

  /** Per-account rows of a plan. */
  final class Outcomes {
    /** Chosen option per account. */
    public final int[] option;
    /** Reduced value of the chosen candidate at the multipliers. */
    public final double[] reduced;
    /** Runner-up option per account, or -1. */
    public final int[] runnerUp;
    /** Margin over the runner-up ({@code +infinity} without one). */
    public final double[] margin;
    /** Value without cost of the chosen candidate. */
    public final double[] gross;
    /** Cost of the chosen candidate. */
    public final double[] cost;
    /** Objective value of the chosen candidate. */
    public final double[] objective;
    /** Row use of the chosen candidate, {@code m} per account. */
    public final double[] use;

    /**
     * Wraps arrays (not copied).
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
    public Outcomes(int[] option, double[] reduced, int[] runnerUp, double[] margin, double[] gross,
        double[] cost, double[] objective, double[] use) {
      this.option = option;
      this.reduced = reduced;
      this.runnerUp = runnerUp;
      this.margin = margin;
      this.gross = gross;
      this.cost = cost;
      this.objective = objective;
      this.use = use;
    }
  }
}
