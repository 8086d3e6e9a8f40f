package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.model.Condition;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.model.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire forms of a {@link RuleModel} ({@code "rule-model"} documents) and of {@link Condition}s.
 *
 * <p>A rule model body is {@code {"rules": [...], "otherwise": {...} | null}}. Each rule is
 * {@code {"id", "name", "description", "when", "condition"}}: {@code when} is the condition's
 * canonical text, for people reading the file, and {@code condition} the same condition as a tree of
 * typed objects; on reading both must agree. {@code otherwise} is {@code {"id", "name",
 * "description"}} or {@code null} when unmatched accounts stay unassigned.
 *
 * <p>Conditions are discriminated by {@code "type"}: {@code compare} ({@code column}, {@code op} one
 * of {@code < <= > >= = !=}, {@code value}), {@code between} ({@code column}, {@code low},
 * {@code high}), {@code compareLabel} ({@code column}, {@code op} {@code =} or {@code !=},
 * {@code value} a string), {@code in} and {@code notIn} ({@code column}, {@code values}),
 * {@code isMissing} ({@code column}), {@code and} and {@code or} ({@code operands}) and {@code not}
 * ({@code operand}).
 */
final class RuleModelDtos {

  private RuleModelDtos() {}

  /**
   * The body of a {@code "rule-model"} document.
   *
   * @param rules the rules in evaluation order
   * @param otherwise the default segment, or {@code null}
   */
  @JsonPropertyOrder({"rules", "otherwise"})
  record RuleModelDto(List<RuleDto> rules, @JsonSetter(nulls = Nulls.SET) SegmentDto otherwise) {

    static RuleModelDto from(RuleModel m) {
      List<RuleDto> rules = new ArrayList<>();
      for (RuleModel.Rule r : m.rules()) {
        Segment s = r.segment();
        rules.add(new RuleDto(s.id(), s.name(), s.description(), r.condition().toString(),
            ConditionDto.from(r.condition())));
      }
      SegmentDto def = m.defaultSegment()
          .map(s -> new SegmentDto(s.id(), s.name(), s.description()))
          .orElse(null);
      return new RuleModelDto(rules, def);
    }

    RuleModel toDomain(String path) {
      RuleModel.Builder b = RuleModel.builder();
      String rulesPath = JsonPaths.field(path, "rules");
      for (int i = 0; i < rules.size(); i++) {
        RuleDto r = rules.get(i);
        String at = JsonPaths.index(rulesPath, i);
        Condition c = r.condition().toDomain(JsonPaths.field(at, "condition"));
        Condition fromText;
        try {
          fromText = Condition.parse(r.when());
        } catch (ConditionSyntaxException e) {
          String p = JsonPaths.field(at, "when");
          throw new ModelFormatException("Invalid condition text at " + p + ": " + e.getMessage(),
              p, e);
        }
        if (!fromText.equals(c)) {
          String p = JsonPaths.field(at, "when");
          throw JsonPaths.invalid(p, "the text \"" + r.when() + "\" does not match the condition"
              + " tree at " + JsonPaths.field(at, "condition") + " (`" + c + "`).\n"
              + "When editing a rule by hand, change both, or set \"when\" to the tree's text.");
        }
        try {
          b.segment(r.id(), r.name()).description(r.description()).when(c);
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new ModelFormatException("Invalid value at " + JsonPaths.field(at, "id") + ": "
              + e.getMessage(), JsonPaths.field(at, "id"), e);
        }
      }
      if (otherwise != null) {
        String at = JsonPaths.field(path, "otherwise");
        try {
          return b.otherwise(otherwise.id(), otherwise.name())
              .description(otherwise.description())
              .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new ModelFormatException("Invalid value at " + at + ": " + e.getMessage(), at, e);
        }
      }
      try {
        return b.build();
      } catch (IllegalStateException e) {
        throw new ModelFormatException("Invalid value at " + rulesPath + ": " + e.getMessage(),
            rulesPath, e);
      }
    }
  }

  /**
   * One rule.
   *
   * @param id the segment id
   * @param name the segment name
   * @param description the segment description
   * @param when the condition's canonical text (informational; must match {@code condition})
   * @param condition the condition as a tree
   */
  @JsonPropertyOrder({"id", "name", "description", "when", "condition"})
  record RuleDto(String id, String name, String description, String when, ConditionDto condition) {}

  /**
   * The default segment.
   *
   * @param id the segment id
   * @param name the segment name
   * @param description the segment description
   */
  @JsonPropertyOrder({"id", "name", "description"})
  record SegmentDto(String id, String name, String description) {}

  /** A condition, discriminated by {@code "type"}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = CompareDto.class, name = "compare"),
    @JsonSubTypes.Type(value = BetweenDto.class, name = "between"),
    @JsonSubTypes.Type(value = CompareLabelDto.class, name = "compareLabel"),
    @JsonSubTypes.Type(value = InDto.class, name = "in"),
    @JsonSubTypes.Type(value = NotInDto.class, name = "notIn"),
    @JsonSubTypes.Type(value = IsMissingDto.class, name = "isMissing"),
    @JsonSubTypes.Type(value = AndDto.class, name = "and"),
    @JsonSubTypes.Type(value = OrDto.class, name = "or"),
    @JsonSubTypes.Type(value = NotDto.class, name = "not")
  })
  sealed interface ConditionDto
      permits CompareDto, BetweenDto, CompareLabelDto, InDto, NotInDto, IsMissingDto, AndDto, OrDto,
          NotDto {

    /**
     * Converts to the domain condition.
     *
     * @param path the path of this object
     * @return the condition
     * @throws ModelFormatException when a value is invalid; the path names the field
     */
    Condition toDomain(String path);

