package dev.segmentation.allocation.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.capacity.CapacityPlan;
import dev.segmentation.allocation.capacity.MarginalRepValues;
import dev.segmentation.allocation.capacity.WhatIfCurve;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.json.PlanningJson;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.allocation.quota.AttainmentReport;
import dev.segmentation.allocation.quota.QuotaPlan;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.testing.JsonMutations;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded JSON fuzzing of the allocation-side readers ({@link AllocationJson}, {@link TerritoryJson},
 * {@link PlanningJson}), starting from the golden files: truncation, dropped and duplicated characters,
 * swapped values, changed versions and kinds, unknown fields, NaN-like tokens, deep nesting and oversized
 * numbers. A reader returns an object, which writes (the writer refuses NaN and Infinity) and whose written
 * form reads back and writes to the same text, or it throws {@link ModelFormatException}; nothing else.
 */
@Timeout(60)
class AllocationJsonFuzzTest {

  private static final List<String> FILES = List.of("allocation-problem.json", "allocation-plan.json",
      "territory-problem.json", "territory-plan.json", "capacity-plan.json", "what-if-curve.json",
      "marginal-rep-values.json", "quota-plan.json", "attainment-report.json");
  private static final String[] TOKENS = {
    "null", "true", "false", "-1", "0", "1e400", "-1e400", "1e308", "-0.0", "\"NaN\"", "NaN", "[]", "{}",
    "\"\"", "2", "99", "0.5", "\"x\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "12345678901234567890",
    "\"Infinity\"", "-Infinity", "[null]", "{\"a\":1}", "\"\\u0000\"", "\"\uD83D\uDE00\"", "2147483648"
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
  void readersReturnAnObjectOrModelFormatException(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x5DEECE66DL);
    String file = FILES.get(rng.nextInt(FILES.size()));
    String json = JsonMutations.mutate(
        JsonMutations.golden(AllocationJsonFuzzTest.class, file), rng, TOKENS, 8);
    Object value;
    try {
      value = reader(file).apply(json);
    } catch (ModelFormatException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "seed " + seed);
      REJECTED.incrementAndGet();
      return;
    } catch (RuntimeException | StackOverflowError e) {
      fail("seed " + seed + " (" + file + "): " + e + "\ninput:\n" + json, e);
      return;
    }
    READ.incrementAndGet();
    try {
      // the writer refuses NaN and Infinity, so a read object must write, read back and write the same
      String written = write(value);
      assertEquals(written, write(reader(file).apply(written)), "seed " + seed + " (" + file + "): round trip");
    } catch (RuntimeException | StackOverflowError e) {
      fail("seed " + seed + " (" + file + "): read, but does not write and read back: " + e + "\ninput:\n"
          + json, e);
    }
  }

  /** The reader for the kind of a golden file. */
  static Function<String, Object> reader(String file) {
    return switch (file) {
      case "allocation-problem.json" -> AllocationJson::readProblem;
      case "allocation-plan.json" -> AllocationJson::readPlan;
      case "territory-problem.json" -> TerritoryJson::readProblem;
      case "territory-plan.json" -> TerritoryJson::readPlan;
      case "capacity-plan.json" -> PlanningJson::readCapacityPlan;
      case "what-if-curve.json" -> PlanningJson::readWhatIfCurve;
      case "marginal-rep-values.json" -> PlanningJson::readMarginalRepValues;
      case "quota-plan.json" -> PlanningJson::readQuotaPlan;
      case "attainment-report.json" -> PlanningJson::readAttainmentReport;
      default -> throw new AssertionError(file);
    };
  }

  /** Writes any object the readers return. */
  static String write(Object value) {
    if (value instanceof AllocationProblem p) {
      return AllocationJson.write(p);
    } else if (value instanceof AllocationPlan p) {
      return AllocationJson.write(p);
    } else if (value instanceof TerritoryProblem p) {
      return TerritoryJson.write(p);
    } else if (value instanceof TerritoryPlan p) {
      return TerritoryJson.write(p);
    } else if (value instanceof CapacityPlan p) {
      return PlanningJson.write(p);
    } else if (value instanceof WhatIfCurve c) {
      return PlanningJson.write(c);
    } else if (value instanceof MarginalRepValues v) {
      return PlanningJson.write(v);
    } else if (value instanceof QuotaPlan p) {
      return PlanningJson.write(p);
    } else if (value instanceof AttainmentReport r) {
      return PlanningJson.write(r);
    }
    throw new AssertionError("unknown value " + value.getClass());
  }
}
