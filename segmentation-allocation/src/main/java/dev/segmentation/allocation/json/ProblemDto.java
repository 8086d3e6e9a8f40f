package dev.segmentation.allocation.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.Objective;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Condition;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Wire form of an {@link AllocationProblem}: the body of an {@code "allocation-problem"} document. It
 * embeds the accounts (only the columns the problem reads) and their segment ids, so that the document
 * alone can be solved again.
 */
@JsonPropertyOrder({"accounts", "roles", "budget", "options", "responseModel", "objective",
    "serviceLevels", "locks", "method", "parallelism"})
record ProblemDto(
    AccountsDto accounts,
    List<RoleDto> roles,
    @JsonSetter(nulls = Nulls.SET) Double budget,
    List<OptionDto> options,
    @JsonSetter(nulls = Nulls.SET) ResponseModelDto responseModel,
    Objective objective,
    List<ServiceLevelDto> serviceLevels,
    Map<String, String> locks,
    SolveMethod method,
    int parallelism) {

  static ProblemDto from(AllocationProblem p) {
    if (p.valueFunction().isPresent()) {
      throw new ModelFormatException("The problem's value function (" + p.valueFunction().get()
          + ") is Java code and has no JSON form; cannot write the problem.\n"
          + "Give the options their own value (CoverageOption.Builder.value(PerAccount.column(..))) "
          + "or use a ResponseModel.", Json.ROOT, null);
    }
    Set<String> read = new HashSet<>();
    for (CoverageOption o : p.options()) {
      o.hours().values().forEach(a -> a.columnName().ifPresent(read::add));
      o.cost().columnName().ifPresent(read::add);
      o.value().flatMap(PerAccount::columnName).ifPresent(read::add);
      if (o.eligibleWhen().isPresent()) {
        try {
          read.addAll(Condition.parse(o.eligibleWhen().get()).columns());
        } catch (ConditionSyntaxException e) {
          // written as it is: solving the read problem fails as solving this one does
        }
      }
    }
    p.responseModel().ifPresent(m -> {
      read.add(m.revenueColumn());
      read.add(m.potentialColumn());
    });
    List<RoleDto> roles = new ArrayList<>();
    for (Role r : p.roles()) {
      List<RepDto> reps = new ArrayList<>();
      for (Role.Rep rep : r.reps()) {
        reps.add(new RepDto(rep.id(), rep.hours()));
      }
      roles.add(new RoleDto(r.name(), r.hours(), reps));
    }
    List<OptionDto> options = new ArrayList<>();
    for (CoverageOption o : p.options()) {
      options.add(OptionDto.from(o));
    }
    List<ServiceLevelDto> levels = new ArrayList<>();
    for (ServiceLevel s : p.serviceLevels()) {
      levels.add(new ServiceLevelDto(s.segment(), s.minShare(), List.copyOf(s.channels()),
          List.copyOf(s.options())));
    }
    ResponseModelDto rm = p.responseModel().map(m -> new ResponseModelDto(m.revenueColumn(),
        m.potentialColumn(), m.conversion(), m.halfSaturation(), m.shape())).orElse(null);
    return new ProblemDto(AccountsDto.from(p, read), roles,
        Double.isInfinite(p.budget()) ? null : p.budget(), options, rm, p.objective(), levels,
        new TreeMap<>(p.locks()), p.method(), p.parallelism());
  }

  AllocationProblem toDomain(String path) {
    AllocationProblem.Builder b = AllocationProblem.builder();
    accounts.toDomain(Json.field(path, "accounts"), b);
    String rp = Json.field(path, "roles");
    for (int j = 0; j < roles.size(); j++) {
      b.role(roles.get(j).toDomain(Json.index(rp, j)));
    }
    if (budget != null) {
      Json.build(Json.field(path, "budget"), () -> b.budget(budget));
    }
    String op = Json.field(path, "options");
    for (int j = 0; j < options.size(); j++) {
      b.option(options.get(j).toDomain(Json.index(op, j)));
    }
    if (responseModel != null) {
      ResponseModelDto m = responseModel;
      b.responseModel(Json.build(Json.field(path, "responseModel"), () -> new ResponseModel(
          m.revenueColumn(), m.potentialColumn(), m.conversion(), m.halfSaturation(), m.shape())));
    }
    b.objective(objective);
    String sp = Json.field(path, "serviceLevels");
    for (int j = 0; j < serviceLevels.size(); j++) {
      ServiceLevelDto s = serviceLevels.get(j);
      b.serviceLevel(Json.build(Json.index(sp, j), () -> new ServiceLevel(s.segment(), s.minShare(),
          new LinkedHashSet<>(s.channels()), new LinkedHashSet<>(s.options()))));
    }
    locks.forEach(b::lock);
    b.method(method);
    Json.build(Json.field(path, "parallelism"), () -> b.parallelism(parallelism));
    return Json.build(path, b::build);
  }

  /**
   * The accounts: id column name, ids, segment id per account ({@code null} for none) and the columns
   * the problem reads, in table order.
   *
   * @param idColumn the id column name
   * @param ids the account ids in table order
   * @param segments one segment id per account, or {@code null}
   * @param columns the embedded columns
   */
  @JsonPropertyOrder({"idColumn", "ids", "segments", "columns"})
  record AccountsDto(
      String idColumn,
      List<String> ids,
      @JsonSetter(contentNulls = Nulls.SET) List<String> segments,
      List<TableColumnDto> columns) {

    static AccountsDto from(AllocationProblem p, Set<String> read) {
      AccountTable t = p.accounts();
      List<String> segments = new ArrayList<>(t.rowCount());
      for (int i = 0; i < t.rowCount(); i++) {
        segments.add(p.segmentOf(i).orElse(null));
      }
      List<TableColumnDto> columns = new ArrayList<>();
      for (Column c : t.columns()) {
        if (read.contains(c.name())) {
          columns.add(TableColumnDto.from(c, t, Json.index("$.accounts.columns", columns.size())));
        }
      }
      return new AccountsDto(t.idColumnName(), List.copyOf(t.ids()), segments, columns);
    }

    void toDomain(String path, AllocationProblem.Builder b) {
      int n = ids.size();
      String sp = Json.field(path, "segments");
      if (segments.size() != n) {
        throw Json.invalid(sp, "has " + segments.size() + " entries, expected one per id (" + n + ").");
      }
      String cp = Json.field(path, "columns");
      Set<String> names = new HashSet<>();
      Column[] cols = new Column[columns.size()];
      for (int j = 0; j < cols.length; j++) {
        String at = Json.index(cp, j);
        TableColumnDto c = columns.get(j);
        if (!names.add(c.name())) {
          throw Json.invalid(Json.field(at, "name"), "column '" + c.name() + "' is repeated; "
              + "column names must be unique.");
        }
        if (c.size() != n) {
          throw Json.invalid(Json.field(at, "values"), "column '" + c.name() + "' has " + c.size()
              + " values, expected one per id (" + n + ").");
        }
        cols[j] = Json.build(at, () -> c.toDomain(at));
      }
      AccountTable table;
      try {
        String[] idArray = ids.toArray(new String[0]);
        if (idColumn.equals(AccountTable.DEFAULT_ID_COLUMN)) {
          table = AccountTable.of(idArray, cols);
        } else {
          AccountTable.Builder tb = Json.build(Json.field(path, "idColumn"),
              () -> AccountTable.builder().idColumn(idColumn));
          for (String id : idArray) {
            tb.addRow(id);
          }
          table = tb.build();
          for (Column c : cols) {
            table = table.withColumn(c);
          }
        }
      } catch (DataValidationException e) {
        String at = Json.field(path, "ids");
        throw new ModelFormatException("Invalid value at " + at + ": " + e.getMessage(), at, e);
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException("Invalid value at " + path + ": " + e.getMessage(), path, e);
      }
      TreeSet<String> distinct = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        String s = segments.get(i);
        if (s != null) {
          if (s.isBlank()) {
            throw Json.invalid(Json.index(sp, i), "a segment id must be non-blank (null for an "
                + "account without segment), was \"" + s + "\".");
          }
          distinct.add(s);
        }
      }
      if (distinct.isEmpty()) {
        b.accounts(table);
        return;
      }
      List<Segment> segs = new ArrayList<>();
      Map<String, Integer> index = new HashMap<>();
      for (String s : distinct) {
        index.put(s, segs.size());
        segs.add(new Segment(segs.size(), s, s, ""));
      }
      int[] segmentOf = new int[n];
      UnassignedReason[] reasons = new UnassignedReason[n];
      for (int i = 0; i < n; i++) {
        String s = segments.get(i);
        segmentOf[i] = s == null ? Assignment.UNASSIGNED : index.get(s);
        reasons[i] = s == null ? UnassignedReason.NO_RULE_MATCHED : null;
      }
      b.accounts(Segmentation.of(table, segs, segmentOf, reasons, new String[n]));
    }
  }

  /**
   * One embedded column: {@code {"type": "numeric", "name": .., "values": [..]}} with {@code null} for a
   * missing value; {@code "categorical"} columns hold labels and {@code "date"} columns ISO-8601 dates
   * ({@code 2024-03-31}).
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = TableColumnDto.NumericDto.class, name = "numeric"),
    @JsonSubTypes.Type(value = TableColumnDto.CategoricalDto.class, name = "categorical"),
    @JsonSubTypes.Type(value = TableColumnDto.DateDto.class, name = "date")
  })
  sealed interface TableColumnDto
      permits TableColumnDto.NumericDto, TableColumnDto.CategoricalDto, TableColumnDto.DateDto {

    String name();

    int size();

    Column toDomain(String path);

    static TableColumnDto from(Column c, AccountTable t, String path) {
      int n = c.size();
      if (c instanceof NumericColumn num) {
        List<Double> v = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          double x = num.get(i);
          if (Double.isInfinite(x)) {
            String at = Json.index(Json.field(path, "values"), i);
            throw new ModelFormatException(String.format(Locale.ROOT,
                "Column '%s', account \"%s\": %s cannot be written at %s; JSON numbers must be "
                    + "finite (a missing value, NaN, is written as null).", c.name(), t.id(i), x, at),
                at, null);
          }
          v.add(Json.nanToNull(x));
        }
        return new NumericDto(c.name(), v);
      } else if (c instanceof CategoricalColumn cat) {
        List<String> v = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          v.add(cat.value(i).orElse(null));
        }
        return new CategoricalDto(c.name(), v);
      }
      DateColumn date = (DateColumn) c;
      List<String> v = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        v.add(date.value(i).map(LocalDate::toString).orElse(null));
      }
      return new DateDto(c.name(), v);
    }

    /**
     * A numeric column.
     *
     * @param name column name
     * @param values one value per account, {@code null} for missing
     */
    @JsonPropertyOrder({"name", "values"})
    record NumericDto(String name, @JsonSetter(contentNulls = Nulls.SET) List<Double> values)
        implements TableColumnDto {
      @Override
      public int size() {
        return values.size();
      }

      @Override
      public Column toDomain(String path) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = Json.nullToNaN(values.get(i));
        }
        return NumericColumn.of(name, v);
      }
    }

    /**
     * A categorical column.
     *
     * @param name column name
     * @param values one label per account, {@code null} for missing
     */
    @JsonPropertyOrder({"name", "values"})
    record CategoricalDto(String name, @JsonSetter(contentNulls = Nulls.SET) List<String> values)
        implements TableColumnDto {
      @Override
      public int size() {
        return values.size();
      }

      @Override
      public Column toDomain(String path) {
        return CategoricalColumn.of(name, values.toArray(new String[0]));
      }
    }

    /**
     * A date column.
     *
     * @param name column name
     * @param values one ISO-8601 date per account, {@code null} for missing
     */
    @JsonPropertyOrder({"name", "values"})
    record DateDto(String name, @JsonSetter(contentNulls = Nulls.SET) List<String> values)
        implements TableColumnDto {
      @Override
      public int size() {
        return values.size();
      }

      @Override
      public Column toDomain(String path) {
        LocalDate[] v = new LocalDate[values.size()];
        for (int i = 0; i < v.length; i++) {
          String s = values.get(i);
          try {
            v[i] = s == null ? null : LocalDate.parse(s);
          } catch (DateTimeParseException e) {
            String at = Json.index(Json.field(path, "values"), i);
            throw new ModelFormatException("Invalid value at " + at + ": \"" + s
                + "\" is not a date; expected an ISO-8601 date such as \"2024-03-31\" or null.", at, e);
          }
        }
        return DateColumn.of(name, v);
      }
    }
  }

  /**
   * A role.
   *
   * @param name role name
   * @param hours available hours per year
   * @param reps the reps with their hours, empty when only the total is known
   */
  @JsonPropertyOrder({"name", "hours", "reps"})
  record RoleDto(String name, double hours, List<RepDto> reps) {
    Role toDomain(String path) {
      List<Role.Rep> r = new ArrayList<>();
      String rp = Json.field(path, "reps");
      for (int j = 0; j < reps.size(); j++) {
        RepDto d = reps.get(j);
        r.add(Json.build(Json.index(rp, j), () -> new Role.Rep(d.id(), d.hours())));
      }
      return Json.build(path, () -> new Role(name, hours, r));
    }
  }

  /**
   * A rep of a role.
   *
   * @param id rep id
   * @param hours available hours per year
   */
  @JsonPropertyOrder({"id", "hours"})
  record RepDto(String id, double hours) {}

  /**
   * A coverage option; {@code value} is {@code null} when the response model values the option and
   * {@code eligibleWhen} is {@code null} when every account is eligible.
   *
   * @param id option id
   * @param channel channel
   * @param hours hours per role (object keyed by role name)
   * @param cost money cost
   * @param value own value, or {@code null}
   * @param segments eligible segment ids, empty for every segment
   * @param eligibleWhen eligibility condition text, or {@code null}
   * @param retention retention of the response model
   * @param effort effort of the response model
   */
  @JsonPropertyOrder({"id", "channel", "hours", "cost", "value", "segments", "eligibleWhen",
      "retention", "effort"})
  record OptionDto(
      String id,
      Channel channel,
      Map<String, PerAccountDto> hours,
      PerAccountDto cost,
      @JsonSetter(nulls = Nulls.SET) PerAccountDto value,
      List<String> segments,
      @JsonSetter(nulls = Nulls.SET) String eligibleWhen,
      double retention,
      double effort) {

    static OptionDto from(CoverageOption o) {
      Map<String, PerAccountDto> hours = new TreeMap<>();
      o.hours().forEach((role, a) -> hours.put(role, PerAccountDto.from(a)));
      return new OptionDto(o.id(), o.channel(), hours, PerAccountDto.from(o.cost()),
          o.value().map(PerAccountDto::from).orElse(null), List.copyOf(o.segments()),
          o.eligibleWhen().orElse(null), o.retention(), o.effort());
    }

    CoverageOption toDomain(String path) {
      CoverageOption.Builder b = Json.build(Json.field(path, "id"),
          () -> CoverageOption.builder(id, channel));
      String hp = Json.field(path, "hours");
      for (Map.Entry<String, PerAccountDto> e : hours.entrySet()) {
        String at = Json.field(hp, e.getKey());
        PerAccount a = e.getValue().toDomain(at);
        Json.build(at, () -> b.hours(e.getKey(), a));
      }
      String cp = Json.field(path, "cost");
      PerAccount c = cost.toDomain(cp);
      Json.build(cp, () -> b.cost(c));
      if (value != null) {
        b.value(value.toDomain(Json.field(path, "value")));
      }
      b.segments(segments.toArray(new String[0]));
      if (eligibleWhen != null) {
        b.eligibleWhen(eligibleWhen);
      }
      Json.build(Json.field(path, "retention"), () -> b.retention(retention));
      Json.build(Json.field(path, "effort"), () -> b.effort(effort));
      return b.build();
    }
  }

  /**
   * An amount per account: {@code {"constant": 2.5}} or {@code {"column": "travel_hours"}}; the
   * subtype is deduced from the field present.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
  @JsonSubTypes({
    @JsonSubTypes.Type(PerAccountDto.ConstantDto.class),
    @JsonSubTypes.Type(PerAccountDto.ColumnDto.class)
  })
  sealed interface PerAccountDto permits PerAccountDto.ConstantDto, PerAccountDto.ColumnDto {

    PerAccount toDomain(String path);

    static PerAccountDto from(PerAccount a) {
      return a.columnName().<PerAccountDto>map(ColumnDto::new).orElseGet(
          () -> new ConstantDto(a.constant()));
    }

    /**
     * The same amount for every account.
     *
     * @param constant the amount
     */
    record ConstantDto(double constant) implements PerAccountDto {
      @Override
      public PerAccount toDomain(String path) {
        return PerAccount.of(constant);
      }
    }

    /**
     * An amount read from a numeric column.
     *
     * @param column the column name
     */
    record ColumnDto(String column) implements PerAccountDto {
      @Override
      public PerAccount toDomain(String path) {
        return Json.build(Json.field(path, "column"), () -> PerAccount.column(column));
      }
    }
  }

  /**
   * The built-in response model.
   *
   * @param revenueColumn revenue column
   * @param potentialColumn potential column
   * @param conversion conversion share
   * @param halfSaturation half-saturation effort
   * @param shape exponent
   */
  @JsonPropertyOrder({"revenueColumn", "potentialColumn", "conversion", "halfSaturation", "shape"})
  record ResponseModelDto(String revenueColumn, String potentialColumn, double conversion,
      double halfSaturation, double shape) {}

  /**
   * A minimum service level.
   *
   * @param segment segment id
   * @param minShare minimum share
   * @param channels qualifying channels, sorted
   * @param options qualifying option ids, sorted
   */
  @JsonPropertyOrder({"segment", "minShare", "channels", "options"})
  record ServiceLevelDto(String segment, double minShare, List<Channel> channels, List<String> options) {}
}
