package dev.segmentation.allocation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A coverage option: a service level delivered through a channel, with the hours it takes from each
 * role and the money it costs per account and year, who may receive it, and what it is worth.
 *
 * <pre>{@code
 * CoverageOption field12 = CoverageOption.builder("field-12", Channel.FIELD)
 *     .hours("field", 12 * 2.5)          // 12 visits of 2.5 h per year
 *     .cost(12 * 180)                    // travel and expenses
 *     .segments("A", "B")                // eligible segments
 *     .retention(0.97).effort(12)        // inputs of the built-in response model
 *     .build();
 * }</pre>
 *
 * <p><b>Value.</b> The value of giving this option to an account is, in order of precedence: the
 * option's own {@link Builder#value(PerAccount)}; else the problem's {@link ResponseModel} evaluated with
 * this option's {@link #retention()} and {@link #effort()}; else the problem's value function.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class CoverageOption {

  private final String id;
  private final Channel channel;
  private final Map<String, PerAccount> hours;
  private final PerAccount cost;
  private final PerAccount value;
  private final Set<String> segments;
  private final String eligibleWhen;
  private final double retention;
  private final double effort;

  private CoverageOption(Builder b) {
    this.id = b.id;
    this.channel = b.channel;
    this.hours = Collections.unmodifiableMap(new TreeMap<>(b.hours));
    this.cost = b.cost;
    this.value = b.value;
    this.segments = Collections.unmodifiableSet(new TreeSet<>(b.segments));
    this.eligibleWhen = b.eligibleWhen;
    this.retention = b.retention;
    this.effort = b.effort;
  }

  /**
   * Starts an option.
   *
   * @param id unique option id, non-blank
   * @param channel the channel
   * @return a builder
   */
  public static Builder builder(String id, Channel channel) {
    return new Builder(id, channel);
  }

  /**
   * The "no active coverage" option: no hours, no cost, retention 0 and effort 0 (so the built-in
   * response model values it at 0), open to every account.
   *
   * @param id the option id, for example {@code "none"}
   * @return the option
   */
  public static CoverageOption none(String id) {
    return builder(id, Channel.NONE).build();
  }

  /**
   * Returns the option id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the channel.
   *
   * @return the channel
   */
  public Channel channel() {
    return channel;
  }

  /**
   * Returns the hours per account and year taken from each role.
   *
   * @return an unmodifiable map sorted by role name; roles not listed take no hours
   */
  public Map<String, PerAccount> hours() {
    return hours;
  }

  /**
   * Returns the money cost per account and year.
   *
   * @return the cost
   */
  public PerAccount cost() {
    return cost;
  }

  /**
   * Returns the option's own value per account, if given.
   *
   * @return the value, or empty when the problem's response model or value function decides
   */
  public Optional<PerAccount> value() {
    return Optional.ofNullable(value);
  }

  /**
   * Returns the eligible segment ids.
   *
   * @return an unmodifiable sorted set; empty means every segment
   */
  public Set<String> segments() {
    return segments;
  }

  /**
   * Returns the eligibility condition in the rule text form of {@code Condition.parse}.
   *
   * @return the condition text, or empty when every account is eligible
   */
  public Optional<String> eligibleWhen() {
    return Optional.ofNullable(eligibleWhen);
  }

  /**
   * Returns the retention rate used by the built-in response model.
   *
   * @return retention in {@code [0, 1]}
   */
  public double retention() {
    return retention;
  }

  /**
   * Returns the sales effort used by the built-in response model (for example visits per year).
   *
   * @return effort, {@code >= 0}
   */
  public double effort() {
    return effort;
  }

  /**
   * Compares every field.
   *
   * @param o the other object
   * @return {@code true} for equal options
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CoverageOption c && id.equals(c.id) && channel == c.channel
        && hours.equals(c.hours) && cost.equals(c.cost) && Objects.equals(value, c.value)
        && segments.equals(c.segments) && Objects.equals(eligibleWhen, c.eligibleWhen)
        && Double.compare(retention, c.retention) == 0 && Double.compare(effort, c.effort) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, channel, hours, cost, value, segments, eligibleWhen, retention, effort);
  }

  /**
   * Describes the option in one line.
   *
   * @return for example {@code CoverageOption[field-12, FIELD, hours={field=30.0}, cost=2160.0, ...]}
   */
  @Override
  public String toString() {
    return "CoverageOption[" + id + ", " + channel + ", hours=" + hours + ", cost=" + cost
        + (value == null ? "" : ", value=" + value)
        + (segments.isEmpty() ? "" : ", segments=" + segments)
        + (eligibleWhen == null ? "" : ", when=" + eligibleWhen)
        + ", retention=" + retention + ", effort=" + effort + "]";
  }

  /**
   * Builder of {@link CoverageOption}. Mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String id;
    private final Channel channel;
    private final Map<String, PerAccount> hours = new TreeMap<>();
    private PerAccount cost = PerAccount.of(0);
    private PerAccount value;
    private final Set<String> segments = new TreeSet<>();
    private String eligibleWhen;
    private double retention;
    private double effort;

    private Builder(String id, Channel channel) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("Coverage option id must be non-blank.");
      }
      this.id = id;
      this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * Sets the hours per account and year taken from a role.
     *
     * @param role the role name
     * @param hoursPerYear hours, finite and {@code >= 0}
     * @return this builder
     */
    public Builder hours(String role, double hoursPerYear) {
      return hours(role, PerAccount.of(hoursPerYear));
    }

    /**
     * Sets the hours per account and year taken from a role, constant or per account.
     *
     * @param role the role name
     * @param hoursPerYear the hours
     * @return this builder
     * @throws IllegalArgumentException for negative constant hours
     */
    public Builder hours(String role, PerAccount hoursPerYear) {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(hoursPerYear, "hoursPerYear");
      if (hoursPerYear.column() == null && hoursPerYear.constant() < 0) {
        throw new IllegalArgumentException("Option '" + id + "': hours of role '" + role
            + "' must be >= 0, was " + hoursPerYear.constant() + ".");
      }
      hours.put(role, hoursPerYear);
      return this;
    }

    /**
     * Sets the money cost per account and year.
     *
     * @param costPerYear cost, finite and {@code >= 0}
     * @return this builder
     */
    public Builder cost(double costPerYear) {
      return cost(PerAccount.of(costPerYear));
    }

    /**
     * Sets the money cost per account and year, constant or per account.
     *
     * @param costPerYear the cost
     * @return this builder
     * @throws IllegalArgumentException for a negative constant cost
     */
    public Builder cost(PerAccount costPerYear) {
      Objects.requireNonNull(costPerYear, "costPerYear");
      if (costPerYear.column() == null && costPerYear.constant() < 0) {
        throw new IllegalArgumentException(
            "Option '" + id + "': cost must be >= 0, was " + costPerYear.constant() + ".");
      }
      this.cost = costPerYear;
      return this;
    }

    /**
     * Sets the option's own value per account (overrides the problem's response model).
     *
     * @param valuePerYear the value, constant or per account
     * @return this builder
     */
    public Builder value(PerAccount valuePerYear) {
      this.value = Objects.requireNonNull(valuePerYear, "valuePerYear");
      return this;
    }

    /**
     * Restricts the option to accounts of the given segments (by segment id). Segment ids are not
     * checked against the problem's accounts, unlike service levels: a segment that no account of a
     * problem belongs to leaves the option open to no account there, and the problem builds. This is
     * deliberate: one catalogue of options serves problems over subsets of the accounts (a region, a
     * small sample in which a segment happens to be empty), and a template problem for
     * {@code SparkAllocation} is built on a sample table whose segments come from the dataset. A
     * misspelt id therefore shows only as an option that no account takes.
     *
     * @param segmentIds eligible segment ids
     * @return this builder
     */
    public Builder segments(String... segmentIds) {
      for (String s : segmentIds) {
        segments.add(Objects.requireNonNull(s, "segment id"));
      }
      return this;
    }

    /**
     * Restricts the option to accounts matching a condition over their columns, in the text form of
     * {@code Condition.parse}, for example {@code "potential > 1e6 and region in (\"North\")"}.
     *
     * @param condition the condition text
     * @return this builder
     */
    public Builder eligibleWhen(String condition) {
      this.eligibleWhen = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /**
     * Sets the retention rate of the built-in response model.
     *
     * @param rate share of current revenue kept under this option, in {@code [0, 1]}
     * @return this builder
     */
    public Builder retention(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException(
            "Option '" + id + "': retention must be in [0, 1], was " + rate + ".");
      }
      this.retention = rate;
      return this;
    }

    /**
     * Sets the sales effort of the built-in response model (for example visits per year).
     *
     * @param amount effort, finite and {@code >= 0}
     * @return this builder
     */
    public Builder effort(double amount) {
      if (!(Double.isFinite(amount) && amount >= 0)) {
        throw new IllegalArgumentException(
            "Option '" + id + "': effort must be finite and >= 0, was " + amount + ".");
      }
      this.effort = amount;
      return this;
    }

    /**
     * Builds the option.
     *
     * @return the immutable option
     */
    public CoverageOption build() {
      return new CoverageOption(this);
    }
  }

  static List<String> ids(List<CoverageOption> options) {
    return options.stream().map(CoverageOption::id).toList();
  }
}