    static ConditionDto from(Condition c) {
      if (c instanceof Condition.Compare x) {
        return new CompareDto(x.column(), x.operator().symbol(), x.value());
      } else if (c instanceof Condition.Between x) {
        return new BetweenDto(x.column(), x.low(), x.high());
      } else if (c instanceof Condition.TextCompare x) {
        return new CompareLabelDto(x.column(), x.operator().symbol(), x.value());
      } else if (c instanceof Condition.In x) {
        return new InDto(x.column(), x.values());
      } else if (c instanceof Condition.NotIn x) {
        return new NotInDto(x.column(), x.values());
      } else if (c instanceof Condition.IsMissing x) {
        return new IsMissingDto(x.column());
      } else if (c instanceof Condition.And x) {
        return new AndDto(fromAll(x.operands()));
      } else if (c instanceof Condition.Or x) {
        return new OrDto(fromAll(x.operands()));
      } else if (c instanceof Condition.Not x) {
        return new NotDto(from(x.operand()));
      }
      throw new IllegalStateException("Unhandled condition " + c);
    }

    private static List<ConditionDto> fromAll(List<Condition> cs) {
      List<ConditionDto> out = new ArrayList<>();
      for (Condition c : cs) {
        out.add(from(c));
      }
      return out;
    }

    private static List<Condition> toDomainAll(List<ConditionDto> cs, String path) {
      String at = JsonPaths.field(path, "operands");
      List<Condition> out = new ArrayList<>();
      for (int i = 0; i < cs.size(); i++) {
        out.add(cs.get(i).toDomain(JsonPaths.index(at, i)));
      }
      if (out.size() < 2) {
        throw JsonPaths.invalid(at, "\"and\"/\"or\" need at least two operands, had "
            + out.size() + ".");
      }
      return out;
    }

    private static Condition.Operator operator(String op, String path) {
      return JsonPaths.build(JsonPaths.field(path, "op"), () -> Condition.Operator.ofSymbol(op));
    }
  }

  /**
   * {@code {"type":"compare","column":..,"op":..,"value":..}}.
   *
   * @param column the numeric column
   * @param op the operator symbol
   * @param value the number
   */
  @JsonPropertyOrder({"column", "op", "value"})
  record CompareDto(String column, String op, double value) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      Condition.Operator o = ConditionDto.operator(op, path);
      return JsonPaths.build(column.isBlank() ? JsonPaths.field(path, "column")
          : JsonPaths.field(path, "value"), () -> new Condition.Compare(column, o, value));
    }
  }

  /**
   * {@code {"type":"between","column":..,"low":..,"high":..}}.
   *
   * @param column the numeric column
   * @param low the inclusive lower bound
   * @param high the inclusive upper bound
   */
  @JsonPropertyOrder({"column", "low", "high"})
  record BetweenDto(String column, double low, double high) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      return JsonPaths.build(column.isBlank() ? JsonPaths.field(path, "column")
          : JsonPaths.field(path, "high"), () -> new Condition.Between(column, low, high));
    }
  }

  /**
   * {@code {"type":"compareLabel","column":..,"op":"="|"!=","value":..}}.
   *
   * @param column the column
   * @param op {@code =} or {@code !=}
   * @param value the label
   */
  @JsonPropertyOrder({"column", "op", "value"})
  record CompareLabelDto(String column, String op, String value) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      Condition.Operator o = ConditionDto.operator(op, path);
      String at = column.isBlank() ? JsonPaths.field(path, "column")
          : (o != Condition.Operator.EQ && o != Condition.Operator.NE)
              ? JsonPaths.field(path, "op") : JsonPaths.field(path, "value");
      return JsonPaths.build(at, () -> new Condition.TextCompare(column, o, value));
    }
  }

  /**
   * {@code {"type":"in","column":..,"values":[..]}}.
   *
   * @param column the column
   * @param values the labels
   */
  @JsonPropertyOrder({"column", "values"})
  record InDto(String column, List<String> values) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      return JsonPaths.build(column.isBlank() ? JsonPaths.field(path, "column")
          : JsonPaths.field(path, "values"), () -> new Condition.In(column, values));
    }
  }

  /**
   * {@code {"type":"notIn","column":..,"values":[..]}}.
   *
   * @param column the column
   * @param values the labels
   */
  @JsonPropertyOrder({"column", "values"})
  record NotInDto(String column, List<String> values) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      return JsonPaths.build(column.isBlank() ? JsonPaths.field(path, "column")
          : JsonPaths.field(path, "values"), () -> new Condition.NotIn(column, values));
    }
  }

  /**
   * {@code {"type":"isMissing","column":..}}.
   *
   * @param column the column
   */
  record IsMissingDto(String column) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      return JsonPaths.build(JsonPaths.field(path, "column"),
          () -> new Condition.IsMissing(column));
    }
  }

  /**
   * {@code {"type":"and","operands":[..]}}.
   *
   * @param operands two or more conditions
   */
  record AndDto(List<ConditionDto> operands) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      return new Condition.And(ConditionDto.toDomainAll(operands, path));
    }
  }

  /**
   * {@code {"type":"or","operands":[..]}}.
   *
   * @param operands two or more conditions
   */
  record OrDto(List<ConditionDto> operands) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      return new Condition.Or(ConditionDto.toDomainAll(operands, path));
    }
  }

  /**
   * {@code {"type":"not","operand":{..}}}.
   *
   * @param operand the negated condition
   */
  record NotDto(ConditionDto operand) implements ConditionDto {
    @Override
    public Condition toDomain(String path) {
      return new Condition.Not(operand.toDomain(JsonPaths.field(path, "operand")));
    }
  }
}
