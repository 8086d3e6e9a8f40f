package dev.segmentation.spark;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.internal.PlanParts;
import dev.segmentation.allocation.internal.Solver;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.spark.internal.AllocationBlocks;
import dev.segmentation.spark.internal.RowBlockConverter;
import dev.segmentation.spark.internal.SparkAccounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Solves a coverage allocation problem whose accounts are a Spark {@code Dataset<Row>}: the options,
 * roles, budget, service levels, response model, objective, locks and method come from a template
 * {@link AllocationProblem} (its own accounts are not used), the per-account data from the dataset.
 *
 * <pre>{@code
 * AllocationProblem template = AllocationProblem.builder()
 *     .accounts(sample)                            // any small table with the same columns
 *     .role(Role.of("field", 12_000)).budget(400_000)
 *     .option(...).option(...)
 *     .build();
 * AllocationPlan plan = SparkAllocation.builder(template)
 *     .idColumn("customer_id")                     // default "id"
 *     .segmentColumn("segment")                    // optional: the account's segment id
 *     .build()
 *     .solve(accounts, SolveLimits.defaults());
 * }</pre>
 *
 * <p><b>Same plan as one machine.</b> Accounts are numbered in the dataset's order (partition index,
 * then position in the partition). The plan equals {@code problem.solve(limits)} of the problem with
 * the template's settings and those accounts in that order (with the same segments), compared by
 * {@link AllocationPlan#equals} (bit for bit), under the same iteration limit; time limits and
 * cancellation during a solve are not reproducible on either side (a solve cancelled before it starts
 * gives the same plan: the fast repair after a stop runs in the partitions too).
 *
 * <p><b>What runs where.</b> Each partition compiles its accounts into candidate arrays (value, cost
 * and hours of every eligible option), which stay cached on the executors; the driver never collects
 * them (except for branch and bound, below). Every step that touches every account is a Spark job
 * whose per-account work runs in the partitions with the single-machine kernels, and the driver makes
 * the decisions on one thread with the single-machine code:
 * <ul>
 *   <li>the first job compiles the partitions and returns the account ids and segments (the plan
 *       lists them) and what the dual's multiplier box needs; the checks of single limits and
 *       service levels are sums over the accounts (block sums) plus, per service level and limit,
 *       the smallest extra uses the level needs;
 *   <li>every evaluation of the Lagrangian dual (tens to hundreds) is one job: the multipliers (one
 *       per limit) travel out, sums per block of 4,096 accounts come back, added in block order as
 *       on one machine (a block split between partitions is continued from its first part's sum in
 *       a second job when its per-account terms would come to more than 256 KiB in all);
 *   <li>the rounding: the choice of every account is a rule broadcast with each job (the best
 *       candidate at the final prices, after a stop the fast repair's rule "every account rated
 *       below a bucket takes its least-using candidate", then the few accounts the driver moved);
 *       each repair or improvement pass returns proposals page by page in the order they are
 *       tried, so a pass stops fetching once the plan is feasible, and upgrades that certainly no
 *       longer fit are left out;
 *       the core search returns each partition's smallest margins, then the candidates of the 48
 *       core accounts;
 *   <li>the plan comes back as one outcome row per account (option, explanation, value, cost, use).
 * </ul>
 * What reaches the driver, with {@code m} limits: about {@code 8 m} bytes per block of 4,096 accounts
 * for each sum (plus {@code 8 m} per account of a block begun in an earlier partition, fewer than
 * 4,096 per partition); {@code 16 + 16 m} bytes per proposal fetched; {@code 12} bytes per account
 * of each partition's smallest margins and {@code 12 + 8 m} per core candidate; {@code 56 + 8 m}
 * bytes per outcome row, and the ids and segments; for the check of each service level against each
 * limit, at most the level's required number of smallest extra uses (8 bytes each) per partition.
 * Branch and bound ({@link
 * dev.segmentation.allocation.SolveMethod#EXACT}, or {@code AUTO} up to {@link
 * AllocationProblem#EXACT_AUTO_LIMIT} accounts) works on the whole instance, so it collects every
 * candidate (about {@code 12 + 8 m} bytes each). The driver's memory thus grows with the number of
 * accounts only through the plan itself and the accounts it moved.
 *
 * <p>Column types follow {@link SparkSegmenter}: numeric Spark columns are numbers, string and boolean
 * columns categorical (for {@code eligibleWhen} conditions); {@code null} is a missing value. The
 * segment column is read as strings ({@code null} or {@code ""}: no segment).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SparkAllocation {

  /** Default number of rows converted and compiled together. */
  public static final int DEFAULT_BLOCK_SIZE = 4096;

  private final AllocationProblem template;
  private final String templateJson;
  private final String idColumn;
  private final String segmentColumn;
  private final int blockSize;

  private SparkAllocation(Builder b, String json) {
    this.template = b.template;
    this.templateJson = json;
    this.idColumn = b.idColumn;
    this.segmentColumn = b.segmentColumn;
    this.blockSize = b.blockSize;
  }

  /**
   * Starts a distributed solve for the settings of a problem.
   *
   * @param template the options, limits, response model, objective, service levels, locks and method
   *     (its accounts are ignored; it must have no Java value function)
   * @return a new builder
   */
  public static Builder builder(AllocationProblem template) {
    Objects.requireNonNull(template, "template");
    return new Builder(template);
  }

  /**
   * Returns the template problem.
   *
   * @return the template
   */
  public AllocationProblem template() {
    return template;
  }

  /**
   * Solves with the default limits.
   *
   * @param accounts the accounts: the id column, the segment column if set, and every column the
   *     options and the response model read
   * @return the plan
   * @throws DataValidationException when a column is missing, ids repeat, the dataset is empty or a
   *     value is missing or not finite (names the account)
   * @throws IllegalArgumentException when a lock names an account that is not in the dataset or a
   *     service level names a segment no account belongs to
   */
  public AllocationPlan solve(Dataset<Row> accounts) {
    return solve(accounts, SolveLimits.defaults());
  }

  /**
   * Solves within limits.
   *
   * @param accounts the accounts: the id column, the segment column if set, and every column the
   *     options and the response model read
   * @param limits iteration, time and cancellation limits (a dual evaluation is one Spark job)
   * @return the plan, equal to the single-machine plan on the same accounts in dataset order
   * @throws DataValidationException when a column is missing, ids repeat, the dataset is empty or a
   *     value is missing or not finite (names the account)
   * @throws IllegalArgumentException when a lock names an account that is not in the dataset or a
   *     service level names a segment no account belongs to
   */
  public AllocationPlan solve(Dataset<Row> accounts, SolveLimits limits) {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(limits, "limits");
    StructType schema = accounts.schema();
    int segmentIndex = -1;
    if (segmentColumn != null) {
      segmentIndex = RowBlockConverter.fieldIndex(schema, segmentColumn, "the segment column");
      if (!(schema.fields()[segmentIndex].dataType() instanceof StringType)) {
        throw new DataValidationException("Segment column '" + segmentColumn + "' has Spark type "
            + schema.fields()[segmentIndex].dataType().simpleString() + "; expected a string column.",
            null, segmentColumn, -1, null);
      }
    }
    RowBlockConverter.fieldIndex(schema, idColumn, "the id column");
    List<String> columns = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!f.name().equals(idColumn) && !f.name().equals(segmentColumn)
          && RowBlockConverter.supports(f.dataType())) {
        columns.add(f.name());
      }
    }
    RowBlockConverter converter = RowBlockConverter.of(schema, idColumn, columns);
    JavaRDD<AllocationBlocks.Part> parts = AllocationBlocks.compile(
        accounts.javaRDD(), templateJson, converter, segmentIndex, blockSize);
    parts.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int m = frame(new ArrayList<>(), new String[0]).rowName.length;
      List<AllocationBlocks.Summary> summaries;
      try {
        summaries = AllocationBlocks.summarize(parts, m);
      } catch (Exception e) {
        // a data error on an executor: report the library's own exception, not Spark's wrapper
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof DataValidationException d) {
            throw d;
          }
        }
        if (e instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("The Spark job compiling the accounts failed: " + e, e);
      }
      int[] sizes = new int[summaries.size()];
      List<String> ids = new ArrayList<>();
      List<String> segmentList = new ArrayList<>();
      for (int p = 0; p < sizes.length; p++) {
        AllocationBlocks.Summary s = summaries.get(p);
        sizes[p] = s.ids().length;
        ids.addAll(List.of(s.ids()));
        segmentList.addAll(Arrays.asList(s.segments()));
      }
      String[] segments = segmentList.toArray(new String[0]);
      check(ids, segments);
      Compiled frame = frame(ids, segments);
      double[] rhs = AllocationBlocks.solverRhs(parts, sizes, frame.capacity);
      Mckp shape = AllocationBlocks.boxShape(summaries, rhs);
      SparkAccounts passes = SparkAccounts.of(parts, sizes, m, rhs);
      Solver.Outcome o = Solver.solve(frame.rowName, frame.rowKind, shape, passes,
          template.method(), limits, AllocationBlocks.oracle(parts, sizes, shape));
      List<String> roles = new ArrayList<>();
      template.roles().forEach(r -> roles.add(r.name()));
      return PlanParts.plan(frame, o, roles);
    } finally {
      parts.unpersist(false);
    }
  }

  /**
   * The rows, names and amounts of the problem over the given accounts, without candidates (its
   * instance is empty: the candidates stay on the executors).
   */
  private Compiled frame(List<String> ids, String[] segments) {
    int n = ids.size();
    return Compiled.assemble(template, ids, segments, new int[n + 1], new int[0], new double[0],
        new double[0], new double[0], new double[0]);
  }

  /** Checks ids, locks and service-level segments against the dataset. */
  private void check(List<String> ids, String[] segments) {
    int n = ids.size();
    if (n == 0) {
      throw new DataValidationException(
          "The accounts dataset has no rows; expected at least one account.", null, null, -1, null);
    }
    Map<String, Integer> rowOf = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      Integer before = rowOf.putIfAbsent(ids.get(i), i);
      if (before != null) {
        throw new DataValidationException("Duplicate account id \"" + ids.get(i) + "\" at rows "
            + before + " and " + i + " of the dataset; ids must be unique.", ids.get(i), idColumn,
            -1, null);
      }
    }
    for (String id : template.locks().keySet()) {
      if (!rowOf.containsKey(id)) {
        throw new IllegalArgumentException("Lock of unknown account \"" + id
            + "\": the dataset has no such id in column '" + idColumn + "'.");
      }
    }
    Set<String> present = new HashSet<>();
    for (String s : segments) {
      if (s != null) {
        present.add(s);
      }
    }
    for (ServiceLevel sl : template.serviceLevels()) {
      if (!present.contains(sl.segment())) {
        throw new IllegalArgumentException("Service level names segment '" + sl.segment()
            + "', which no account of the dataset belongs to; segments are: "
            + new TreeSet<>(present) + ".");
      }
    }
  }

  /**
   * Lists the settings on one line.
   *
   * @return for example {@code SparkAllocation[idColumn=id, segmentColumn=segment, ...]}
   */
  @Override
  public String toString() {
    return "SparkAllocation[idColumn=" + idColumn + ", segmentColumn="
        + (segmentColumn == null ? "none" : segmentColumn) + ", blockSize=" + blockSize + ", options="
        + template.options().size() + ", roles=" + template.roles().size() + ", method="
        + template.method() + "]";
  }

  /**
   * Configures a {@link SparkAllocation}. Builders are mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private final AllocationProblem template;
    private String idColumn = AccountTable.DEFAULT_ID_COLUMN;
    private String segmentColumn;
    private int blockSize = DEFAULT_BLOCK_SIZE;

    private Builder(AllocationProblem template) {
      this.template = template;
    }

    /**
     * Sets the column holding the account ids (default {@code "id"}).
     *
     * @param name a column of the dataset, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder idColumn(String name) {
      this.idColumn = name(name, "idColumn");
      return this;
    }

    /**
     * Sets the string column holding each account's segment id (default: none, every account
     * without segment).
     *
     * @param name a column of the dataset, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder segmentColumn(String name) {
      this.segmentColumn = name(name, "segmentColumn");
      return this;
    }

    /**
     * Sets how many rows are converted and compiled together on the executors (default
     * {@value #DEFAULT_BLOCK_SIZE}); it does not change the plan.
     *
     * @param rows the block size, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code rows < 1}
     */
    public Builder blockSize(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException(
            "SparkAllocation.blockSize must be >= 1, was " + rows + ".");
      }
      this.blockSize = rows;
      return this;
    }

    private static String name(String name, String what) {
      Objects.requireNonNull(name, what);
      if (name.isBlank()) {
        throw new IllegalArgumentException("SparkAllocation." + what + " must be non-blank, was \""
            + name + "\".");
      }
      return name;
    }

    /**
     * Checks the settings and writes the template as the JSON document sent to the executors.
     *
     * @return the configured solve
     * @throws IllegalStateException when the id and segment columns are the same
     * @throws dev.segmentation.core.ModelFormatException when the template has a Java value function
     *     (it cannot travel as JSON; use option values or a response model)
     */
    public SparkAllocation build() {
      if (idColumn.equals(segmentColumn)) {
        throw new IllegalStateException("SparkAllocation id and segment columns must differ, both were '"
            + idColumn + "'.");
      }
      return new SparkAllocation(this, AllocationJson.write(template));
    }
  }
}
