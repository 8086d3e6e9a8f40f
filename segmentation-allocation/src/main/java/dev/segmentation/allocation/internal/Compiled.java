package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.Objective;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.model.Condition;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * An allocation problem compiled to arrays: the {@link Mckp} instance plus what is needed to report a
 * plan in the problem's terms (limit names and kinds, per-candidate value and cost, segment of each
 * account). Rows are ordered: roles, then the budget (if finite), then service levels.
 */
public final class Compiled {

  /** The instance (objective = value or value minus cost). */
  public final Mckp mckp;
  /** Name of each row. */
  public final String[] rowName;
  /** Kind of each row. */
  public final LimitKind[] rowKind;
  /** Value (without cost) of each candidate. */
  public final double[] grossValue;
  /** Money cost of each candidate. */
  public final double[] cost;
  /** The options, by option index. */
  public final List<CoverageOption> options;
  /** Segment id of each account, or null. */
  public final String[] segmentOf;
  /** Account ids. */
  public final List<String> ids;
  /** Number of role rows. */
  public final int roleRows;
  /** Index of the budget row, or -1. */
  public final int budgetRow;
  /**
   * The problem's amount of each row, as reported in plans; the instance's {@code rhs} may be lower
   * where a limit exceeds what all accounts together could ever use (see {@link #solverRhs}).
   */
  public final double[] capacity;

  private Compiled(Mckp mckp, String[] rowName, LimitKind[] rowKind, double[] grossValue,
      double[] cost, List<CoverageOption> options, String[] segmentOf, List<String> ids, int roleRows,
      int budgetRow, double[] capacity) {
    this.mckp = mckp;
    this.capacity = capacity;
    this.rowName = rowName;
    this.rowKind = rowKind;
    this.grossValue = grossValue;
    this.cost = cost;
    this.options = options;
    this.segmentOf = segmentOf;
    this.ids = ids;
    this.roleRows = roleRows;
    this.budgetRow = budgetRow;
  }

  /**
   * Compiles a problem.
   *
   * @param p the problem
   * @return the compiled form
   * @throws DataValidationException when a per-account amount is missing or not finite
   */
  public static Compiled compile(AllocationProblem p) {
    AccountTable t = p.accounts();
    String[] segmentOf = new String[t.rowCount()];
    for (int i = 0; i < segmentOf.length; i++) {
      segmentOf[i] = p.segmentOf(i).orElse(null);
    }
    return compile(p, t, segmentOf);
  }

  /** The limit rows of a problem: names, kinds and right-hand sides (service levels from segments). */
  private static final class Rows {
    String[] name;
    LimitKind[] kind;
    double[] rhs;
    int budgetRow = -1;
    int slStart;
  }

  private static Rows rows(AllocationProblem p, String[] segmentOf) {
    List<Role> roles = p.roles();
    boolean hasBudget = Double.isFinite(p.budget());
    List<ServiceLevel> levels = p.serviceLevels();
    int m = roles.size() + (hasBudget ? 1 : 0) + levels.size();
    Rows out = new Rows();
    String[] rowName = new String[m];
    LimitKind[] rowKind = new LimitKind[m];
    double[] rhs = new double[m];
    int r = 0;
    for (Role role : roles) {
      rowName[r] = role.name();
      rowKind[r] = LimitKind.ROLE_HOURS;
      rhs[r++] = role.hours();
    }
    if (hasBudget) {
      out.budgetRow = r;
      rowName[r] = "budget";
      rowKind[r] = LimitKind.BUDGET;
      rhs[r++] = p.budget();
    }
    out.slStart = r;
    for (ServiceLevel sl : levels) {
      int size = 0;
      for (String s : segmentOf) {
        if (sl.segment().equals(s)) {
          size++;
        }
      }
      rowName[r] = sl.name();
      rowKind[r] = LimitKind.SERVICE_LEVEL;
      rhs[r++] = -Math.ceil(sl.minShare() * size - 1e-9);
    }
    out.name = rowName;
    out.kind = rowKind;
    out.rhs = rhs;
    return out;
  }

