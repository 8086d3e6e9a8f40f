package dev.segmentation.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.testing.JsonMutations;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded JSON fuzzing of every core reader, starting from the golden files: truncation, deleted and
 * duplicated characters, swapped values, changed versions and kinds, NaN-like tokens, deep nesting and
 * oversized numbers. A reader returns a model (which must write and read back to an equal model) or
 * throws {@link ModelFormatException}; nothing else.
 */
class JsonFuzzTest {

  private static final List<String> FILES = List.of("abc-model.json", "criteria.json",
      "fitted-criteria.json", "kmeans-model.json", "matrix-model.json", "quantile-model.json",
      "rule-model.json");
  private static final String[] TOKENS = {
    "null", "true", "-1", "0", "1e400", "-0.0", "\"NaN\"", "NaN", "[]", "{}", "\"\"", "2", "99",
    "\"kmeans-model\"", "\"x\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "12345678901234567890"
  };
  private static final AtomicInteger READ = new AtomicInteger();
  private static final AtomicInteger REJECTED = new AtomicInteger();

  static LongStream seeds() {
    return LongStream.range(0, 3000);
  }

  @AfterAll
  static void bothOutcomesAreExercised() {
    assertTrue(READ.get() > 100 && REJECTED.get() > 1000,
        "fuzzer must produce both readable and rejected documents: read " + READ + ", rejected " + REJECTED);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void readersReturnAModelOrModelFormatException(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    String file = FILES.get(rng.nextInt(FILES.size()));
    String json = JsonMutations.mutate(
        JsonMutations.golden(JsonFuzzTest.class, file), rng, TOKENS, 7);
    Function<String, Object> reader = switch (file) {
      case "criteria.json" -> ModelJson::readCriteria;
      case "fitted-criteria.json" -> ModelJson::readFittedCriteria;
      default -> ModelJson::readModel;
    };
    try {
      Object value = reader.apply(json);
      READ.incrementAndGet();
      if (value instanceof SegmentModel m) {
        assertEquals(m, ModelJson.readModel(write(m)), "seed " + seed + ": round trip of a read model");
      }
    } catch (ModelFormatException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "seed " + seed);
      REJECTED.incrementAndGet();
    } catch (RuntimeException | StackOverflowError e) {
      fail("seed " + seed + " (" + file + "): " + e + "\ninput:\n" + json, e);
    }
  }

  private static String write(SegmentModel m) {
    if (m instanceof dev.segmentation.core.model.KMeansModel k) {
      return ModelJson.write(k);
    } else if (m instanceof dev.segmentation.core.model.QuantileModel q) {
      return ModelJson.write(q);
    } else if (m instanceof dev.segmentation.core.model.AbcModel a) {
      return ModelJson.write(a);
    } else if (m instanceof dev.segmentation.core.model.RuleModel r) {
      return ModelJson.write(r);
    } else if (m instanceof dev.segmentation.core.model.MatrixModel x) {
      return ModelJson.write(x);
    }
    throw new AssertionError("unknown model " + m.getClass());
  }
}
