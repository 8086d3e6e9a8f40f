package dev.segmentation.core.insight;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.internal.InsightSupport;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.NumericColumn;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accounts ranked by expected value, the list a sales team works through, grouped by segment and by
 * any grouping column of the table (territory, rep).
 *
 * <pre>{@code
 * PriorityList list = PriorityList.builder(accounts)
 *     .whitespace(whitespaceReport)          // Whitespace...compute(accounts)
 *     .lookalike(lookalikeScores)            // Lookalike...score(accounts)
 *     .responseColumn("response_rate")       // or .responseFactor(0.3); default 1
 *     .segments(segmentation)
 *     .groupBy("territory", "rep")
 *     .build();
 * System.out.println(list);                 // the top 20
 * Map<String, List<PriorityEntry>> perRep = list.byGroup("rep");
 * list.writeCsv(Path.of("priorities.csv"));  // reads back with PriorityList.readCsv
 * String json = InsightJson.write(list);     // kind "priority-list"
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li><b>Expected value</b> = {@code whitespace * lookalike / 100 * response}: the room to grow
 *       ({@link Whitespace}), discounted by how much the account resembles the best customers
 *       ({@link Lookalike}; taken as 100 when no scores are given) and by a response factor (a
 *       numeric column, for example an estimated probability of winning the business, or a constant;
 *       default 1). It is {@code NaN} when a factor is missing, and the entry's note says which.
 *   <li><b>Rank</b>: by decreasing expected value; ties, and all accounts without an expected
 *       value (ranked after the others), by account id in {@link String#compareTo(String)} order.
 *       The ranking is therefore total, stable and deterministic.
 *   <li><b>Groups</b>: {@link #bySegment()} and {@link #byGroup(String)} keep the overall rank order
 *       inside each group, so a group's list is its own ranking; keys are sorted, the empty key
 *       holds accounts without a segment or label.
 * </ul>
 *
 * <p><b>CSV</b> ({@link #writeCsv(Writer)}): header {@code id,rank,segment,<group columns>,
 * whitespace,lookalike,response,expected_value,note}, one row per account in rank order, written as
 * an {@link AccountTable} ({@link #toTable()}), so it also reads with {@link AccountTable#readCsv}.
 * {@link #readCsv(Reader)} gives back an equal list, except that labels are stripped of surrounding
 * white space and a label equal to a missing-value token (such as {@code "NA"}) reads as empty.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class PriorityList {

  /** The number of rows {@link #toString()} prints. */
  public static final int DEFAULT_TOP = 20;

  private static final List<String> FIXED =
      List.of("id", "rank", "segment", "whitespace", "lookalike", "response", "expected_value",
          "note");

  private final List<String> groupColumns;
  private final List<PriorityEntry> entries;

  private PriorityList(List<String> groupColumns, List<PriorityEntry> entries) {
    this.groupColumns = List.copyOf(groupColumns);
    this.entries = List.copyOf(entries);
  }

  /**
   * Starts a builder for the accounts of a table.
   *
   * @param table the accounts; whitespace and scores must be computed for this table
   * @return a new builder
   */
  public static Builder builder(AccountTable table) {
    return new Builder(Objects.requireNonNull(table, "table"));
  }

  /**
   * Assembles a list from ranked entries (as reading CSV or JSON does), checking the ranking.
   *
   * @param groupColumns the grouping column names
   * @param entries the entries in rank order
   * @return the list
   * @throws IllegalArgumentException when ranks are not {@code 1..n} in order, the order breaks the
   *     ranking rule, an id repeats or an entry's group count differs from the group columns
   */
  public static PriorityList of(List<String> groupColumns, List<PriorityEntry> entries) {
    Objects.requireNonNull(groupColumns, "groupColumns");
    Objects.requireNonNull(entries, "entries");
    checkGroupColumns(groupColumns);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      PriorityEntry e = Objects.requireNonNull(entries.get(i), "entry");
      if (e.rank() != i + 1) {
        throw new IllegalArgumentException("Entry " + i + " (account \"" + e.accountId()
            + "\") has rank " + e.rank() + "; expected ranks 1.." + entries.size() + " in order.");
      }
      if (!ids.add(e.accountId())) {
        throw new IllegalArgumentException(
            "Duplicate account id \"" + e.accountId() + "\" at rank " + e.rank() + ".");
      }
      if (e.groups().size() != groupColumns.size()) {
        throw new IllegalArgumentException("Account \"" + e.accountId() + "\" has "
            + e.groups().size() + " group labels for " + groupColumns.size() + " group columns.");
      }
      if (i > 0 && ORDER.compare(entries.get(i - 1), e) > 0) {
        throw new IllegalArgumentException("Account \"" + e.accountId() + "\" at rank " + e.rank()
            + " should rank before \"" + entries.get(i - 1).accountId()
            + "\"; entries must be ordered by decreasing expected value, then id.");
      }
    }
    return new PriorityList(groupColumns, entries);
  }

  private static void checkGroupColumns(List<String> groupColumns) {
    Set<String> seen = new HashSet<>();
    for (String g : groupColumns) {
      Objects.requireNonNull(g, "group column");
      if (FIXED.contains(g)) {
        throw new IllegalArgumentException("Group column '" + g + "' has the name of a fixed "
            + "column of the list; fixed columns are: " + String.join(", ", FIXED) + ".");
      }
      if (!seen.add(g)) {
        throw new IllegalArgumentException("Group column '" + g + "' is given twice.");
      }
    }
  }

  /** Decreasing expected value, NaN last, then id. */
  private static final Comparator<PriorityEntry> ORDER = (a, b) -> {
    int c = compareValue(a.expectedValue(), b.expectedValue());
    return c != 0 ? c : a.accountId().compareTo(b.accountId());
  };

  private static int compareValue(double a, double b) {
    boolean na = Double.isNaN(a);
    boolean nb = Double.isNaN(b);
    if (na || nb) {
      return na == nb ? 0 : na ? 1 : -1;
    }
    return Double.compare(b, a);
  }

  /**
   * Returns the grouping column names.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> groupColumns() {
    return groupColumns;
  }

  /**
   * Returns every entry in rank order.
   *
   * @return an unmodifiable list
   */
  public List<PriorityEntry> entries() {
    return entries;
  }

  /**
   * Returns the number of accounts.
   *
   * @return the size
   */
  public int size() {
    return entries.size();
  }

  /**
   * Returns the first entries.
   *
   * @param n how many, {@code >= 0}
   * @return an unmodifiable list of {@code min(n, size())} entries
   * @throws IllegalArgumentException when {@code n < 0}
   */
  public List<PriorityEntry> top(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("top(n) needs n >= 0, was " + n + ".");
    }
    return entries.subList(0, Math.min(n, entries.size()));
  }

  /**
   * Groups the entries by segment id, each group in rank order.
   *
   * @return an unmodifiable map sorted by segment id; the empty key holds accounts without segment
   */
  public Map<String, List<PriorityEntry>> bySegment() {
    return group(PriorityEntry::segment);
  }

  /**
   * Groups the entries by the label of one grouping column, each group in rank order.
   *
   * @param column one of {@link #groupColumns()}
   * @return an unmodifiable map sorted by label; the empty key holds accounts without a label
   * @throws IllegalArgumentException when the column is not a grouping column of the list
   */
  public Map<String, List<PriorityEntry>> byGroup(String column) {
    int g = groupColumns.indexOf(Objects.requireNonNull(column, "column"));
    if (g < 0) {
      throw new IllegalArgumentException("Unknown group column '" + column
          + "'; group columns are: " + String.join(", ", groupColumns) + ".");
    }
    return group(e -> e.groups().get(g));
  }

  private Map<String, List<PriorityEntry>> group(
      java.util.function.Function<PriorityEntry, String> key) {
    TreeMap<String, List<PriorityEntry>> m = new TreeMap<>();
    for (PriorityEntry e : entries) {
      m.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
    }
    Map<String, List<PriorityEntry>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<PriorityEntry>> e : m.entrySet()) {
      out.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * Returns the list as a table in rank order: id column {@code id}, then {@code rank},
   * {@code segment}, the group columns, {@code whitespace}, {@code lookalike}, {@code response},
   * {@code expected_value} and {@code note} (empty labels are missing values).
   *
   * @return the table
   */
  public AccountTable toTable() {
    int n = entries.size();
    String[] ids = new String[n];
    double[] rank = new double[n];
    String[] segment = new String[n];
    String[][] groups = new String[groupColumns.size()][n];
    double[][] num = new double[4][n];
    String[] note = new String[n];
    for (int i = 0; i < n; i++) {
      PriorityEntry e = entries.get(i);
      ids[i] = e.accountId();
      rank[i] = e.rank();
      segment[i] = e.segment();
      for (int g = 0; g < groupColumns.size(); g++) {
        groups[g][i] = e.groups().get(g);
      }
      num[0][i] = e.whitespace();
      num[1][i] = e.lookalike();
      num[2][i] = e.response();
      num[3][i] = e.expectedValue();
      note[i] = e.note();
    }
    List<Column> cols = new ArrayList<>();
    cols.add(NumericColumn.of("rank", rank));
    cols.add(CategoricalColumn.of("segment", segment));
    for (int g = 0; g < groupColumns.size(); g++) {
      cols.add(CategoricalColumn.of(groupColumns.get(g), groups[g]));
    }
    cols.add(NumericColumn.of("whitespace", num[0]));
    cols.add(NumericColumn.of("lookalike", num[1]));
    cols.add(NumericColumn.of("response", num[2]));
    cols.add(NumericColumn.of("expected_value", num[3]));
    cols.add(CategoricalColumn.of("note", note));
    return AccountTable.of(ids, cols.toArray(new Column[0]));
  }

  /**
   * Reads a list back from its table form ({@link #toTable()}, or a CSV file read as a table).
   *
   * @param table a table with id column {@code id} and the columns of {@link #toTable()}
   * @return the list
   * @throws IllegalArgumentException when columns are missing, of the wrong type or out of order, or
   *     the rows break the ranking rules; the message names the column or account
   */
  public static PriorityList fromTable(AccountTable table) {
    Objects.requireNonNull(table, "table");
    List<String> names = table.columnNames();
    int wi = names.indexOf("whitespace");
    if (!table.idColumnName().equals("id") || names.size() < 7 || !names.get(0).equals("rank")
        || !names.get(1).equals("segment") || wi < 2
        || !names.subList(wi, names.size())
            .equals(List.of("whitespace", "lookalike", "response", "expected_value", "note"))) {
      throw new IllegalArgumentException("A priority list table has the columns id, rank, segment, "
          + "<group columns>, whitespace, lookalike, response, expected_value, note; found "
          + table.idColumnName() + ", " + String.join(", ", names) + ".");
    }
    List<String> groupColumns = names.subList(2, wi);
    double[] rank = InsightSupport.numeric(table, "rank", "rank column");
    String[] segment = InsightSupport.labels(table, "segment");
    String[][] groups = new String[groupColumns.size()][];
    for (int g = 0; g < groups.length; g++) {
      groups[g] = InsightSupport.labels(table, groupColumns.get(g));
    }
    double[] ws = InsightSupport.numeric(table, "whitespace", "whitespace column");
    double[] lk = InsightSupport.numeric(table, "lookalike", "lookalike column");
    double[] rs = InsightSupport.numeric(table, "response", "response column");
    double[] ev = InsightSupport.numeric(table, "expected_value", "expected_value column");
    String[] note = InsightSupport.labels(table, "note");
    List<PriorityEntry> entries = new ArrayList<>(table.rowCount());
    for (int i = 0; i < table.rowCount(); i++) {
      if (!(rank[i] == Math.rint(rank[i]) && rank[i] >= 1 && rank[i] <= Integer.MAX_VALUE)) {
        throw new IllegalArgumentException("Account \"" + table.id(i) + "\": rank must be a "
            + "positive integer, was " + rank[i] + ".");
      }
      List<String> labels = new ArrayList<>(groups.length);
      for (String[] g : groups) {
        labels.add(g[i]);
      }
      entries.add(new PriorityEntry((int) rank[i], table.id(i), segment[i], labels, ws[i], lk[i],
          rs[i], ev[i], note[i]));
    }
    return of(groupColumns, entries);
  }

  /**
   * Writes the list as CSV (see the class documentation): UTF-8, LF line ends, the writer is
   * flushed but not closed.
   *
   * @param writer the destination
   * @throws UncheckedIOException when the writer fails
   */
  public void writeCsv(Writer writer) {
    toTable().writeCsv(Objects.requireNonNull(writer, "writer"), CsvOptions.defaults());
  }

  /**
   * Writes the list as a CSV file, UTF-8, created or replaced.
   *
   * @param path the file
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  public void writeCsv(Path path) {
    toTable().writeCsv(Objects.requireNonNull(path, "path"));
  }

  /**
   * Reads a list written by {@link #writeCsv(Writer)}; the reader is read to its end, not closed.
   *
   * @param reader the CSV text
   * @return the list
   * @throws DataValidationException for malformed CSV (line and column in the message)
   * @throws IllegalArgumentException when the columns or ranks are not those of a priority list
   * @throws UncheckedIOException when the reader fails
   */
  public static PriorityList readCsv(Reader reader) {
    Objects.requireNonNull(reader, "reader");
    String text;
    try {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      int r;
      while ((r = reader.read(buf)) >= 0) {
        sb.append(buf, 0, r);
      }
      text = sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read priority list CSV: " + e.getMessage(), e);
    }
    // first pass: the header, to type every label column as categorical
    String header = text.lines().findFirst().orElse("");
    CsvOptions options = CsvOptions.defaults().idColumn("id");
    AccountTable probe = AccountTable.readCsv(new StringReader(header + "\n"), options);
    for (String name : probe.columnNames()) {
      boolean numeric = Set.of("rank", "whitespace", "lookalike", "response", "expected_value")
          .contains(name);
      options = options.columnType(name, numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
    }
    return fromTable(AccountTable.readCsv(new StringReader(text), options));
  }

  /**
   * Reads a list from a CSV file written by {@link #writeCsv(Path)} (UTF-8).
   *
   * @param path the file
   * @return the list
   * @throws DataValidationException for malformed CSV
   * @throws IllegalArgumentException when the columns or ranks are not those of a priority list
   * @throws UncheckedIOException when the file cannot be read; the message names the path
   */
  public static PriorityList readCsv(Path path) {
    Objects.requireNonNull(path, "path");
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return readCsv(r);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CSV file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Compares group columns and entries.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof PriorityList p && groupColumns.equals(p.groupColumns)
        && entries.equals(p.entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(groupColumns, entries);
  }

  /**
   * Prints the top {@value #DEFAULT_TOP} entries as an aligned table.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return toText(DEFAULT_TOP);
  }

  /**
   * Prints the top {@code n} entries as an aligned table, with a one-line summary.
   *
   * @param n how many entries, {@code >= 0}
   * @return the text
   * @throws IllegalArgumentException when {@code n < 0}
   */
  public String toText(int n) {
    List<PriorityEntry> top = top(n);
    boolean segments = false;
    int unknown = 0;
    for (PriorityEntry e : entries) {
      segments |= !e.segment().isEmpty();
      unknown += e.hasExpectedValue() ? 0 : 1;
    }
    List<String> headers = new ArrayList<>(List.of("rank", "id"));
    if (segments) {
      headers.add("segment");
    }
    headers.addAll(groupColumns);
    headers.addAll(List.of("whitespace", "lookalike", "response", "expected value", "note"));
    boolean[] right = new boolean[headers.size()];
    right[0] = true;
    for (int j = headers.size() - 5; j < headers.size() - 1; j++) {
      right[j] = true;
    }
    int shown = top.size();
    double[][] num = new double[4][shown];
    for (int i = 0; i < shown; i++) {
      PriorityEntry e = top.get(i);
      num[0][i] = e.whitespace();
      num[1][i] = e.lookalike();
      num[2][i] = e.response();
      num[3][i] = e.expectedValue();
    }
    String[] ws = TextTable.formatNumbers(num[0]);
    String[] lk = LookalikeScores.formatFixed(num[1], 1);
    String[] rs = TextTable.formatNumbers(num[2]);
    String[] ev = TextTable.formatNumbers(num[3]);
    TextTable t = new TextTable(headers, right);
    for (int i = 0; i < shown; i++) {
      PriorityEntry e = top.get(i);
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(e.rank()));
      row.add(e.accountId());
      if (segments) {
        row.add(e.segment());
      }
      row.addAll(e.groups());
      row.addAll(List.of(ws[i], lk[i], rs[i], ev[i], e.note()));
      t.addRow(row.toArray(new String[0]));
    }
    return String.format(Locale.ROOT, "PriorityList: %d accounts by expected value = whitespace x "
            + "lookalike/100 x response%s; top %d%n", entries.size(),
        unknown == 0 ? "" : " (" + unknown + " without expected value, ranked last)", shown)
        + t.render()
        + (entries.size() > shown ? "... " + (entries.size() - shown) + " more entries\n" : "");
  }

  /**
   * Builds a {@link PriorityList}. Mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final AccountTable table;
    private WhitespaceReport whitespace;
    private LookalikeScores lookalike;
    private String responseColumn;
    private double responseFactor = 1.0;
    private Segmentation segmentation;
    private final Set<String> groupBy = new LinkedHashSet<>();

    private Builder(AccountTable table) {
      this.table = table;
    }

    /**
     * Sets the whitespace of the table's accounts (required).
     *
     * @param report whitespace computed for the builder's table
     * @return this builder
     */
    public Builder whitespace(WhitespaceReport report) {
      this.whitespace = Objects.requireNonNull(report, "report");
      return this;
    }

    /**
     * Sets the lookalike scores of the table's accounts (optional; without them every account
     * counts as 100).
     *
     * @param scores scores computed for the builder's table
     * @return this builder
     */
    public Builder lookalike(LookalikeScores scores) {
      this.lookalike = Objects.requireNonNull(scores, "scores");
      return this;
    }

    /**
     * Takes the response factor of each account from a numeric column (values finite and
     * {@code >= 0}; missing values give no expected value).
     *
     * @param column the column name
     * @return this builder
     */
    public Builder responseColumn(String column) {
      this.responseColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Uses one response factor for every account (default 1).
     *
     * @param factor a finite factor {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException when the factor is negative or not finite
     */
    public Builder responseFactor(double factor) {
      if (!(factor >= 0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException(
            "PriorityList.responseFactor must be finite and >= 0, was " + factor + ".");
      }
      this.responseFactor = factor;
      this.responseColumn = null;
      return this;
    }

    /**
     * Adds each account's segment (matched by id) to the list, for {@link PriorityList#bySegment()}.
     *
     * @param segmentation the segmentation
     * @return this builder
     */
    public Builder segments(Segmentation segmentation) {
      this.segmentation = Objects.requireNonNull(segmentation, "segmentation");
      return this;
    }

    /**
     * Adds grouping columns of the table (any type; labels as the table formats them).
     *
     * @param columns column names, for example {@code "territory", "rep"}
     * @return this builder
     * @throws IllegalStateException when a column is added twice
     */
    public Builder groupBy(String... columns) {
      for (String c : Objects.requireNonNull(columns, "columns")) {
        if (!groupBy.add(Objects.requireNonNull(c, "column"))) {
          throw new IllegalStateException("Group column '" + c + "' is added twice.");
        }
      }
      return this;
    }

    /**
     * Computes and ranks the list.
     *
     * @return the list
     * @throws IllegalStateException when no whitespace was given
     * @throws IllegalArgumentException when the whitespace or scores belong to other accounts, a
     *     column is unknown or a group column has a reserved name
     * @throws DataValidationException when a response value is negative or infinite
     */
    public PriorityList build() {
      if (whitespace == null) {
        throw new IllegalStateException("PriorityList needs whitespace(report).");
      }
      List<String> groupColumns = List.copyOf(groupBy);
      checkGroupColumns(groupColumns);
      int n = table.rowCount();
      checkIds("WhitespaceReport", whitespace.size(), i -> whitespace.account(i).accountId());
      if (lookalike != null) {
        checkIds("LookalikeScores", lookalike.size(), i -> lookalike.accountIds().get(i));
      }
      double[] response = new double[n];
      if (responseColumn != null) {
        response = InsightSupport.numeric(table, responseColumn, "response column");
        for (int i = 0; i < n; i++) {
          if (response[i] < 0 || Double.isInfinite(response[i])) {
            throw new DataValidationException("Response column '" + responseColumn
                + "', account \"" + table.id(i) + "\": " + response[i]
                + " is not a valid response factor; expected a finite number >= 0.",
                table.id(i), responseColumn, -1, null);
          }
        }
      } else {
        Arrays.fill(response, responseFactor);
      }
      String[] segment = new String[n];
      Arrays.fill(segment, "");
      if (segmentation != null) {
        int[] seg = InsightSupport.segmentsById(segmentation, table);
        List<Segment> segs = segmentation.segments();
        for (int i = 0; i < n; i++) {
          segment[i] = seg[i] >= 0 ? segs.get(seg[i]).id() : "";
        }
      }
      String[][] labels = new String[groupColumns.size()][];
      for (int g = 0; g < labels.length; g++) {
        labels[g] = InsightSupport.labels(table, groupColumns.get(g));
      }
      List<PriorityEntry> draft = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        AccountWhitespace w = whitespace.account(i);
        double ws = w.whitespace();
        double lk = 100.0;
        List<String> notes = new ArrayList<>();
        if (Double.isNaN(ws)) {
          notes.add("whitespace unknown (" + w.note() + ")");
        }
        if (lookalike != null) {
          LookalikeScore s = lookalike.score(i);
          lk = s.score();
          if (!s.isScored()) {
            notes.add("no lookalike score (" + s.reason() + ")");
          }
        }
        if (Double.isNaN(response[i])) {
          notes.add("response missing");
        }
        double ev = ws * (lk / 100.0) * response[i];
        List<String> g = new ArrayList<>(labels.length);
        for (String[] l : labels) {
          g.add(l[i]);
        }
        draft.add(new PriorityEntry(1, table.id(i), segment[i], g, ws, lk, response[i], ev,
            String.join("; ", notes)));
      }
      draft.sort(ORDER);
      List<PriorityEntry> ranked = new ArrayList<>(n);
      for (int r = 0; r < n; r++) {
        PriorityEntry e = draft.get(r);
        ranked.add(new PriorityEntry(r + 1, e.accountId(), e.segment(), e.groups(), e.whitespace(),
            e.lookalike(), e.response(), e.expectedValue(), e.note()));
      }
      return new PriorityList(groupColumns, ranked);
    }

    private void checkIds(String what, int size, java.util.function.IntFunction<String> id) {
      if (size != table.rowCount()) {
        throw new IllegalArgumentException(what + " has " + size + " accounts but the table has "
            + table.rowCount() + "; compute it for the same table.");
      }
      for (int i = 0; i < size; i++) {
        if (!id.apply(i).equals(table.id(i))) {
          throw new IllegalArgumentException(what + " has account \"" + id.apply(i) + "\" at row "
              + i + " where the table has \"" + table.id(i) + "\"; compute it for the same table.");
        }
      }
    }
  }
}
