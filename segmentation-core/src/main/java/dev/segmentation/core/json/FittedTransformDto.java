package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import dev.segmentation.core.criteria.FittedTransform;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.criteria.Transform;

/**
 * Wire form of a {@link FittedTransform}, discriminated by {@code "type"}: {@code log1p},
 * {@code zscore} ({@code mean}, {@code std}), {@code minMax} ({@code min}, {@code max}), {@code robust}
 * ({@code median}, {@code iqr}), {@code winsorize} ({@code lower}, {@code upper}, {@code method},
 * {@code lowerValue}, {@code upperValue}) and {@code clip} ({@code min}, {@code max}; {@code null} for an
 * unbounded side).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = FittedTransformDto.Log1pDto.class, name = "log1p"),
  @JsonSubTypes.Type(value = FittedTransformDto.ZScoreDto.class, name = "zscore"),
  @JsonSubTypes.Type(value = FittedTransformDto.MinMaxDto.class, name = "minMax"),
  @JsonSubTypes.Type(value = FittedTransformDto.RobustDto.class, name = "robust"),
  @JsonSubTypes.Type(value = FittedTransformDto.WinsorizeDto.class, name = "winsorize"),
  @JsonSubTypes.Type(value = FittedTransformDto.ClipDto.class, name = "clip")
})
sealed interface FittedTransformDto
    permits FittedTransformDto.Log1pDto,
        FittedTransformDto.ZScoreDto,
        FittedTransformDto.MinMaxDto,
        FittedTransformDto.RobustDto,
        FittedTransformDto.WinsorizeDto,
        FittedTransformDto.ClipDto {

  /**
   * Converts to the domain step.
   *
   * @param path the path of this object
   * @return the fitted step
   * @throws dev.segmentation.core.ModelFormatException when the parameters are invalid
   */
  FittedTransform toDomain(String path);

  /**
   * Converts a domain step.
   *
   * @param t the fitted step
   * @return the wire form
   */
  static FittedTransformDto from(FittedTransform t) {
    if (t instanceof FittedTransform.Log1p) {
      return new Log1pDto();
    } else if (t instanceof FittedTransform.ZScore z) {
      return new ZScoreDto(z.mean(), z.std());
    } else if (t instanceof FittedTransform.MinMax m) {
      return new MinMaxDto(m.min(), m.max());
    } else if (t instanceof FittedTransform.Robust r) {
      return new RobustDto(r.median(), r.iqr());
    } else if (t instanceof FittedTransform.Winsorize w) {
      return new WinsorizeDto(w.lower(), w.upper(), w.method(), w.lowerValue(), w.upperValue());
    } else if (t instanceof FittedTransform.Clip c) {
      TransformDto.ClipDto bounds = TransformDto.ClipDto.of(c.min(), c.max());
      return new ClipDto(bounds.min(), bounds.max());
    }
    throw new IllegalStateException("Unhandled fitted transform " + t);
  }

  /**
   * Tells whether a fitted step belongs to a definition step: same kind and, for winsorize and clip,
   * the same parameters.
   *
   * @param step the definition step
   * @param fitted the fitted step
   * @return the {@code "type"} the fitted step should have, or {@code null} when it matches
   */
  static String mismatch(Transform step, FittedTransform fitted) {
    boolean ok;
    String expected;
    if (step instanceof Transform.Log1p) {
      ok = fitted instanceof FittedTransform.Log1p;
      expected = "log1p";
    } else if (step instanceof Transform.Standardize) {
      ok = fitted instanceof FittedTransform.ZScore;
      expected = "zscore";
    } else if (step instanceof Transform.MinMax) {
      ok = fitted instanceof FittedTransform.MinMax;
      expected = "minMax";
    } else if (step instanceof Transform.Robust) {
      ok = fitted instanceof FittedTransform.Robust;
      expected = "robust";
    } else if (step instanceof Transform.Winsorize w) {
      ok = fitted instanceof FittedTransform.Winsorize f
          && Double.compare(w.lower(), f.lower()) == 0
          && Double.compare(w.upper(), f.upper()) == 0
          && w.method() == f.method();
      expected = String.format(java.util.Locale.ROOT,
          "winsorize with lower %s, upper %s and method %s", w.lower(), w.upper(), w.method());
    } else if (step instanceof Transform.Clip c) {
      ok = fitted instanceof FittedTransform.Clip f
          && Double.compare(c.min(), f.min()) == 0
          && Double.compare(c.max(), f.max()) == 0;
      expected = String.format(java.util.Locale.ROOT, "clip with min %s and max %s", c.min(), c.max());
    } else {
      throw new IllegalStateException("Unhandled transform " + step);
    }
    return ok ? null : expected;
  }

  /** {@code {"type":"log1p"}}. */
  record Log1pDto() implements FittedTransformDto {
    @Override
    public FittedTransform toDomain(String path) {
      return new FittedTransform.Log1p();
    }
  }

  /** {@code {"type":"zscore","mean":..,"std":..}}. */
  @JsonPropertyOrder({"mean", "std"})
  record ZScoreDto(double mean, double std) implements FittedTransformDto {
    @Override
    public FittedTransform toDomain(String path) {
      return JsonPaths.build(path, () -> new FittedTransform.ZScore(mean, std));
    }
  }

  /** {@code {"type":"minMax","min":..,"max":..}}. */
  @JsonPropertyOrder({"min", "max"})
  record MinMaxDto(double min, double max) implements FittedTransformDto {
    @Override
    public FittedTransform toDomain(String path) {
      return JsonPaths.build(path, () -> new FittedTransform.MinMax(min, max));
    }
  }

  /** {@code {"type":"robust","median":..,"iqr":..}}. */
  @JsonPropertyOrder({"median", "iqr"})
  record RobustDto(double median, double iqr) implements FittedTransformDto {
    @Override
    public FittedTransform toDomain(String path) {
      return JsonPaths.build(path, () -> new FittedTransform.Robust(median, iqr));
    }
  }

  /** {@code {"type":"winsorize","lower":..,"upper":..,"method":..,"lowerValue":..,"upperValue":..}}. */
  @JsonPropertyOrder({"lower", "upper", "method", "lowerValue", "upperValue"})
  record WinsorizeDto(
      double lower, double upper, QuantileMethod method, double lowerValue, double upperValue)
      implements FittedTransformDto {
    @Override
    public FittedTransform toDomain(String path) {
      return JsonPaths.build(path,
          () -> new FittedTransform.Winsorize(lower, upper, method, lowerValue, upperValue));
    }
  }

  /** {@code {"type":"clip","min":..,"max":..}}; {@code null} is an unbounded side. */
  @JsonPropertyOrder({"min", "max"})
  record ClipDto(@JsonSetter(nulls = Nulls.SET) Double min, @JsonSetter(nulls = Nulls.SET) Double max)
      implements FittedTransformDto {
    @Override
    public FittedTransform toDomain(String path) {
      TransformDto.ClipDto bounds = new TransformDto.ClipDto(min, max);
      return JsonPaths.build(path,
          () -> new FittedTransform.Clip(bounds.lowerBound(), bounds.upperBound()));
    }
  }
}
