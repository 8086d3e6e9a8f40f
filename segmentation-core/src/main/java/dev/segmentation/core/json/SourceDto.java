package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.Criterion;

/**
 * Wire form of {@link Criterion.Source}: {@code {"type":"column","column":"x"}},
 * {@code {"type":"ratio","numerator":"a","denominator":"b"}} or
 * {@code {"type":"difference","minuend":"a","subtrahend":"b"}}. A {@link Criterion.Source.Custom} has
 * no wire form.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SourceDto.ColumnDto.class, name = "column"),
  @JsonSubTypes.Type(value = SourceDto.RatioDto.class, name = "ratio"),
  @JsonSubTypes.Type(value = SourceDto.DifferenceDto.class, name = "difference")
})
sealed interface SourceDto permits SourceDto.ColumnDto, SourceDto.RatioDto, SourceDto.DifferenceDto {

  /**
   * Converts to the domain source.
   *
   * @param path the path of this object
   * @return the source
   * @throws ModelFormatException for a blank column name
   */
  Criterion.Source toDomain(String path);

  /**
   * Converts a domain source.
   *
   * @param source the source
   * @param criterion the criterion name, for the error message
   * @param path the path the source would be written at
   * @return the wire form
   * @throws ModelFormatException for a {@link Criterion.Source.Custom} source
   */
  static SourceDto from(Criterion.Source source, String criterion, String path) {
    if (source instanceof Criterion.Source.ColumnValue c) {
      return new ColumnDto(c.column());
    } else if (source instanceof Criterion.Source.Ratio r) {
      return new RatioDto(r.numerator(), r.denominator());
    } else if (source instanceof Criterion.Source.Difference d) {
      return new DifferenceDto(d.minuend(), d.subtrahend());
    }
    throw new ModelFormatException(
        "Criterion '" + criterion + "' is computed by a Java function (" + source
            + "), which has no JSON form; cannot write it at " + path + ".\n"
            + "Define it with ratio(...) or difference(...), or add the value to the table as a column "
            + "(AccountTable.withColumn) and use numeric(\"column\").",
        path, null);
  }

  /** Checks a column name before the domain constructor does, so the error names the field. */
  private static String column(String value, String path, String field) {
    String at = JsonPaths.field(path, field);
    if (value.isBlank()) {
      throw JsonPaths.invalid(at, "the " + field + " column name must be non-blank, was \"" + value
          + "\".");
    }
    return value;
  }

  /** {@code {"type":"column","column":"x"}}. */
  @JsonPropertyOrder({"column"})
  record ColumnDto(String column) implements SourceDto {
    @Override
    public Criterion.Source toDomain(String path) {
      return new Criterion.Source.ColumnValue(SourceDto.column(column, path, "column"));
    }
  }

  /** {@code {"type":"ratio","numerator":"a","denominator":"b"}}. */
  @JsonPropertyOrder({"numerator", "denominator"})
  record RatioDto(String numerator, String denominator) implements SourceDto {
    @Override
    public Criterion.Source toDomain(String path) {
      return new Criterion.Source.Ratio(
          SourceDto.column(numerator, path, "numerator"),
          SourceDto.column(denominator, path, "denominator"));
    }
  }

  /** {@code {"type":"difference","minuend":"a","subtrahend":"b"}}. */
  @JsonPropertyOrder({"minuend", "subtrahend"})
  record DifferenceDto(String minuend, String subtrahend) implements SourceDto {
    @Override
    public Criterion.Source toDomain(String path) {
      return new Criterion.Source.Difference(
          SourceDto.column(minuend, path, "minuend"),
          SourceDto.column(subtrahend, path, "subtrahend"));
    }
  }
}