  /**
   * Compiles the accounts of a table with the options, limits, response model, objective and locks of
   * a problem (whose own accounts are not read). Locks of accounts not in the table are ignored.
   * Service-level right-hand sides count the segments of this table only: a block compiled here is
   * combined with others by {@link #assemble}, which recomputes them over all accounts.
   *
   * @param p the problem supplying everything but the accounts
   * @param t the accounts
   * @param segmentOf segment id of each account of {@code t}, or {@code null}
   * @return the compiled form
   * @throws DataValidationException when a per-account amount is missing or not finite
   */
  public static Compiled compile(AllocationProblem p, AccountTable t, String[] segmentOf) {
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      return compile(p, t, segmentOf, exec);
    }
  }

  /**
   * Compiles a problem, the per-account passes in blocks of {@link BlockExecutor#BLOCK_ROWS} accounts
   * on {@code exec}. Every account is compiled on its own and the candidates are laid out in account
   * order, so the result equals that of one thread; the first invalid account (in table order) is
   * reported whatever the number of threads. A Java {@linkplain AllocationProblem#valueFunction value
   * function} is called on the calling thread only, in account order.
   *
   * @param p the problem
   * @param exec the executor of the per-account passes
   * @return the compiled form
   * @throws DataValidationException when a per-account amount is missing or not finite
   */
  public static Compiled compile(AllocationProblem p, BlockExecutor exec) {
    AccountTable t = p.accounts();
    String[] segmentOf = new String[t.rowCount()];
    for (int i = 0; i < segmentOf.length; i++) {
      segmentOf[i] = p.segmentOf(i).orElse(null);
    }
    return compile(p, t, segmentOf, exec);
  }

  /**
   * Compiles the accounts of a table as {@link #compile(AllocationProblem, AccountTable, String[])}
   * does, the per-account passes in blocks on {@code exec} (the result does not depend on the number
   * of threads).
   *
   * @param p the problem supplying everything but the accounts
   * @param t the accounts
   * @param segmentOf segment id of each account of {@code t}, or {@code null}
   * @param exec the executor of the per-account passes
   * @return the compiled form
   * @throws DataValidationException when a per-account amount is missing or not finite
   */
  public static Compiled compile(
      AllocationProblem p, AccountTable t, String[] segmentOf, BlockExecutor exec) {
    int n = t.rowCount();
    List<CoverageOption> options = p.options();
    int o = options.size();
    List<Role> roles = p.roles();
    List<ServiceLevel> levels = p.serviceLevels();
    Rows rows = rows(p, segmentOf);
    String[] rowName = rows.name;
    LimitKind[] rowKind = rows.kind;
    double[] rhs = rows.rhs;
    int m = rhs.length;
    int budgetRow = rows.budgetRow;
    int slStart = rows.slStart;
    int blocks = BlockExecutor.blocks(n);
    // per-option, per-account amounts
    double[][] hours = new double[o][];
    double[][] costs = new double[o][];
    double[][] values = new double[o][];
    IntPredicate[] eligible = new IntPredicate[o];
    ResponseModel rm = p.responseModel().orElse(null);
    double[] revenue = rm == null ? null : column(t, rm.revenueColumn(), "response model revenue");
    double[] potential = rm == null ? null : column(t, rm.potentialColumn(), "response model potential");
    for (int q = 0; q < o; q++) {
      CoverageOption opt = options.get(q);
      hours[q] = new double[roles.size() * n];
      for (int rr = 0; rr < roles.size(); rr++) {
        PerAccount h = opt.hours().get(roles.get(rr).name());
        if (h != null) {
          double[] v = amounts(t, h, "hours of role '" + roles.get(rr).name() + "' of option '"
              + opt.id() + "'", true);
          double[] into = hours[q];
          int col = rr;
          int stride = roles.size();
          exec.run(blocks, b -> {
            int to = Math.min(n, (b + 1) * BlockExecutor.BLOCK_ROWS);
            for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
              into[i * stride + col] = v[i];
            }
          });
        }
      }
      costs[q] = amounts(t, opt.cost(), "cost of option '" + opt.id() + "'", true);
      values[q] = new double[n];
      if (opt.value().isPresent()) {
        values[q] = amounts(t, opt.value().get(), "value of option '" + opt.id() + "'", false);
      } else if (rm != null) {
        double[] into = values[q];
        exec.run(blocks, b -> {
          int to = Math.min(n, (b + 1) * BlockExecutor.BLOCK_ROWS);
          for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
            into[i] = rm.value(revenue[i], potential[i], opt.retention(), opt.effort());
          }
        });
      } else if (p.valueFunction().isPresent()) {
        // user code: called on this thread, in account order
        for (int i = 0; i < n; i++) {
          double v;
          try {
            v = p.valueFunction().get().value(t.row(i), opt);
          } catch (RuntimeException e) {
            throw new DataValidationException("Value function failed for account \"" + t.id(i)
                + "\" and option '" + opt.id() + "': " + e, t.id(i), null, -1, e);
          }
          if (!Double.isFinite(v)) {
            throw new DataValidationException(String.format(Locale.ROOT,
                "Value function gave %s for account \"%s\" and option '%s'; expected a finite value.",
                v, t.id(i), opt.id()), t.id(i), null, -1, null);
          }
          values[q][i] = v;
        }
      }
      IntPredicate bySegment = opt.segments().isEmpty() || opt.channel() == Channel.NONE
          ? i -> true : i -> segmentOf[i] != null && opt.segments().contains(segmentOf[i]);
      IntPredicate byCondition = opt.eligibleWhen().isEmpty() || opt.channel() == Channel.NONE
          ? i -> true : Condition.parse(opt.eligibleWhen().get()).bind(t);
      eligible[q] = i -> bySegment.test(i) && byCondition.test(i);
    }
    int[] locked = new int[n];
    java.util.Arrays.fill(locked, -1);
    for (java.util.Map.Entry<String, String> e : p.locks().entrySet()) {
      java.util.OptionalInt at = t.indexOf(e.getKey());
      if (at.isEmpty()) {
        continue;
      }
      int i = at.getAsInt();
      for (int q = 0; q < o; q++) {
        if (options.get(q).id().equals(e.getValue())) {
          locked[i] = q;
        }
      }
    }
    // which options count for which service level
    boolean[][] qualifies = new boolean[levels.size()][o];
    for (int s = 0; s < levels.size(); s++) {
      for (int q = 0; q < o; q++) {
        qualifies[s][q] = levels.get(s).qualifies(options.get(q));
      }
    }
    // candidates: counted per account (start[i + 1] holds the count first), then laid out
    boolean[] open = new boolean[n * o];
    int[] start = new int[n + 1];
    exec.run(blocks, b -> {
      int to = Math.min(n, (b + 1) * BlockExecutor.BLOCK_ROWS);
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
        int count = 0;
        for (int q = 0; q < o; q++) {
          boolean yes = locked[i] >= 0 ? locked[i] == q : eligible[q].test(i);
          open[i * o + q] = yes;
          if (yes) {
            count++;
          }
        }
        start[i + 1] = count;
      }
    });
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int count = start[n];
    int[] option = new int[count];
    double[] value = new double[count];
    double[] gross = new double[count];
    double[] cost = new double[count];
    double[] use = new double[count * m];
    boolean profit = p.objective() == Objective.PROFIT;
    int nr = roles.size();
    String[] levelSegment = new String[levels.size()];
    for (int s = 0; s < levels.size(); s++) {
      levelSegment[s] = levels.get(s).segment();
    }
    exec.run(blocks, b -> {
      int to = Math.min(n, (b + 1) * BlockExecutor.BLOCK_ROWS);
      boolean[] inLevel = new boolean[levelSegment.length];
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
        for (int s = 0; s < levelSegment.length; s++) {
          inLevel[s] = levelSegment[s].equals(segmentOf[i]);
        }
        int k = start[i];
        for (int q = 0; q < o; q++) {
          if (!open[i * o + q]) {
            continue;
          }
          option[k] = q;
          gross[k] = values[q][i];
          cost[k] = costs[q][i];
          value[k] = profit ? gross[k] - cost[k] : gross[k];
          for (int rr = 0; rr < nr; rr++) {
            use[k * m + rr] = hours[q][i * nr + rr];
          }
          if (budgetRow >= 0) {
            use[k * m + budgetRow] = cost[k];
          }
          for (int s = 0; s < levelSegment.length; s++) {
            if (inLevel[s] && qualifies[s][q]) {
              use[k * m + slStart + s] = -1.0;
            }
          }
          k++;
        }
      }
    });
    Mckp mckp = new Mckp(n, m, start, option, value, use, solverRhs(rhs, n, m, start, use));
    return new Compiled(mckp, rowName, rowKind, gross, cost, options, segmentOf, t.ids(), nr,
        budgetRow, rhs);
  }

  /**
   * Assembles compiled blocks, concatenated in account order, into the compiled form of the whole
   * problem; the rows (and the service-level right-hand sides) are computed over all accounts, so the
   * result equals {@link #compile(AllocationProblem)} of a problem with all the accounts.
   *
   * @param p the problem supplying the options and limits
   * @param ids account ids, in order
   * @param segmentOf segment of each account, or {@code null}
   * @param start candidate ranges, {@code n + 1} entries
   * @param option option per candidate
   * @param value objective value per candidate
   * @param gross value (without cost) per candidate
   * @param cost money cost per candidate
   * @param use row use per candidate, {@code m} per candidate
   * @return the compiled form (arrays not copied)
   */
  public static Compiled assemble(AllocationProblem p, List<String> ids, String[] segmentOf,
      int[] start, int[] option, double[] value, double[] gross, double[] cost, double[] use) {
    Rows rows = rows(p, segmentOf);
    int m = rows.rhs.length;
    Mckp mckp = new Mckp(ids.size(), m, start, option, value, use,
        solverRhs(rows.rhs, ids.size(), m, start, use));
    return new Compiled(mckp, rows.name, rows.kind, gross, cost, p.options(), segmentOf,
        List.copyOf(ids), p.roles().size(), rows.budgetRow, rows.rhs);
  }

  /**
   * The right-hand sides the solver works with: a limit (hours, budget) above the most that all
   * accounts together could use can never bind, so it is lowered to twice that total (at least one
   * more unit). Plans are the same; the solver avoids the overflow and the stalled cutting planes that
   * amounts like {@code 1e308} caused. Service-level rows (negative right-hand sides) are kept.
   */
  static double[] solverRhs(double[] rhs, int n, int m, int[] start, double[] use) {
    double[] out = rhs.clone();
    boolean any = false;
    for (int r = 0; r < m; r++) {
      any |= rhs[r] > 0;
    }
    if (!any) {
      return out;
    }
    // one pass over the candidates; each row's total is summed in account order
    double[] total = new double[m];
    double[] most = new double[m];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(most, 0.0);
      for (int k = start[i]; k < start[i + 1]; k++) {
        for (int r = 0; r < m; r++) {
          most[r] = Math.max(most[r], use[k * m + r]);
        }
      }
      for (int r = 0; r < m; r++) {
        total[r] += most[r];
      }
    }
    for (int r = 0; r < m; r++) {
      if (!(rhs[r] > 0)) {
        continue;
      }
      double roomy = total[r] + Math.max(1.0, total[r]);
      if (Double.isFinite(roomy) && rhs[r] > roomy) {
        out[r] = roomy;
      }
    }
    return out;
  }

  private static double[] column(AccountTable t, String name, String what) {
    NumericColumn c;
    try {
      c = t.numeric(name);
    } catch (IllegalArgumentException e) {
      throw new DataValidationException("The " + what + " column: " + e.getMessage(), null, name, -1, e);
    }
    double[] v = c.toArray();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new DataValidationException(String.format(Locale.ROOT,
            "Column '%s' (%s), account \"%s\": %s; expected a finite number.", name, what, t.id(i),
            Double.isNaN(v[i]) ? "the value is missing" : "the value is " + v[i]),
            t.id(i), name, -1, null);
      }
    }
    return v;
  }

  private static double[] amounts(AccountTable t, PerAccount a, String what, boolean nonNegative) {
    int n = t.rowCount();
    double[] v;
    if (a.column() == null) {
      v = new double[n];
      java.util.Arrays.fill(v, a.constant());
    } else {
      v = column(t, a.column(), what);
    }
    if (nonNegative) {
      for (int i = 0; i < n; i++) {
        if (v[i] < 0) {
          throw new DataValidationException(String.format(Locale.ROOT,
              "%s, account \"%s\": %s is negative; expected a value >= 0.", what, t.id(i), v[i]),
              t.id(i), a.column(), -1, null);
        }
      }
    }
    return v;
  }

  /**
   * Returns the names of the rows in order, as a list.
   *
   * @return the row names
   */
  public List<String> rowNames() {
    return new ArrayList<>(List.of(rowName));
  }
}
