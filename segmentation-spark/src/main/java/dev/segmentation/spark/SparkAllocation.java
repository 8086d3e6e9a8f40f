package dev.segmentation.spark;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.PlanParts;
import dev.segmentation.allocation.internal.Solver;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.spark.internal.AllocationBlocks;
import dev.segmentation.spark.internal.RowBlockConverter;
import java.util.ArrayList;
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
 * cancellation are not reproducible on either side.
 *
 * <p><b>What runs where.</b> Each partition compiles its accounts into candidate arrays (value, cost
 * and hours of every eligible option; cached on the executors). The Lagrangian dual is minimised on the
 * driver by the single-machine cutting-plane method, but every evaluation of the dual function — the
 * bulk of the work, tens to hundreds of passes — is one Spark job: the current multipliers (one per
 * limit) travel to the executors, each partition prices its accounts with the single-machine pricing
 * loop and returns sums per block of 4,096 accounts, and the driver adds them in block order exactly
 * as the single-machine evaluation does. The candidate arrays are also collected to the driver once
 * (about {@code 12 + 8 m} bytes per candidate, {@code m} limits), where the repair, improve and core
 * search steps and the plan itself (one outcome per account) are computed exactly as on one machine.
 * Driver memory therefore grows with the number of accounts, like the plan it returns.
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
      List<AllocationBlocks.Part> collected;
      try {
        collected = AllocationBlocks.collect(parts);
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
      Compiled c = assemble(collected);
      int[] sizes = new int[collected.size()];
      for (int p = 0; p < sizes.length; p++) {
        sizes[p] = collected.get(p).n();
      }
      Solver.Outcome o = Solver.solve(c, template.method(), limits,
          AllocationBlocks.oracle(parts, sizes, c.mckp));
      List<String> roles = new ArrayList<>();
      template.roles().forEach(r -> roles.add(r.name()));
      return PlanParts.plan(c, o, roles);
    } finally {
      parts.unpersist(false);
    }
  }

  private Compiled assemble(List<AllocationBlocks.Part> parts) {
    int n = 0;
    int cands = 0;
    int useLength = 0;
    for (AllocationBlocks.Part p : parts) {
      n += p.n();
      cands += p.option().length;
      useLength += p.use().length;
    }
    if (n == 0) {
      throw new DataValidationException(
          "The accounts dataset has no rows; expected at least one account.", null, null, -1, null);
    }
    List<String> ids = new ArrayList<>(n);
    String[] segments = new String[n];
    int[] start = new int[n + 1];
    int[] option = new int[cands];
    double[] value = new double[cands];
    double[] gross = new double[cands];
    double[] cost = new double[cands];
    double[] use = new double[useLength];
    int i0 = 0;
    int k0 = 0;
    int u0 = 0;
    for (AllocationBlocks.Part p : parts) {
      for (int i = 0; i < p.n(); i++) {
        ids.add(p.ids()[i]);
        segments[i0 + i] = p.segments()[i];
        start[i0 + i] = k0 + p.start()[i];
      }
      int k = p.option().length;
      System.arraycopy(p.option(), 0, option, k0, k);
      System.arraycopy(p.value(), 0, value, k0, k);
      System.arraycopy(p.gross(), 0, gross, k0, k);
      System.arraycopy(p.cost(), 0, cost, k0, k);
      System.arraycopy(p.use(), 0, use, u0, p.use().length);
      i0 += p.n();
      k0 += k;
      u0 += p.use().length;
    }
    start[n] = k0;
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
    return Compiled.assemble(template, ids, segments, start, option, value, gross, cost, use);
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
