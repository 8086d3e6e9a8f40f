package dev.segmentation.spark;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.spark.internal.ModelSupport;
import dev.segmentation.spark.internal.RowBlockConverter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a fitted {@link SegmentModel} (rule, matrix, quantile, ABC or k-means) to a Spark
 * {@code Dataset<Row>}: the result has every input column plus three string columns, the segment id,
 * the segment name and the unassigned reason.
 *
 * <pre>{@code
 * SegmentModel model = ModelJson.readModel(Files.readString(Path.of("deciles.json")));
 * Dataset<Row> scored = SparkSegmenter.builder(model)
 *     .idColumn("customer_id")                    // default "id"
 *     .build()
 *     .assign(accounts);                          // + segment_id, segment_name, unassigned_reason
 * }</pre>
 *
 * <p><b>Columns added</b> (names configurable, defaults {@value #DEFAULT_SEGMENT_ID_COLUMN},
 * {@value #DEFAULT_SEGMENT_NAME_COLUMN}, {@value #DEFAULT_REASON_COLUMN}): for an assigned account the
 * segment's id and name and a {@code null} reason; for an unassigned account {@code null} id and name
 * and the name of its {@link dev.segmentation.core.UnassignedReason} (for example
 * {@code "MISSING_VALUE"}). Every input row gets exactly one output row, in input order within each
 * partition.
 *
 * <p><b>Same answers as one machine.</b> The model travels to the executors as its JSON document
 * (captured in the task closure; a few kilobytes). Each partition parses it once and assigns its rows
 * in blocks of {@link Builder#blockSize(int)} rows, each block converted to an {@link AccountTable}
 * holding the id and the columns the model reads. Every built-in model assigns an account from that
 * account's values and the model alone, so the result equals {@code model.assign(table)} on the same
 * rows. Type mapping: Spark numeric types (byte to double, decimal) become numeric columns (longs
 * beyond 2^53 lose precision as in any conversion to {@code double}), string and boolean columns become
 * categorical ({@code "true"}/{@code "false"}), date columns become date columns, {@code null} is a
 * missing value. Ids are the string form of the id column; they must be non-null, and a repeat within
 * one block is rejected as in {@link AccountTable} (repeats in different blocks are not detected).
 *
 * <p>{@link #assign(Dataset)} is lazy, like any Spark transformation: data errors (for example a
 * missing value under a {@code REJECT} policy) surface as a failed Spark job whose cause is the
 * {@link DataValidationException}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SparkSegmenter {

  /** Default name of the segment id column added. */
  public static final String DEFAULT_SEGMENT_ID_COLUMN = "segment_id";
  /** Default name of the segment name column added. */
  public static final String DEFAULT_SEGMENT_NAME_COLUMN = "segment_name";
  /** Default name of the unassigned reason column added. */
  public static final String DEFAULT_REASON_COLUMN = "unassigned_reason";
  /** Default number of rows converted and assigned together. */
  public static final int DEFAULT_BLOCK_SIZE = 4096;

  private final SegmentModel model;
  private final String modelJson;
  private final String idColumn;
  private final String segmentIdColumn;
  private final String segmentNameColumn;
  private final String reasonColumn;
  private final int blockSize;

  private SparkSegmenter(Builder b, SegmentModel model, String json) {
    this.model = model;
    this.modelJson = json;
    this.idColumn = b.idColumn;
    this.segmentIdColumn = b.segmentIdColumn;
    this.segmentNameColumn = b.segmentNameColumn;
    this.reasonColumn = b.reasonColumn;
    this.blockSize = b.blockSize;
  }

  /**
   * Starts a segmenter for a fitted model.
   *
   * @param model a rule, matrix, quantile, ABC or k-means model (any model {@code ModelJson} writes)
   * @return a new builder
   */
  public static Builder builder(SegmentModel model) {
    Objects.requireNonNull(model, "model");
    return new Builder(model, null);
  }

  /**
   * Starts a segmenter for a model given as its JSON document.
   *
   * @param modelJson a document {@code ModelJson.readModel} reads
   * @return a new builder
   */
  public static Builder builder(String modelJson) {
    Objects.requireNonNull(modelJson, "modelJson");
    return new Builder(null, modelJson);
  }

  /**
   * Returns the model.
   *
   * @return the model, as parsed from its JSON
   */
  public SegmentModel model() {
    return model;
  }

  /**
   * Returns the JSON document sent to the executors.
   *
   * @return the model's JSON text
   */
  public String modelJson() {
    return modelJson;
  }

  /**
   * Returns the output schema for an input schema: the input fields, then the segment id, segment
   * name and reason columns (strings, nullable).
   *
   * @param input the input schema
   * @return the output schema
   * @throws IllegalArgumentException when an output column name is already used by the input
   */
  public StructType outputSchema(StructType input) {
    Objects.requireNonNull(input, "input");
    for (String name : List.of(segmentIdColumn, segmentNameColumn, reasonColumn)) {
      for (String f : input.fieldNames()) {
        if (f.equals(name)) {
          throw new IllegalArgumentException("Output column '" + name
              + "' is already a column of the dataset; choose another name with the builder.");
        }
      }
    }
    return input
        .add(segmentIdColumn, DataTypes.StringType, true)
        .add(segmentNameColumn, DataTypes.StringType, true)
        .add(reasonColumn, DataTypes.StringType, true);
  }

  /**
   * Assigns every row of a dataset (lazily, as a Spark transformation).
   *
   * @param accounts rows with the id column and the columns the model reads
   * @return the rows with the three segment columns appended
   * @throws DataValidationException when the id column or a column the model reads is missing or
   *     has an unsupported type (checked now, on the driver)
   * @throws IllegalArgumentException when an output column name is already used by the input
   */
  public Dataset<Row> assign(Dataset<Row> accounts) {
    Objects.requireNonNull(accounts, "accounts");
    StructType schema = accounts.schema();
    StructType out = outputSchema(schema);
    List<String> columns = ModelSupport.columns(model).orElseGet(() -> convertible(schema));
    RowBlockConverter converter = RowBlockConverter.of(schema, idColumn, columns);
    return accounts.mapPartitions(
        new AssignPartition(modelJson, converter, blockSize), Encoders.row(out));
  }

  private List<String> convertible(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!f.name().equals(idColumn) && RowBlockConverter.supports(f.dataType())) {
        out.add(f.name());
      }
    }
    return out;
  }

  /**
   * Lists the settings on one line.
   *
   * @return for example {@code SparkSegmenter[model=quantile-model, idColumn=id, ...]}
   */
  @Override
  public String toString() {
    return "SparkSegmenter[model=" + model.kind() + ", idColumn=" + idColumn + ", segmentIdColumn="
        + segmentIdColumn + ", segmentNameColumn=" + segmentNameColumn + ", reasonColumn="
        + reasonColumn + ", blockSize=" + blockSize + "]";
  }

  /** Assigns one partition in blocks; parses the model once per partition. */
  private static final class AssignPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final String json;
    private final RowBlockConverter converter;
    private final int blockSize;

    AssignPartition(String json, RowBlockConverter converter, int blockSize) {
      this.json = json;
      this.converter = converter;
      this.blockSize = blockSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      SegmentModel m = ModelJson.readModel(json);
      List<Segment> segments = m.segments();
      String[] ids = new String[segments.size()];
      String[] names = new String[segments.size()];
      for (Segment s : segments) {
        ids[s.index()] = s.id();
        names[s.index()] = s.name();
      }
      return new Iterator<>() {
        private final List<Row> block = new ArrayList<>(blockSize);
        private Segmentation seg;
        private int next;

        @Override
        public boolean hasNext() {
          if (seg != null && next < block.size()) {
            return true;
          }
          block.clear();
          seg = null;
          next = 0;
          while (block.size() < blockSize && input.hasNext()) {
            block.add(input.next());
          }
          if (block.isEmpty()) {
            return false;
          }
          AccountTable table = converter.toTable(block);
          seg = m.assign(table);
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          int i = next++;
          Row r = block.get(i);
          int width = r.length();
          Object[] values = new Object[width + 3];
          for (int c = 0; c < width; c++) {
            values[c] = r.get(c);
          }
          int s = seg.segmentIndex(i);
          if (s == Assignment.UNASSIGNED) {
            values[width + 2] = seg.assignment(i).reason().name();
          } else {
            values[width] = ids[s];
            values[width + 1] = names[s];
          }
          return RowFactory.create(values);
        }
      };
    }
  }

  /**
   * Configures a {@link SparkSegmenter}: the id column, the names of the added columns and the block
   * size. Builders are mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private final SegmentModel model;
    private final String json;
    private String idColumn = AccountTable.DEFAULT_ID_COLUMN;
    private String segmentIdColumn = DEFAULT_SEGMENT_ID_COLUMN;
    private String segmentNameColumn = DEFAULT_SEGMENT_NAME_COLUMN;
    private String reasonColumn = DEFAULT_REASON_COLUMN;
    private int blockSize = DEFAULT_BLOCK_SIZE;

    private Builder(SegmentModel model, String json) {
      this.model = model;
      this.json = json;
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
     * Sets the name of the added segment id column (default {@value #DEFAULT_SEGMENT_ID_COLUMN}).
     *
     * @param name a new column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder segmentIdColumn(String name) {
      this.segmentIdColumn = name(name, "segmentIdColumn");
      return this;
    }

    /**
     * Sets the name of the added segment name column (default
     * {@value #DEFAULT_SEGMENT_NAME_COLUMN}).
     *
     * @param name a new column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder segmentNameColumn(String name) {
      this.segmentNameColumn = name(name, "segmentNameColumn");
      return this;
    }

    /**
     * Sets the name of the added unassigned reason column (default
     * {@value #DEFAULT_REASON_COLUMN}).
     *
     * @param name a new column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder reasonColumn(String name) {
      this.reasonColumn = name(name, "reasonColumn");
      return this;
    }

    /**
     * Sets how many rows are converted to one table and assigned together (default
     * {@value #DEFAULT_BLOCK_SIZE}); larger blocks use more executor memory and fewer objects per row.
     *
     * @param rows the block size, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code rows < 1}
     */
    public Builder blockSize(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("SparkSegmenter.blockSize must be >= 1, was " + rows + ".");
      }
      this.blockSize = rows;
      return this;
    }

    private static String name(String name, String what) {
      Objects.requireNonNull(name, what);
      if (name.isBlank()) {
        throw new IllegalArgumentException("SparkSegmenter." + what + " must be non-blank, was \""
            + name + "\".");
      }
      return name;
    }

    /**
     * Checks the settings and the model's JSON form.
     *
     * @return the segmenter
     * @throws IllegalStateException when two of the added columns have the same name
     * @throws IllegalArgumentException when the model has no JSON form
     * @throws dev.segmentation.core.ModelFormatException when the JSON cannot be written or read
     */
    public SparkSegmenter build() {
      if (segmentIdColumn.equals(segmentNameColumn) || segmentIdColumn.equals(reasonColumn)
          || segmentNameColumn.equals(reasonColumn)) {
        throw new IllegalStateException("SparkSegmenter output columns must differ, were "
            + segmentIdColumn + ", " + segmentNameColumn + ", " + reasonColumn + ".");
      }
      String text = json != null ? json : ModelSupport.json(model);
      SegmentModel parsed = ModelJson.readModel(text);
      return new SparkSegmenter(this, parsed, text);
    }
  }
}
