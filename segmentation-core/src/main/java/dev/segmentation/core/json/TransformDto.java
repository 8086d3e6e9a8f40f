package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.criteria.Transform;

/**
 * Wire form of a {@link Transform} step of a criteria definition, discriminated by {@code "type"}:
 * {@code log1p}, {@code standardize}, {@code minMax}, {@code robust} (with {@code method}),
 * {@code winsorize} ({@code lower}, {@code upper}, {@code method}) and {@code clip} ({@code min},
 * {@code max}; {@code null} stands for an unbounded side).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TransformDto.Log1pDto.class, name = "log1p"),
  @JsonSubTypes.Type(value = TransformDto.StandardizeDto.class, name = "standardize"),
  @JsonSubTypes.Type(value = TransformDto.MinMaxDto.class, name = "minMax"),
  @JsonSubTypes.Type(value = TransformDto.RobustDto.class, name = "robust"),
  @JsonSubTypes.Type(value = TransformDto.WinsorizeDto.class, name = "winsorize"),
  @JsonSubTypes.Type(value = TransformDto.ClipDto.class, name = "clip")
})
sealed interface TransformDto
    permits TransformDto.Log1pDto,
        TransformDto.StandardizeDto,
        TransformDto.MinMaxDto,
        TransformDto.RobustDto,
        TransformDto.WinsorizeDto,
        TransformDto.ClipDto {

  /**
   * Converts to the domain step.
   *
   * @param path the path of this object
   * @return the step
   * @throws dev.segmentation.core.ModelFormatException when the parameters are invalid
   */
  Transform toDomain(String path);

  /**
   * Converts a domain step.
   *
   * @param t the step
   * @return the wire form
   */
  static TransformDto from(Transform t) {
    if (t instanceof Transform.Log1p) {
      return new Log1pDto();
    } else if (t instanceof Transform.Standardize) {
      return new StandardizeDto();
    } else if (t instanceof Transform.MinMax) {
      return new MinMaxDto();
    } else if (t instanceof Transform.Robust r) {
      return new RobustDto(r.method());
    } else if (t instanceof Transform.Winsorize w) {
      return new WinsorizeDto(w.lower(), w.upper(), w.method());
    } else if (t instanceof Transform.Clip c) {
      return ClipDto.of(c.min(), c.max());
    }
    throw new IllegalStateException("Unhandled transform " + t);
  }

  /** {@code {"type":"log1p"}}. */
  record Log1pDto() implements TransformDto {
    @Override
    public Transform toDomain(String path) {
      return new Transform.Log1p();
    }
  }

  /** {@code {"type":"standardize"}}. */
  record StandardizeDto() implements TransformDto {
    @Override
    public Transform toDomain(String path) {
      return new Transform.Standardize();
    }
  }

  /** {@code {"type":"minMax"}}. */
  record MinMaxDto() implements TransformDto {
    @Override
    public Transform toDomain(String path) {
      return new Transform.MinMax();
    }
  }

  /** {@code {"type":"robust","method":"TYPE_7"}}. */
  @JsonPropertyOrder({"method"})
  record RobustDto(QuantileMethod method) implements TransformDto {
    @Override
    public Transform toDomain(String path) {
      return new Transform.Robust(method);
    }
  }

  /** {@code {"type":"winsorize","lower":0.01,"upper":0.99,"method":"TYPE_7"}}. */
  @JsonPropertyOrder({"lower", "upper", "method"})
  record WinsorizeDto(double lower, double upper, QuantileMethod method) implements TransformDto {
    @Override
    public Transform toDomain(String path) {
      return JsonPaths.build(path, () -> new Transform.Winsorize(lower, upper, method));
    }
  }

  /**
   * {@code {"type":"clip","min":0.0,"max":null}}: {@code null} is an unbounded side (an infinite bound,
   * which JSON cannot hold).
   */
  @JsonPropertyOrder({"min", "max"})
  record ClipDto(@JsonSetter(nulls = Nulls.SET) Double min, @JsonSetter(nulls = Nulls.SET) Double max)
      implements TransformDto {

    static ClipDto of(double min, double max) {
      return new ClipDto(Double.isInfinite(min) ? null : min, Double.isInfinite(max) ? null : max);
    }

    double lowerBound() {
      return min == null ? Double.NEGATIVE_INFINITY : min;
    }

    double upperBound() {
      return max == null ? Double.POSITIVE_INFINITY : max;
    }

    @Override
    public Transform toDomain(String path) {
      return JsonPaths.build(path, () -> new Transform.Clip(lowerBound(), upperBound()));
    }
  }
}
