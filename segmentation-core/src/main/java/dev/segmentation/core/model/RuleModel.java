package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Row;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Condition.And;
import dev.segmentation.core.model.Condition.Between;
import dev.segmentation.core.model.Condition.Compare;
import dev.segmentation.core.model.Condition.In;
import dev.segmentation.core.model.Condition.IsMissing;
import dev.segmentation.core.model.Condition.Not;
import dev.segmentation.core.model.Condition.NotIn;
import dev.segmentation.core.model.Condition.Operator;
import dev.segmentation.core.model.Condition.Or;
import dev.segmentation.core.model.Condition.TextCompare;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A segment model defined by ordered rules: each rule is a segment and a {@link Condition}; an account
 * goes to the segment of the <b>first</b> rule whose condition it matches. Accounts that match no rule
 * go to the default segment ({@code otherwise}) when there is one, and are otherwise left unassigned
 * with {@link UnassignedReason#NO_RULE_MATCHED}.
 *
 * <pre>{@code
 * RuleModel model = RuleModel.builder()
 *     .segment("Strategic").when(col("potential").gt(5e6).or(col("turnover").gt(1e6)))
 *     .segment("Develop").when("potential > 1e6")             // text is parsed
 *     .otherwise("Long tail")
 *     .build();
 * Segmentation seg = model.assign(accounts);
 * model.validate(accounts);             // warnings, e.g. a category that never occurs
 * String json = ModelJson.write(model);
 * }</pre>
 *
 * <p><b>Segments.</b> Rule {@code i} (0-based) is segment {@code i}; the default segment comes last.
 * A segment's id is the slug of its name ({@code "Long tail"} gives {@code "long-tail"}: lower case,
 * runs of other characters than letters and digits replaced by one {@code '-'}) unless given
 * explicitly; ids must be unique. A rule segment's description defaults to its condition's text.
 *
 * <p><b>Missing values</b> follow {@link Condition}: a comparison on a missing value is false, so an
 * account with missing potential does not match {@code potential > 1e6} and falls through to later
 * rules; write {@code potential is missing} to catch such accounts.
 *
 * <p><b>Unreachable rules.</b> {@link Builder#build()} looks for rules that can never match because
 * earlier rules already take every account they would match, and reports them in {@link #warnings()}
 * rather than throwing (a redundant rule is harmless and generated rule lists often contain some). The
 * analysis is sound but incomplete: it finds a rule on one column whose numeric interval(s) ({@code <},
 * {@code <=}, {@code >}, {@code >=}, {@code =}, {@code !=}, {@code between}, and {@code and}/{@code or}
 * of those on the same column) lie inside the union of intervals that earlier rules cover on that
 * column, label sets ({@code =}, {@code in}) inside earlier label sets, and {@code is missing} after
 * {@code is missing}; an earlier {@code or} covers what each operand covers, and a later {@code and}
 * is unreachable when one of its operands is. Numeric intervals include {@code ±Infinity}
 * ({@code x > 5} matches {@code +Infinity}).
 *
 * <p>Instances are immutable and safe to share between threads; {@code equals}/{@code hashCode}
 * compare the rules and the default segment.
 *
 * @since 0.1
 */
public final class RuleModel implements SegmentModel {

  /** The {@link #kind()} of rule models, {@value}. */
  public static final String KIND = "rule-model";

  /** Description of the default segment when none is given, {@value}. */
  public static final String DEFAULT_DESCRIPTION = "no rule matched";

  private final List<Rule> rules;
  private final Segment defaultSegment; // null when there is none
  private final List<Segment> segments;
  private final List<String> warnings;

  private RuleModel(List<Rule> rules, Segment defaultSegment) {
    this.rules = List.copyOf(rules);
    this.defaultSegment = defaultSegment;
    List<Segment> segs = new ArrayList<>();
    for (Rule r : this.rules) {
      segs.add(r.segment());
    }
    if (defaultSegment != null) {
      segs.add(defaultSegment);
    }
    this.segments = List.copyOf(segs);
    this.warnings = List.copyOf(Reachability.unreachableRules(this.rules));
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
   * One rule: a segment and the condition of its accounts.
   *
   * @param segment the segment, whose index is the rule's 0-based position
   * @param condition who belongs to the segment (if no earlier rule took the account)
   * @since 0.1
   */
  public record Rule(Segment segment, Condition condition) {

    /**
     * Validates.
     *
     * @param segment the segment
     * @param condition the condition
     */
    public Rule {
      Objects.requireNonNull(segment, "segment");
      Objects.requireNonNull(condition, "condition");
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Segment> segments() {
    return segments;
  }

  /**
   * Returns the rules in evaluation order.
   *
   * @return an unmodifiable list; rule {@code i} is segment {@code i}
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Returns the segment of accounts that match no rule.
   *
   * @return the default segment (the last segment), or empty when unmatched accounts stay unassigned
   */
  public Optional<Segment> defaultSegment() {
    return Optional.ofNullable(defaultSegment);
  }

  /**
   * Returns the problems found in the rules when the model was built, for example a rule that can
   * never match because earlier rules cover it (see the class documentation for what is detected).
   *
   * @return an unmodifiable list of messages, empty when nothing was found
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Checks the model against a table without assigning it: every column must exist with a type the
   * conditions can test, and every category named in a condition should occur in the table.
   *
   * @param table accounts with the columns the rules read
   * @return warnings about this table, for example
   *     {@code Rule 2 'Develop': category "Pharmaa" of column 'industry' never occurs in the table};
   *     empty when there is nothing to report. The model's own {@link #warnings()} are not repeated.
   * @throws DataValidationException when a column is unknown or has the wrong type; the message names
   *     the rule and the column and lists the table's columns
   */
  public List<String> validate(AccountTable table) {
    Objects.requireNonNull(table, "table");
    bindRules(table);
    List<String> out = new ArrayList<>();
    Map<String, Set<String>> present = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      Set<String> reported = new HashSet<>();
      for (Condition leaf : leaves(rule.condition(), new ArrayList<>())) {
        List<String> labels;
        if (leaf instanceof In x) {
          labels = x.values();
        } else if (leaf instanceof NotIn x) {
          labels = x.values();
        } else if (leaf instanceof TextCompare x) {
          labels = List.of(x.value());
        } else {
          continue;
        }
        String column = ConditionParser.leafColumn(leaf);
        Set<String> occurring =
            present.computeIfAbsent(column, c -> occurringLabels(table.column(c)));
        Column col = table.column(column);
        for (String label : labels) {
          boolean occurs = col instanceof NumericColumn nc
              ? occursAsText(nc, label) : occurring.contains(label);
          if (!occurs && reported.add(column + "\u0000" + label)) {
            out.add(ruleLabel(i) + ": category " + ConditionParser.quote(label) + " of column '"
                + column + "' never occurs in the table" + levelsHint(table.column(column)) + ".");
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static String levelsHint(Column column) {
    if (column instanceof CategoricalColumn cc) {
      List<String> levels = new ArrayList<>();
      int[] counts = cc.levelCounts();
      for (int c = 0; c < counts.length; c++) {
        if (counts[c] > 0) {
          levels.add(cc.levels().get(c));
        }
      }
      return levels.size() <= 20 ? "; levels are: " + String.join(", ", levels)
          : "; it has " + levels.size() + " levels";
    }
    return "";
  }

  private static Set<String> occurringLabels(Column column) {
    Set<String> out = new HashSet<>();
    if (column instanceof CategoricalColumn cc) {
      int[] counts = cc.levelCounts();
      for (int c = 0; c < counts.length; c++) {
        if (counts[c] > 0) {
          out.add(cc.levels().get(c));
        }
      }
    }
    return out;
  }

  /** Whether some row of a numeric column prints as {@code label} ({@code Column.format}). */
  private static boolean occursAsText(NumericColumn column, String label) {
    long[] bits = BoundCondition.numbersFormattedAs(List.of(label));
    if (bits.length == 0) {
      return false;
    }
    for (int i = 0; i < column.size(); i++) {
      if (Double.doubleToRawLongBits(column.get(i)) == bits[0]) {
        return true;
      }
    }
    return false;
  }

  private static List<Condition> leaves(Condition c, List<Condition> out) {
    if (c instanceof And x) {
      x.operands().forEach(o -> leaves(o, out));
    } else if (c instanceof Or x) {
      x.operands().forEach(o -> leaves(o, out));
    } else if (c instanceof Not x) {
      leaves(x.operand(), out);
    } else {
      out.add(c);
    }
    return out;
  }

  private String ruleLabel(int i) {
    return "Rule " + (i + 1) + " '" + rules.get(i).segment().name() + "'";
  }

  private BoundCondition[] bindRules(AccountTable table) {
    BoundCondition[] bound = new BoundCondition[rules.size()];
    for (int i = 0; i < bound.length; i++) {
      try {
        bound[i] = BoundCondition.bind(rules.get(i).condition(), table);
      } catch (DataValidationException e) {
        throw new DataValidationException(
            ruleLabel(i) + ": " + e.getMessage(), null, e.column().orElse(null), -1, e);
      }
    }
    return bound;
  }

  /**
   * Assigns every account: the segment of the first matching rule, else the default segment, else
   * unassigned with {@link UnassignedReason#NO_RULE_MATCHED}.
   *
   * <p>Conditions are bound to the table once and evaluated over blocks of 1,024 rows, rule by rule,
   * on the rows of the block not yet taken (branch-free loops per comparison); the result equals
   * testing the rules in order on each row.
   *
   * @param table accounts with the columns the rules read
   * @return one assignment per account, in table order
   * @throws DataValidationException when a column is unknown or has the wrong type; the message names
   *     the rule and the column
   */
  @Override
  public Segmentation assign(AccountTable table) {
    Objects.requireNonNull(table, "table");
    BoundCondition[] bound = bindRules(table);
    int n = table.rowCount();
    int[] segmentOf = new int[n];
    UnassignedReason[] reasons = new UnassignedReason[n];
    String[] details = new String[n];
    String detail = noMatchDetail();
    int fallback = defaultSegment == null ? Assignment.UNASSIGNED : defaultSegment.index();
    int[] sel = new int[BoundCondition.BLOCK];
    int[] hit = new int[BoundCondition.BLOCK];
    for (int base = 0; base < n; base += BoundCondition.BLOCK) {
      int k = Math.min(BoundCondition.BLOCK, n - base);
      for (int i = 0; i < k; i++) {
        sel[i] = base + i;
      }
      for (int r = 0; r < bound.length && k > 0; r++) {
        int h = bound[r].partition(sel, k, hit, sel); // the rows left stay in sel
        for (int j = 0; j < h; j++) {
          segmentOf[hit[j]] = r;
        }
        k -= h;
      }
      for (int j = 0; j < k; j++) {
        int row = sel[j];
        segmentOf[row] = fallback;
        if (fallback == Assignment.UNASSIGNED) {
          reasons[row] = UnassignedReason.NO_RULE_MATCHED;
          details[row] = detail;
        }
      }
    }
    return Segmentation.of(table, segments, segmentOf, reasons, details);
  }

  /**
   * Assigns one account; equal to the assignment {@link #assign(AccountTable)} gives for that row.
   *
   * @param row the account
   * @return its assignment
   * @throws DataValidationException as {@link #assign(AccountTable)}
   */
  @Override
  public Assignment assign(Row row) {
    Objects.requireNonNull(row, "row");
    BoundCondition[] bound = bindRules(row.table());
    for (int r = 0; r < bound.length; r++) {
      if (bound[r].test(row.index())) {
        return Assignment.of(row.id(), r);
      }
    }
    return defaultSegment != null
        ? Assignment.of(row.id(), defaultSegment.index())
        : Assignment.unassigned(row.id(), UnassignedReason.NO_RULE_MATCHED, noMatchDetail());
  }

  private String noMatchDetail() {
    return rules.size() == 1 ? "the rule did not match" : "none of " + rules.size() + " rules matched";
  }

  /**
   * Compares rules (segments and conditions, in order) and the default segment.
   *
   * @param o the other object
   * @return {@code true} when {@code o} is an equal rule model
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof RuleModel other
        && rules.equals(other.rules)
        && Objects.equals(defaultSegment, other.defaultSegment);
  }

  @Override
  public int hashCode() {
    return 31 * rules.hashCode() + Objects.hashCode(defaultSegment);
  }

  /**
   * Lists the rules as an aligned table (position, segment name, id, condition), the default segment
   * last, then any warnings.
   *
   * @return the text
   */
  @Override
  public String toString() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"#", "segment", "id", "when"});
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      lines.add(new String[] {
        Integer.toString(i + 1), r.segment().name(), r.segment().id(), r.condition().toString()});
    }
    if (defaultSegment != null) {
      lines.add(new String[] {"", defaultSegment.name(), defaultSegment.id(), "otherwise"});
    }
    int[] width = new int[3];
    for (String[] l : lines) {
      for (int j = 0; j < 3; j++) {
        width[j] = Math.max(width[j], l[j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("RuleModel: ").append(rules.size()).append(rules.size() == 1 ? " rule, " : " rules, ")
        .append(defaultSegment == null
            ? "no default segment (unmatched accounts are unassigned)"
            : "default segment '" + defaultSegment.name() + "'")
        .append('\n');
    for (int li = 0; li < lines.size(); li++) {
      String[] l = lines.get(li);
      sb.append(" ".repeat(width[0] - l[0].length())).append(l[0]);
      sb.append("  ").append(l[1]).append(" ".repeat(width[1] - l[1].length()));
      sb.append("  ").append(l[2]).append(" ".repeat(width[2] - l[2].length()));
      sb.append("  ").append(l[3]).append('\n');
      if (li == 0) {
        sb.append("-".repeat(width[0])).append("  ").append("-".repeat(width[1])).append("  ")
            .append("-".repeat(width[2])).append("  ").append("-".repeat(4)).append('\n');
      }
    }
    if (!warnings.isEmpty()) {
      sb.append("Warnings:\n");
      for (String w : warnings) {
        sb.append("  - ").append(w).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * Derives a segment id from a name: lower case, each run of characters other than letters and
   * digits replaced by one {@code '-'}, no leading or trailing {@code '-'}; for example
   * {@code "Long tail"} gives {@code "long-tail"}.
   *
   * @param name a segment name
   * @return the slug
   * @throws IllegalArgumentException when the name has no letter or digit
   */
  public static String slug(String name) {
    Objects.requireNonNull(name, "name");
    StringBuilder sb = new StringBuilder();
    boolean gap = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (gap && sb.length() > 0) {
          sb.append('-');
        }
        gap = false;
        sb.appendCodePoint(Character.toLowerCase(cp));
      } else {
        gap = true;
      }
    }
    if (sb.length() == 0) {
      throw new IllegalArgumentException("Cannot derive a segment id from the name \"" + name
          + "\": it has no letter or digit.\nGive the id explicitly, e.g. segment(\"s1\", name).");
    }
    return sb.toString();
  }

  /**
   * Fluent builder: {@code segment(name).when(condition)} once per rule, in evaluation order, then
   * optionally {@code otherwise(name)}, then {@code build()}.
   *
   * <p>Builders are mutable and not thread-safe; {@link #build()} copies, so a builder may be reused.
   *
   * @since 0.1
   */
  public static final class Builder {

    private final List<Rule> rules = new ArrayList<>();
    private String defaultId;
    private String defaultName;
    private String defaultDescription;

    private Builder() {}

    /**
     * Starts a rule whose segment id is the {@linkplain RuleModel#slug(String) slug} of its name.
     *
     * @param name the segment name, non-blank
     * @return the step that takes the rule's condition
     * @throws IllegalArgumentException when the name is blank or has no letter or digit
     * @throws IllegalStateException when another segment already has the same id
     */
    public RuleStep segment(String name) {
      checkName(name);
      return segment(slug(name), name);
    }

    /**
     * Starts a rule with an explicit segment id.
     *
     * @param id the segment id, non-blank and unique within the model
     * @param name the segment name, non-blank
     * @return the step that takes the rule's condition
     * @throws IllegalArgumentException when the id or name is blank
     * @throws IllegalStateException when another segment already has this id
     */
    public RuleStep segment(String id, String name) {
      checkId(id);
      checkName(name);
      return new RuleStep(this, id, name);
    }

    /**
     * Sets the default segment, for accounts that match no rule; its id is the slug of its name. It
     * is always the last segment. Without it, such accounts are unassigned with
     * {@link UnassignedReason#NO_RULE_MATCHED}.
     *
     * @param name the segment name, non-blank
     * @return the final step
     * @throws IllegalArgumentException when the name is blank or has no letter or digit
     * @throws IllegalStateException when a default segment was already set or the id is taken
     */
    public DefaultStep otherwise(String name) {
      checkName(name);
      return otherwise(slug(name), name);
    }

    /**
     * Sets the default segment with an explicit id.
     *
     * @param id the segment id, non-blank and unique within the model
     * @param name the segment name, non-blank
     * @return the final step
     * @throws IllegalArgumentException when the id or name is blank
     * @throws IllegalStateException when a default segment was already set or the id is taken
     */
    public DefaultStep otherwise(String id, String name) {
      checkId(id);
      checkName(name);
      if (defaultName != null) {
        throw new IllegalStateException("The default segment is set twice: '" + defaultName
            + "' and '" + name + "'; a rule model has at most one.");
      }
      defaultId = id;
      defaultName = name;
      defaultDescription = DEFAULT_DESCRIPTION;
      return new DefaultStep(this);
    }

    /**
     * Builds the model and analyses the rules for {@linkplain RuleModel#warnings() warnings}.
     *
     * @return the model
     * @throws IllegalStateException when there is neither a rule nor a default segment
     */
    public RuleModel build() {
      if (rules.isEmpty() && defaultName == null) {
        throw new IllegalStateException(
            "A rule model needs at least one rule or a default segment; add segment(name).when(...).");
      }
      Segment def = defaultName == null
          ? null
          : new Segment(rules.size(), defaultId, defaultName, defaultDescription);
      return new RuleModel(rules, def);
    }

    private void checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("Segment name must be non-blank, was \"" + name + "\".");
      }
    }

    private void checkId(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("Segment id must be non-blank, was \"" + id + "\".");
      }
      for (Rule r : rules) {
        if (r.segment().id().equals(id)) {
          throw new IllegalStateException("Segment id \"" + id + "\" is used twice (segments '"
              + r.segment().name() + "' and a new one); ids must be unique.\n"
              + "Give an explicit id with segment(id, name).");
        }
      }
      if (id.equals(defaultId)) {
        throw new IllegalStateException("Segment id \"" + id
            + "\" is already the id of the default segment '" + defaultName
            + "'; ids must be unique.");
      }
    }

    private Builder add(String id, String name, String description, Condition condition) {
      checkId(id);
      rules.add(new Rule(new Segment(rules.size(), id, name,
          description == null ? condition.toString() : description), condition));
      return this; // the default segment stays last: its index is set in build()
    }
  }

  /**
   * The step after {@link Builder#segment(String)}: optionally a description, then the rule's
   * condition.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  public static final class RuleStep {

    private final Builder builder;
    private final String id;
    private final String name;
    private String description;

    private RuleStep(Builder builder, String id, String name) {
      this.builder = builder;
      this.id = id;
      this.name = name;
    }

    /**
     * Sets the segment description (by default the condition's text).
     *
     * @param description who belongs to the segment
     * @return this step
     */
    public RuleStep description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Completes the rule with its condition.
     *
     * @param condition who belongs to the segment
     * @return the builder, for the next rule
     * @throws IllegalStateException when the segment id was taken meanwhile
     */
    public Builder when(Condition condition) {
      Objects.requireNonNull(condition, "condition");
      return builder.add(id, name, description, condition);
    }

    /**
     * Completes the rule with a condition given as text, parsed with {@link Condition#parse(String)}.
     *
     * @param condition the condition text, for example {@code "potential > 1e6"}
     * @return the builder, for the next rule
     * @throws dev.segmentation.core.ConditionSyntaxException when the text does not parse
     * @throws IllegalStateException when the segment id was taken meanwhile
     */
    public Builder when(String condition) {
      return when(Condition.parse(condition));
    }
  }

  /**
   * The step after {@link Builder#otherwise(String)}: optionally a description, then
   * {@link #build()}.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  public static final class DefaultStep {

    private final Builder builder;

    private DefaultStep(Builder builder) {
      this.builder = builder;
    }

    /**
     * Sets the default segment's description (by default {@value RuleModel#DEFAULT_DESCRIPTION}).
     *
     * @param description who belongs to the default segment
     * @return this step
     */
    public DefaultStep description(String description) {
      builder.defaultDescription = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Builds the model, as {@link Builder#build()}.
     *
     * @return the model
     */
    public RuleModel build() {
      return builder.build();
    }
  }

  // ------------------------------------------------------------------ reachability analysis

  /**
   * Sound but incomplete detection of rules that earlier rules cover. A "cover" is a set of accounts
   * that certainly matched an earlier rule, described per column as numeric intervals, labels and
   * "is missing".
   */
  private static final class Reachability {

    /** An interval of the extended reals; infinite ends are closed (data may hold ±Infinity). */
    private record Interval(double lo, boolean loClosed, double hi, boolean hiClosed) {
      boolean isEmpty() {
        return lo > hi || (lo == hi && !(loClosed && hiClosed));
      }

      Interval intersect(Interval o) {
        double l;
        boolean lc;
        if (lo > o.lo) {
          l = lo;
          lc = loClosed;
        } else if (o.lo > lo) {
          l = o.lo;
          lc = o.loClosed;
        } else {
          l = lo;
          lc = loClosed && o.loClosed;
        }
        double h;
        boolean hc;
        if (hi < o.hi) {
          h = hi;
          hc = hiClosed;
        } else if (o.hi < hi) {
          h = o.hi;
          hc = o.hiClosed;
        } else {
          h = hi;
          hc = hiClosed && o.hiClosed;
        }
        return new Interval(l, lc, h, hc);
      }

      boolean contains(Interval o) {
        boolean loOk = lo < o.lo || (lo == o.lo && (loClosed || !o.loClosed));
        boolean hiOk = hi > o.hi || (hi == o.hi && (hiClosed || !o.hiClosed));
        return loOk && hiOk;
      }
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    /** What earlier rules certainly matched. */
    private static final class Cover {
      final Map<String, List<Interval>> numeric = new LinkedHashMap<>();
      final Map<String, Set<String>> labels = new LinkedHashMap<>();
      final Set<String> missing = new LinkedHashSet<>();

      void addAll(Cover o) {
        o.numeric.forEach((c, l) -> numeric.computeIfAbsent(c, k -> new ArrayList<>()).addAll(l));
        o.labels.forEach((c, l) -> labels.computeIfAbsent(c, k -> new LinkedHashSet<>()).addAll(l));
        missing.addAll(o.missing);
      }

      boolean isEmpty() {
        return numeric.isEmpty() && labels.isEmpty() && missing.isEmpty();
      }
    }

    /** The column and intervals of a condition that is a union of intervals of one column. */
    private record Intervals(String column, List<Interval> parts) {}

    static List<String> unreachableRules(List<Rule> rules) {
      List<String> out = new ArrayList<>();
      List<Cover> covers = new ArrayList<>();
      Cover all = new Cover();
      for (int j = 0; j < rules.size(); j++) {
        Condition c = rules.get(j).condition();
        Intervals own0 = intervals(c);
        if (own0 != null && own0.parts().stream().allMatch(Interval::isEmpty)) {
          out.add("Rule " + (j + 1) + " '" + rules.get(j).segment().name() + "' (`" + c
              + "`) can never match: no number satisfies its condition.");
        } else if (j > 0) {
          String by = null;
          for (int i = 0; i < j && by == null; i++) {
            if (covered(c, covers.get(i))) {
              by = "rule " + (i + 1) + " '" + rules.get(i).segment().name() + "' (`"
                  + rules.get(i).condition() + "`) already takes every account it would match";
            }
          }
          if (by == null && covered(c, all)) {
            by = "rules 1 to " + j + " together already take every account it would match";
          }
          if (by != null) {
            out.add("Rule " + (j + 1) + " '" + rules.get(j).segment().name() + "' (`" + c
                + "`) can never match: " + by + ".");
          }
        }
        Cover own = coverOf(c);
        covers.add(own);
        all.addAll(own);
      }
      return out;
    }

    private static Intervals intervals(Condition c) {
      if (c instanceof Compare x) {
        double v = x.value();
        List<Interval> parts = switch (x.operator()) {
          case LT -> List.of(new Interval(-INF, true, v, false));
          case LE -> List.of(new Interval(-INF, true, v, true));
          case GT -> List.of(new Interval(v, false, INF, true));
          case GE -> List.of(new Interval(v, true, INF, true));
          case EQ -> List.of(new Interval(v, true, v, true));
          case NE -> List.of(new Interval(-INF, true, v, false), new Interval(v, false, INF, true));
        };
        return new Intervals(x.column(), parts);
      }
      if (c instanceof Between x) {
        return new Intervals(x.column(), List.of(new Interval(x.low(), true, x.high(), true)));
      }
      if (c instanceof Or x) {
        String column = null;
        List<Interval> parts = new ArrayList<>();
        for (Condition o : x.operands()) {
          Intervals iv = intervals(o);
          if (iv == null || (column != null && !column.equals(iv.column()))) {
            return null;
          }
          column = iv.column();
          parts.addAll(iv.parts());
        }
        return new Intervals(column, parts);
      }
      if (c instanceof And x) {
        String column = null;
        List<Interval> parts = null;
        for (Condition o : x.operands()) {
          Intervals iv = intervals(o);
          if (iv == null || (column != null && !column.equals(iv.column()))) {
            return null;
          }
          column = iv.column();
          if (parts == null) {
            parts = iv.parts();
          } else {
            List<Interval> next = new ArrayList<>();
            for (Interval a : parts) {
              for (Interval b : iv.parts()) {
                Interval both = a.intersect(b);
                if (!both.isEmpty()) {
                  next.add(both);
                }
              }
            }
            parts = next;
          }
        }
        return new Intervals(column, parts);
      }
      return null;
    }

    private static Cover coverOf(Condition c) {
      Cover cover = new Cover();
      Intervals iv = intervals(c);
      if (iv != null) {
        cover.numeric.put(iv.column(), new ArrayList<>(iv.parts()));
        return cover;
      }
      if (c instanceof TextCompare x && x.operator() == Operator.EQ) {
        cover.labels.put(x.column(), new LinkedHashSet<>(List.of(x.value())));
      } else if (c instanceof In x) {
        cover.labels.put(x.column(), new LinkedHashSet<>(x.values()));
      } else if (c instanceof IsMissing x) {
        cover.missing.add(x.column());
      } else if (c instanceof Or x) {
        for (Condition o : x.operands()) {
          cover.addAll(coverOf(o));
        }
      }
      return cover;
    }

    private static boolean covered(Condition c, Cover cover) {
      if (cover.isEmpty()) {
        return false;
      }
      Intervals iv = intervals(c);
      if (iv != null) {
        List<Interval> union = merge(cover.numeric.get(iv.column()));
        for (Interval part : iv.parts()) {
          if (!part.isEmpty() && union.stream().noneMatch(u -> u.contains(part))) {
            return false;
          }
        }
        return true;
      }
      if (c instanceof TextCompare x && x.operator() == Operator.EQ) {
        return cover.labels.getOrDefault(x.column(), Set.of()).contains(x.value());
      }
      if (c instanceof In x) {
        return cover.labels.getOrDefault(x.column(), Set.of()).containsAll(x.values());
      }
      if (c instanceof IsMissing x) {
        return cover.missing.contains(x.column());
      }
      if (c instanceof Or x) {
        return x.operands().stream().allMatch(o -> covered(o, cover));
      }
      if (c instanceof And x) {
        return x.operands().stream().anyMatch(o -> covered(o, cover));
      }
      return false;
    }

    private static List<Interval> merge(List<Interval> parts) {
      if (parts == null || parts.isEmpty()) {
        return List.of();
      }
      List<Interval> sorted = new ArrayList<>();
      for (Interval p : parts) {
        if (!p.isEmpty()) {
          sorted.add(p);
        }
      }
      sorted.sort(Comparator.comparingDouble(Interval::lo)
          .thenComparing(p -> !p.loClosed()));
      List<Interval> out = new ArrayList<>();
      Interval cur = null;
      for (Interval p : sorted) {
        if (cur == null) {
          cur = p;
        } else if (p.lo() < cur.hi() || (p.lo() == cur.hi() && (p.loClosed() || cur.hiClosed()))) {
          if (p.hi() > cur.hi() || (p.hi() == cur.hi() && p.hiClosed() && !cur.hiClosed())) {
            cur = new Interval(cur.lo(), cur.loClosed(), p.hi(), p.hiClosed());
          }
        } else {
          out.add(cur);
          cur = p;
        }
      }
      if (cur != null) {
        out.add(cur);
      }
      return out;
    }
  }
}
