package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A predicate over the columns of an account table, such as
 * {@code potential > 5e6 and industry in ("Pharma", "Chemicals")}; the building block of a
 * {@link RuleModel}.
 *
 * <p>Build conditions fluently or parse them from text; both give equal conditions:
 *
 * <pre>{@code
 * Condition a = Condition.col("potential").gt(5e6).or(Condition.col("turnover").gt(1e6));
 * Condition b = Condition.parse("potential > 5e6 or turnover > 1e6");
 * a.equals(b);                          // true
 * a.toString();                         // "potential > 5000000 or turnover > 1000000"
 * IntPredicate p = a.bind(accounts);    // column lookups resolved once
 * p.test(17);                           // does row 17 match?
 * }</pre>
 *
 * <h2>Kinds of condition</h2>
 *
 * <ul>
 *   <li>{@link Compare}: a numeric column against a number with {@code <, <=, >, >=, =, !=}.
 *   <li>{@link Between}: a numeric column in an inclusive range, {@code low <= v <= high}.
 *   <li>{@link TextCompare}: a column equal ({@code =}) or unequal ({@code !=}) to a category label.
 *   <li>{@link In} and {@link NotIn}: a column whose label is (is not) one of a list.
 *   <li>{@link IsMissing}: the column's value is missing ({@code is not missing} is
 *       {@code not (... is missing)}).
 *   <li>{@link And}, {@link Or}, {@link Not}: boolean combinations.
 * </ul>
 *
 * <h2>Missing values</h2>
 *
 * <p>Every comparison, {@code between}, {@code =}, {@code !=}, {@code in} and {@code not in} is
 * <b>false</b> on a missing value (as a SQL {@code WHERE} clause drops {@code NULL}s): neither
 * {@code industry = "Pharma"} nor {@code industry != "Pharma"} matches an account without an industry.
 * Test for missing values with {@code is missing}. {@code not} is plain boolean negation, so
 * {@code not (potential > 5e6)} <i>is</i> true for an account without potential, while
 * {@code potential <= 5e6} is not.
 *
 * <h2>Column types</h2>
 *
 * <ul>
 *   <li>Numeric comparisons and {@code between} need a NUMERIC column.
 *   <li>{@code =}/{@code !=} with a string, {@code in} and {@code not in} work on CATEGORICAL columns
 *       (by label) and on NUMERIC columns used as codes: the value's text {@link
 *       dev.segmentation.core.table.Column#format(int)} is compared with the strings, so
 *       {@code Region in ("1", "3")} matches the numbers 1 and 3 (integers print without a decimal
 *       point). Numbers in an {@code in} list are stored as that text: {@code Region in (1, 3)} is
 *       {@code Region in ("1", "3")}.
 *   <li>{@code is missing} works on every column type.
 *   <li>Anything else (a numeric comparison on a categorical column, any value test on a DATE column)
 *       and unknown columns are rejected when the condition is bound to a table, with a {@link
 *       DataValidationException} that names the column and lists the table's columns.
 * </ul>
 *
 * <h2>Text form</h2>
 *
 * <p>{@code toString()} gives the canonical text, which {@link #parse(String)} reads back to an equal
 * condition. The grammar, with keywords case-insensitive and precedence {@code or < and < not}:
 *
 * <pre>
 * condition := or
 * or        := and ( 'or' and )*
 * and       := not ( 'and' not )*
 * not       := 'not' not | '(' or ')' | predicate
 * predicate := column ( ('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '=' | '!=') number
 *                     | ('=' | '!=') string
 *                     | 'between' number 'and' number
 *                     | ['not'] 'in' '(' value ( ',' value )* ')'
 *                     | 'is' ['not'] 'missing' )
 * column    := [A-Za-z_][A-Za-z0-9_]*  |  `any name`     (\` and \\ escape inside back quotes)
 * number    := -?(digits[.digits] | .digits)([eE][+-]?digits)?   (finite)
 * string    := "text"                                  (\" and \\ escape inside quotes)
 * value     := string | number
 * </pre>
 *
 * <p>Identifiers that are keywords ({@code and or not in between is missing}) must be back-quoted.
 *
 * <h2>Speed</h2>
 *
 * <p>{@link #bind(AccountTable)} resolves columns and category codes once; testing a row then
 * allocates nothing. Rule models evaluate bound conditions over blocks of rows.
 *
 * <p>Conditions are immutable values with {@code equals}/{@code hashCode} on content; they are safe to
 * share between threads.
 *
 * @since 0.1
 */
public sealed interface Condition {

  /**
   * Starts a condition on a column.
   *
   * <pre>{@code
   * Condition c = Condition.col("industry").in("Pharma", "Chemicals");
   * }</pre>
   *
   * @param column the column name, non-blank
   * @return a step offering the predicates on that column
   * @throws IllegalArgumentException when the name is blank
   */
  static ColumnRef col(String column) {
    return new ColumnRef(column);
  }

  /**
   * Parses the text form of a condition (see the grammar in the {@linkplain Condition class
   * documentation}).
   *
   * <pre>{@code
   * Condition c = Condition.parse("potential > 5e6 and industry in (\"Pharma\", \"Chemicals\")");
   * }</pre>
   *
   * @param text the condition text
   * @return the condition
   * @throws ConditionSyntaxException when the text does not parse; it carries the position
   */
  static Condition parse(String text) {
    return ConditionParser.parse(Objects.requireNonNull(text, "text"));
  }

  /**
   * Negates a condition: plain boolean negation, true exactly when {@code condition} is false.
   *
   * @param condition the condition to negate
   * @return {@code not (condition)}
   */
  static Condition not(Condition condition) {
    return new Not(condition);
  }

  /**
   * Combines conditions with {@code and}.
   *
   * @param first the first operand
   * @param second the second operand
   * @param more further operands
   * @return a condition true when every operand is true
   */
  static Condition allOf(Condition first, Condition second, Condition... more) {
    List<Condition> all = new ArrayList<>();
    all.add(first);
    all.add(second);
    all.addAll(List.of(more));
    return new And(all);
  }

  /**
   * Combines conditions with {@code or}.
   *
   * @param first the first operand
   * @param second the second operand
   * @param more further operands
   * @return a condition true when at least one operand is true
   */
  static Condition anyOf(Condition first, Condition second, Condition... more) {
    List<Condition> all = new ArrayList<>();
    all.add(first);
    all.add(second);
    all.addAll(List.of(more));
    return new Or(all);
  }

  /**
   * Combines this condition and another with {@code and}. When this condition is itself an
   * {@link And}, the other one is appended to its operands, so {@code a.and(b).and(c)} is
   * {@code a and b and c}.
   *
   * @param other the other condition
   * @return a condition true when both are true
   */
  default Condition and(Condition other) {
    Objects.requireNonNull(other, "other");
    List<Condition> ops = new ArrayList<>();
    if (this instanceof And a) {
      ops.addAll(a.operands());
    } else {
      ops.add(this);
    }
    ops.add(other);
    return new And(ops);
  }

  /**
   * Combines this condition and another with {@code or}. When this condition is itself an
   * {@link Or}, the other one is appended to its operands, so {@code a.or(b).or(c)} is
   * {@code a or b or c}.
   *
   * @param other the other condition
   * @return a condition true when at least one is true
   */
  default Condition or(Condition other) {
    Objects.requireNonNull(other, "other");
    List<Condition> ops = new ArrayList<>();
    if (this instanceof Or o) {
      ops.addAll(o.operands());
    } else {
      ops.add(this);
    }
    ops.add(other);
    return new Or(ops);
  }

  /**
   * Negates this condition (plain boolean negation, see the class documentation on missing values).
   *
   * @return {@code not (this)}
   */
  default Condition negate() {
    return new Not(this);
  }

  /**
   * Returns the columns this condition reads, in order of first appearance.
   *
   * @return an unmodifiable list of distinct column names
   */
  default List<String> columns() {
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    ConditionParser.collectColumns(this, seen, out);
    return List.copyOf(out);
  }

  /**
   * Compiles this condition against a table: columns, types and category codes are resolved once, so
   * that testing a row allocates nothing.
   *
   * @param table the table whose rows will be tested
   * @return a predicate on 0-based row indices of {@code table}; safe to share between threads
   * @throws DataValidationException when a column is unknown (the message lists the table's columns)
   *     or has a type the predicate cannot test
   */
  default IntPredicate bind(AccountTable table) {
    return BoundCondition.bind(this, Objects.requireNonNull(table, "table"));
  }

  /**
   * Tests one account. This binds the condition to the row's table on every call; to test many rows,
   * {@link #bind(AccountTable) bind} once instead.
   *
   * @param row the account
   * @return {@code true} when the condition holds for it
   * @throws DataValidationException as {@link #bind(AccountTable)}
   */
  default boolean test(Row row) {
    Objects.requireNonNull(row, "row");
    return bind(row.table()).test(row.index());
  }

  /**
   * A numeric comparison operator; {@link #symbol()} is its text form.
   *
   * @since 0.1
   */
  enum Operator {
    /** {@code <}: less than. */
    LT("<"),
    /** {@code <=}: less than or equal. */
    LE("<="),
    /** {@code >}: greater than. */
    GT(">"),
    /** {@code >=}: greater than or equal. */
    GE(">="),
    /** {@code =}: equal. */
    EQ("="),
    /** {@code !=}: not equal (false on a missing value, like every comparison). */
    NE("!=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /**
     * Returns the text form.
     *
     * @return {@code "<"}, {@code "<="}, {@code ">"}, {@code ">="}, {@code "="} or {@code "!="}
     */
    public String symbol() {
      return symbol;
    }

    /**
     * Looks an operator up by its text form.
     *
     * @param symbol one of {@code < <= > >= = !=}
     * @return the operator
     * @throws IllegalArgumentException for any other text
     */
    public static Operator ofSymbol(String symbol) {
      Objects.requireNonNull(symbol, "symbol");
      for (Operator op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException(
          "Unknown operator '" + symbol + "'; expected one of <, <=, >, >=, =, !=.");
    }

    /**
     * Applies the operator; false when {@code v} is {@code NaN} (missing).
     *
     * @param v the column value
     * @param x the number compared with
     * @return the result of {@code v op x}
     */
    public boolean test(double v, double x) {
      return switch (this) {
        case LT -> v < x;
        case LE -> v <= x;
        case GT -> v > x;
        case GE -> v >= x;
        case EQ -> v == x;
        case NE -> v != x && v == v;
      };
    }
  }

  /**
   * A numeric column compared with a number: {@code column operator value}, false when the value is
   * missing.
   *
   * @param column the column name, non-blank
   * @param operator the comparison
   * @param value the number, finite; {@code -0.0} is stored as {@code 0.0}
   * @since 0.1
   */
  record Compare(String column, Operator operator, double value) implements Condition {

    /**
     * Validates.
     *
     * @param column the column name, non-blank
     * @param operator the comparison
     * @param value the number, finite
     * @throws IllegalArgumentException when the column is blank or the value is not finite
     */
    public Compare {
      ConditionParser.checkColumn(column);
      Objects.requireNonNull(operator, "operator");
      value = ConditionParser.checkNumber(value, "value");
    }

    /**
     * Returns the canonical text, for example {@code potential > 5000000}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * A numeric column in an inclusive range: {@code low <= v <= high}, false when the value is missing.
   *
   * @param column the column name, non-blank
   * @param low the lower bound, finite, included
   * @param high the upper bound, finite, included, {@code >= low}
   * @since 0.1
   */
  record Between(String column, double low, double high) implements Condition {

    /**
     * Validates.
     *
     * @param column the column name, non-blank
     * @param low the lower bound, finite
     * @param high the upper bound, finite, {@code >= low}
     * @throws IllegalArgumentException when the column is blank, a bound is not finite or
     *     {@code low > high}
     */
    public Between {
      ConditionParser.checkColumn(column);
      low = ConditionParser.checkNumber(low, "low");
      high = ConditionParser.checkNumber(high, "high");
      if (low > high) {
        throw new IllegalArgumentException("between needs low <= high, was "
            + ConditionParser.number(low) + " and " + ConditionParser.number(high) + ".");
      }
    }

    /**
     * Returns the canonical text, for example {@code potential between 1000 and 5000}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * A column equal ({@link Operator#EQ}) or unequal ({@link Operator#NE}) to a category label: on a
   * categorical column the label, on a numeric column its text ({@code Column.format}). False when the
   * value is missing.
   *
   * @param column the column name, non-blank
   * @param operator {@link Operator#EQ} or {@link Operator#NE}
   * @param value the label, non-empty
   * @since 0.1
   */
  record TextCompare(String column, Operator operator, String value) implements Condition {

    /**
     * Validates.
     *
     * @param column the column name, non-blank
     * @param operator {@code EQ} or {@code NE}
     * @param value the label, non-empty
     * @throws IllegalArgumentException when the column is blank, the operator is an ordering or the
     *     label is empty
     */
    public TextCompare {
      ConditionParser.checkColumn(column);
      Objects.requireNonNull(operator, "operator");
      if (operator != Operator.EQ && operator != Operator.NE) {
        throw new IllegalArgumentException(
            "A label can only be compared with = or !=, was '" + operator.symbol() + "'.");
      }
      ConditionParser.checkLabel(value);
    }

    /**
     * Returns the canonical text, for example {@code industry = "Pharma"}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * A column whose label (on a numeric column: its text) is one of a list; false when missing.
   *
   * @param column the column name, non-blank
   * @param values the labels, non-empty, distinct, each non-empty; order is kept
   * @since 0.1
   */
  record In(String column, List<String> values) implements Condition {

    /**
     * Validates and copies.
     *
     * @param column the column name, non-blank
     * @param values the labels
     * @throws IllegalArgumentException when the column is blank or the list is empty or holds an
     *     empty or repeated label
     */
    public In {
      ConditionParser.checkColumn(column);
      values = ConditionParser.checkLabels(values);
    }

    /**
     * Returns the canonical text, for example {@code industry in ("Pharma", "Chemicals")}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * A column whose label (on a numeric column: its text) is none of a list; false when missing, so it
   * differs from {@code not (column in (...))} exactly on missing values.
   *
   * @param column the column name, non-blank
   * @param values the labels, non-empty, distinct, each non-empty; order is kept
   * @since 0.1
   */
  record NotIn(String column, List<String> values) implements Condition {

    /**
     * Validates and copies.
     *
     * @param column the column name, non-blank
     * @param values the labels
     * @throws IllegalArgumentException when the column is blank or the list is empty or holds an
     *     empty or repeated label
     */
    public NotIn {
      ConditionParser.checkColumn(column);
      values = ConditionParser.checkLabels(values);
    }

    /**
     * Returns the canonical text, for example {@code industry not in ("Pharma", "Chemicals")}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * True when the column's value is missing ({@code NaN}, a missing category or date).
   *
   * @param column the column name, non-blank
   * @since 0.1
   */
  record IsMissing(String column) implements Condition {

    /**
     * Validates.
     *
     * @param column the column name, non-blank
     * @throws IllegalArgumentException when the column is blank
     */
    public IsMissing {
      ConditionParser.checkColumn(column);
    }

    /**
     * Returns the canonical text, for example {@code potential is missing}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * True when every operand is true.
   *
   * @param operands two or more conditions, in order
   * @since 0.1
   */
  record And(List<Condition> operands) implements Condition {

    /**
     * Validates and copies.
     *
     * @param operands two or more conditions
     * @throws IllegalArgumentException when there are fewer than two operands
     */
    public And {
      operands = ConditionParser.checkOperands(operands, "and");
    }

    /**
     * Returns the canonical text, for example {@code a > 1 and (b > 2 or c > 3)}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * True when at least one operand is true.
   *
   * @param operands two or more conditions, in order
   * @since 0.1
   */
  record Or(List<Condition> operands) implements Condition {

    /**
     * Validates and copies.
     *
     * @param operands two or more conditions
     * @throws IllegalArgumentException when there are fewer than two operands
     */
    public Or {
      operands = ConditionParser.checkOperands(operands, "or");
    }

    /**
     * Returns the canonical text, for example {@code a > 1 or (b > 2 and c > 3)}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * Plain boolean negation: true exactly when the operand is false (so true when a comparison meets a
   * missing value).
   *
   * @param operand the negated condition
   * @since 0.1
   */
  record Not(Condition operand) implements Condition {

    /**
     * Validates.
     *
     * @param operand the negated condition
     */
    public Not {
      Objects.requireNonNull(operand, "operand");
    }

    /**
     * Returns the canonical text, for example {@code not (potential > 5)}, or
     * {@code potential is not missing} for a negated {@link IsMissing}.
     *
     * @return text that {@link Condition#parse(String)} reads back to an equal condition
     */
    @Override
    public String toString() {
      return ConditionParser.format(this);
    }
  }

  /**
   * The fluent step after {@link Condition#col(String)}: the predicates available on one column.
   *
   * <p>Instances are immutable and safe to share between threads.
   *
   * @since 0.1
   */
  final class ColumnRef {

    private final String column;

    private ColumnRef(String column) {
      this.column = ConditionParser.checkColumn(column);
    }

    /**
     * Returns the column name.
     *
     * @return the name
     */
    public String name() {
      return column;
    }

    /**
     * {@code column < value}.
     *
     * @param value a finite number
     * @return the condition
     * @throws IllegalArgumentException when the value is not finite
     */
    public Condition lt(double value) {
      return new Compare(column, Operator.LT, value);
    }

    /**
     * {@code column <= value}.
     *
     * @param value a finite number
     * @return the condition
     * @throws IllegalArgumentException when the value is not finite
     */
    public Condition le(double value) {
      return new Compare(column, Operator.LE, value);
    }

    /**
     * {@code column > value}.
     *
     * @param value a finite number
     * @return the condition
     * @throws IllegalArgumentException when the value is not finite
     */
    public Condition gt(double value) {
      return new Compare(column, Operator.GT, value);
    }

    /**
     * {@code column >= value}.
     *
     * @param value a finite number
     * @return the condition
     * @throws IllegalArgumentException when the value is not finite
     */
    public Condition ge(double value) {
      return new Compare(column, Operator.GE, value);
    }

    /**
     * {@code column = value} (numeric).
     *
     * @param value a finite number
     * @return the condition
     * @throws IllegalArgumentException when the value is not finite
     */
    public Condition eq(double value) {
      return new Compare(column, Operator.EQ, value);
    }

    /**
     * {@code column != value} (numeric; false when missing).
     *
     * @param value a finite number
     * @return the condition
     * @throws IllegalArgumentException when the value is not finite
     */
    public Condition ne(double value) {
      return new Compare(column, Operator.NE, value);
    }

    /**
     * {@code column = "label"}.
     *
     * @param label a non-empty category label
     * @return the condition
     * @throws IllegalArgumentException when the label is empty
     */
    public Condition eq(String label) {
      return new TextCompare(column, Operator.EQ, label);
    }

    /**
     * {@code column != "label"} (false when missing).
     *
     * @param label a non-empty category label
     * @return the condition
     * @throws IllegalArgumentException when the label is empty
     */
    public Condition ne(String label) {
      return new TextCompare(column, Operator.NE, label);
    }

    /**
     * {@code column between low and high}, both bounds included.
     *
     * @param low the lower bound, finite
     * @param high the upper bound, finite, {@code >= low}
     * @return the condition
     * @throws IllegalArgumentException when a bound is not finite or {@code low > high}
     */
    public Condition between(double low, double high) {
      return new Between(column, low, high);
    }

    /**
     * {@code column in ("a", "b", ...)}.
     *
     * @param labels one or more distinct, non-empty labels
     * @return the condition
     * @throws IllegalArgumentException when the list is empty or holds an empty or repeated label
     */
    public Condition in(String... labels) {
      return new In(column, List.of(labels));
    }

    /**
     * {@code column not in ("a", "b", ...)} (false when missing).
     *
     * @param labels one or more distinct, non-empty labels
     * @return the condition
     * @throws IllegalArgumentException when the list is empty or holds an empty or repeated label
     */
    public Condition notIn(String... labels) {
      return new NotIn(column, List.of(labels));
    }

    /**
     * {@code column is missing}.
     *
     * @return the condition
     */
    public Condition isMissing() {
      return new IsMissing(column);
    }

    /**
     * {@code column is not missing}, that is {@code not (column is missing)}.
     *
     * @return the condition
     */
    public Condition isNotMissing() {
      return new Not(new IsMissing(column));
    }

    /**
     * Returns {@code col(name)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
      return "col(" + column + ")";
    }
  }
}
