package dev.segmentation.allocation;

import dev.segmentation.allocation.testing.AllocationInstances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.allocation.AllocationPlan.AccountOutcome;
import dev.segmentation.allocation.Role.Rep;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AllocationJsonTest {

  /** Test-side Jackson, only to edit documents and compare them as trees. */
  private static final ObjectMapper TREES = new ObjectMapper();

  static LongStream seeds() {
    return LongStream.range(0, 100);
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  /**
   * A random instance: the generator's problem plus, depending on the seed, the profit objective, an
   * option restricted by a condition on a column nothing else reads ({@code travel}), locks (some on
   * options the account is not eligible for) and a method and parallelism.
   */
  static AllocationProblem randomProblem(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x5DEECE66DL);
    boolean exact = seed % 10 == 0;
    int n = exact ? 6 + rng.nextInt(4) : 20 + rng.nextInt(181);
    AllocationProblem.Builder b = AllocationInstances.generate(n, seed, seed % 2 == 0,
        0.2 + 0.8 * rng.nextDouble(), seed % 3 == 0);
    if (rng.nextBoolean()) {
      b.objective(Objective.PROFIT);
    }
    if (rng.nextBoolean()) {
      b.option(CoverageOption.builder("quick-call", Channel.PHONE).hours("inside", 0.5).cost(5)
          .retention(0.86).effort(0.5)
          .eligibleWhen("travel > " + (0.5 + 2 * rng.nextDouble()) + " or revenue < 20000").build());
    }
    String[] lockable = {"partner", "inside-2", "field-12", "none"};
    int locks = rng.nextInt(3);
    for (int k = 0; k < locks; k++) {
      b.lock("acct-" + rng.nextInt(n), lockable[rng.nextInt(lockable.length)]);
    }
    b.method(exact ? SolveMethod.EXACT : SolveMethod.LAGRANGIAN);
    b.parallelism(1 + rng.nextInt(3));
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void problemWrittenAndReadBackSolvesToTheSamePlan(long seed) {
    AllocationProblem problem = randomProblem(seed);
    String json = AllocationJson.write(problem);
    AllocationProblem read = AllocationJson.readProblem(json);
    assertEquals(json, AllocationJson.write(read), "seed " + seed + ": JSON of the read-back problem");
    assertEquals(json, AllocationJson.write(problem), "seed " + seed + ": JSON of a second write");
    assertNoNonFiniteTokens(json, seed);
    boolean conditionOption = problem.options().stream().anyMatch(o -> o.eligibleWhen().isPresent());
    assertEquals(conditionOption, json.contains("\"name\": \"travel\""),
        "seed " + seed + ": column 'travel' is embedded exactly when a condition reads it");
    assertEquals(problem.options(), read.options(), "seed " + seed + ": options");
    assertEquals(problem.locks(), read.locks(), "seed " + seed + ": locks");

    AllocationPlan plan = problem.solve();
    AllocationPlan again = read.solve();
    assertEquals(plan.accountIds(), again.accountIds(), "seed " + seed + ": account ids");
    if (plan.isFeasible()) {
      for (int i = 0; i < plan.accountIds().size(); i++) {
        assertEquals(plan.option(i), again.option(i), "seed " + seed + ": option of row " + i);
      }
    }
    assertEquals(plan.objective(), again.objective(), 0.0, "seed " + seed + ": objective");
    assertEquals(plan.upperBound(), again.upperBound(), 0.0, "seed " + seed + ": upper bound");
    assertEquals(plan, again, "seed " + seed + ": the read-back problem solves to an equal plan");

    String planJson = AllocationJson.write(plan);
    AllocationPlan planRead = AllocationJson.readPlan(planJson);
    assertEquals(plan, planRead, "seed " + seed + ": plan read back from JSON");
    assertEquals(plan.hashCode(), planRead.hashCode(), "seed " + seed + ": hash of the read plan");
    assertEquals(planJson, AllocationJson.write(planRead), "seed " + seed + ": JSON of the read plan");
    assertNoNonFiniteTokens(planJson, seed);
    if (plan.isFeasible()) {
      assertEquals(plan.segmentSummary(), planRead.segmentSummary(),
          "seed " + seed + ": segment summary of the read plan");
      assertEquals(plan.toString(), planRead.toString(), "seed " + seed + ": report of the read plan");
    }
  }

  private static void assertNoNonFiniteTokens(String json, long seed) {
    assertFalse(json.contains("NaN"), "seed " + seed + ": JSON must not contain NaN");
    assertFalse(json.contains("Infinity"), "seed " + seed + ": JSON must not contain Infinity");
    assertFalse(json.contains("\r"), "seed " + seed + ": JSON line ends must be \\n");
  }

  @Test
  void embedsOnlyTheColumnsTheProblemReadsWithMissingValuesAsNull() throws Exception {
    AllocationProblem problem = goldenProblem();
    JsonNode accounts = TREES.readTree(AllocationJson.write(problem)).get("accounts");
    List<String> names = new ArrayList<>();
    accounts.get("columns").forEach(c -> names.add(c.get("name").asText()));
    assertEquals(List.of("revenue", "potential", "region", "fieldHours", "score"), names,
        "embedded columns: amounts, response model and condition columns, in table order");
    assertEquals("account", accounts.get("idColumn").asText(), "id column name");
    assertTrue(accounts.get("segments").get(5).isNull(), "account without segment");
    assertTrue(accounts.get("columns").get(4).get("values").get(2).isNull(), "missing score");
    assertTrue(accounts.get("columns").get(2).get("values").get(4).isNull(), "missing region");
    AllocationProblem read = AllocationJson.readProblem(AllocationJson.write(problem));
    assertEquals("account", read.accounts().idColumnName(), "id column name read back");
    assertEquals(problem.accounts().ids(), read.accounts().ids(), "ids read back");
    assertTrue(Double.isNaN(read.accounts().numeric("score").get(2)), "missing score read back");
    assertEquals(problem.accounts().categorical("region"), read.accounts().categorical("region"),
        "categorical column read back");
    for (int i = 0; i < 6; i++) {
      assertEquals(problem.segmentOf(i), read.segmentOf(i), "segment of row " + i);
    }
    assertEquals(problem.roles(), read.roles(), "roles with reps");
    assertEquals(problem.serviceLevels(), read.serviceLevels(), "service levels");
    assertEquals(problem.responseModel(), read.responseModel(), "response model");
    assertEquals(problem.budget(), read.budget(), 0.0, "budget");
    assertEquals(problem.objective(), read.objective(), "objective");
    assertEquals(problem.method(), read.method(), "method");
    assertEquals(problem.parallelism(), read.parallelism(), "parallelism");
  }

  @Test
  void dateAndCategoricalConditionsNoBudgetAndNoSegmentsRoundTrip() {
    AccountTable t = AccountTable.of(new String[] {"客户-1", "b", "c", "d"},
        NumericColumn.of("v", new double[] {10, 8, 6, -0.0}),
        CategoricalColumn.of("tier", new String[] {"gold", null, "silver", "gold"}),
        DateColumn.of("since", new LocalDate[] {LocalDate.of(2020, 2, 29), null, null,
            LocalDate.of(1999, 12, 31)}),
        NumericColumn.of("ignored", new double[] {1, 2, 3, 4}));
    AllocationProblem problem = AllocationProblem.builder()
        .accounts(t)
        .role(Role.of("field", 2))
        .option(CoverageOption.builder("visit", Channel.FIELD).hours("field", 1)
            .value(PerAccount.column("v")).eligibleWhen("since is missing or tier in (\"gold\")")
            .build())
        .option(CoverageOption.builder("none", Channel.NONE).value(PerAccount.of(0)).build())
        .method(SolveMethod.LAGRANGIAN)
        .parallelism(2)
        .build();
    String json = AllocationJson.write(problem);
    assertFalse(json.contains("ignored"), "unread column is not embedded:\n" + json);
    assertTrue(json.contains("\"budget\": null"), "no budget is null:\n" + json);
    assertTrue(json.contains("\"2020-02-29\""), "dates are ISO-8601:\n" + json);
    AllocationProblem read = AllocationJson.readProblem(json);
    assertEquals(Double.POSITIVE_INFINITY, read.budget(), "no budget read back");
    assertEquals(t.date("since"), read.accounts().date("since"), "date column read back");
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(read.accounts().numeric("v").get(3)), "-0.0 read back");
    assertEquals(problem.solve(), read.solve(), "same plan");
    assertEquals(json, AllocationJson.write(read), "JSON of the read-back problem");
  }

  @ParameterizedTest
  @MethodSource("tinySizes")
  void zeroOneAndTwoAccountsRoundTrip(int n) {
    String[] ids = new String[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "🙂 " + i;
      v[i] = i == 1 ? 1e300 : 1e-300;
    }
    AllocationProblem problem = AllocationProblem.builder()
        .accounts(AccountTable.of(ids, NumericColumn.of("v", v)))
        .role(Role.of("odd role.name", 1))
        .budget(0)
        .option(CoverageOption.builder("visit", Channel.FIELD).hours("odd role.name", 1)
            .value(PerAccount.column("v")).build())
        .method(SolveMethod.LAGRANGIAN)
        .build();
    String json = AllocationJson.write(problem);
    AllocationProblem read = AllocationJson.readProblem(json);
    assertEquals(json, AllocationJson.write(read), "n=" + n + ": JSON of the read-back problem");
    AllocationPlan plan = problem.solve();
    assertEquals(plan, read.solve(), "n=" + n + ": same plan");
    assertEquals(plan, AllocationJson.readPlan(AllocationJson.write(plan)), "n=" + n + ": plan");
  }

  static int[] tinySizes() {
    return new int[] {0, 1, 2};
  }

  @Test
  void infeasiblePlanRoundTripsWithNullTotals() throws Exception {
    AllocationProblem problem = AllocationInstances.generate(40, 11, false, 0.02, false)
        .serviceLevel(ServiceLevel.ofChannels("A", 1.0, Channel.FIELD))
        .method(SolveMethod.LAGRANGIAN).build();
    AllocationPlan plan = problem.solve();
    assertEquals(PlanStatus.INFEASIBLE, plan.status(), "impossible service level");
    String json = AllocationJson.write(plan);
    JsonNode tree = TREES.readTree(json);
    assertTrue(tree.get("value").isNull() && tree.get("objective").isNull(), "null totals:\n" + json);
    assertTrue(tree.get("accounts").get(0).get("option").isNull(), "no option:\n" + json);
    assertTrue(tree.get("limits").get(0).get("used").isNull(), "no use:\n" + json);
    AllocationPlan read = AllocationJson.readPlan(json);
    assertEquals(plan, read, "infeasible plan read back");
    assertEquals(plan.conflicts(), read.conflicts(), "conflicts read back");
    assertEquals(json, AllocationJson.write(read), "JSON of the read plan");
  }

  // ---------------------------------------------------------------------------------------------
  // Golden files

  /** The problem of {@code json/v1/allocation-problem.json}. */
  static AllocationProblem goldenProblem() {
    AccountTable t = AccountTable.builder().idColumn("account")
        .numeric("revenue").numeric("potential").categorical("region").numeric("fieldHours")
        .numeric("score").numeric("unused")
        .addRow("a-1", 120000.0, 300000.0, "North", 20.0, 5.0, 1.0)
        .addRow("a-2", 90000.0, 150000.0, "South", 30.0, 3.0, 2.0)
        .addRow("b-1", 40000.0, 120000.0, "East", 18.0, null, 3.0)
        .addRow("b-2", 25000.0, 40000.0, "South", 24.0, 1.0, 4.0)
        .addRow("Kunde-Ö", 8000.0, 30000.0, null, 12.0, 2.0, 5.0)
        .addRow("x-9", 5000.0, 9000.0, "North", 40.0, 4.0, 6.0)
        .build();
    Segmentation seg = Segmentation.of(t,
        List.of(new Segment(0, "A", "Key", "large"), new Segment(1, "B", "Growth", "medium"),
            new Segment(2, "C", "Small", "small")),
        new int[] {0, 0, 1, 1, 2, -1},
        new UnassignedReason[] {null, null, null, null, null, UnassignedReason.MISSING_VALUE},
        new String[6]);
    return AllocationProblem.builder()
        .accounts(seg)
        .role(Role.ofReps("field", List.of(new Rep("ana", 40), new Rep("ben", 30))))
        .role(Role.of("inside", 12))
        .budget(3000)
        .option(CoverageOption.builder("field-6", Channel.FIELD)
            .hours("field", PerAccount.column("fieldHours")).cost(900).retention(0.95).effort(6)
            .segments("A", "B").build())
        .option(CoverageOption.builder("inside-4", Channel.INSIDE).hours("inside", 4).cost(100)
            .retention(0.9).effort(4).eligibleWhen("region != \"South\" or score is missing").build())
        .option(CoverageOption.builder("digital", Channel.DIGITAL).cost(50)
            .value(PerAccount.of(4000)).build())
        .responseModel(new ResponseModel("revenue", "potential", 0.3, 4, 1))
        .serviceLevel(ServiceLevel.ofChannels("A", 0.5, Channel.FIELD))
        .lock("x-9", "digital")
        .objective(Objective.PROFIT)
        .method(SolveMethod.EXACT)
        .parallelism(1)
        .build();
  }

  /**
   * The plan of {@code json/v1/allocation-plan.json}: the optimum of {@link #goldenProblem()}, checked
   * by hand. With field hours priced at 530 (a-1's field upgrade gains 10,600 for 20 hours), field
   * goes to a-2 (the service level; inside is closed to South) and b-2, inside to a-1 and b-1, and
   * digital to the small account and the locked one.
   */
  static AllocationPlan goldenPlan() {
    List<Double> noHours = List.of(0.0, 0.0);
    return AllocationPlan.of(PlanStatus.OPTIMAL,
        List.of("a-1", "a-2", "b-1", "b-2", "Kunde-Ö", "x-9"),
        List.of("A", "A", "B", "B", "C", ""),
        List.of("field-6", "inside-4", "digital", "none"),
        List.of("field", "inside"),
        List.of(
            new AccountOutcome("inside-4", 134900.0, "field-6", 0.0, 135000.0, 100.0,
                List.of(0.0, 4.0)),
            new AccountOutcome("field-6", 79500.0, "digital", 75550.0, 96300.0, 900.0,
                List.of(30.0, 0.0)),
            new AccountOutcome("inside-4", 47900.0, "field-6", 5940.0, 48000.0, 100.0,
                List.of(0.0, 4.0)),
            new AccountOutcome("field-6", 12830.0, "digital", 8880.0, 26450.0, 900.0,
                List.of(24.0, 0.0)),
            new AccountOutcome("digital", 3950.0, "none", 3950.0, 4000.0, 50.0, noHours),
            new AccountOutcome("digital", 3950.0, "", Double.POSITIVE_INFINITY, 4000.0, 50.0,
                noHours)),
        313750.0, 2100.0, 311650.0, 320130.0, true, 12,
        List.of(new LimitUsage("field", LimitKind.ROLE_HOURS, 70.0, 54.0, 530.0),
            new LimitUsage("inside", LimitKind.ROLE_HOURS, 12.0, 8.0, 0.0),
            new LimitUsage("budget", LimitKind.BUDGET, 3000.0, 2100.0, 0.0),
            new LimitUsage("service:A>=50%[FIELD]", LimitKind.SERVICE_LEVEL, 1.0, 1.0, 0.0)),
        List.of());
  }

  @Test
  void goldenProblemV1() throws Exception {
    String golden = resource("json/v1/allocation-problem.json");
    assertEquals(TREES.readTree(golden), TREES.readTree(AllocationJson.write(goldenProblem())),
        "freshly built problem compared with json/v1/allocation-problem.json as JSON trees");
    AllocationProblem read = AllocationJson.readProblem(golden);
    assertEquals(TREES.readTree(golden), TREES.readTree(AllocationJson.write(read)),
        "re-written golden problem compared as JSON trees");
    AllocationProblem fromFile = AllocationJson.readProblem(resourcePath("json/v1/allocation-problem.json"));
    assertEquals(goldenProblem().options(), fromFile.options(), "options read from the file");
    assertEquals(goldenProblem().solve(), read.solve(),
        "golden problem read from JSON solves to the plan of the freshly built one");
  }

  @Test
  void goldenPlanV1() throws Exception {
    String golden = resource("json/v1/allocation-plan.json");
    assertEquals(goldenPlan(), AllocationJson.readPlan(golden),
        "plan read from json/v1/allocation-plan.json");
    assertEquals(goldenPlan(), AllocationJson.readPlan(resourcePath("json/v1/allocation-plan.json")),
        "plan read from the file json/v1/allocation-plan.json");
    assertEquals(TREES.readTree(golden), TREES.readTree(AllocationJson.write(goldenPlan())),
        "re-written golden plan compared with json/v1/allocation-plan.json as JSON trees");
  }

  @Test
  void goldenPlanIsTheOptimumOfTheGoldenProblem() {
    AllocationPlan solved = goldenProblem().solve();
    AllocationPlan golden = goldenPlan();
    assertEquals(PlanStatus.OPTIMAL, solved.status(), "golden problem is solved to optimality");
    for (int i = 0; i < 6; i++) {
      assertEquals(golden.option(i), solved.option(i), "option of " + golden.accountIds().get(i));
      assertEquals(golden.outcome(i).value(), solved.outcome(i).value(), 0.0,
          "value of " + golden.accountIds().get(i));
    }
    assertEquals(golden.value(), solved.value(), 0.0, "value");
    assertEquals(golden.cost(), solved.cost(), 0.0, "cost");
    assertEquals(golden.objective(), solved.objective(), 0.0, "objective");
    assertEquals(golden.upperBound(), solved.upperBound(), 1e-6, "LP bound");
    assertEquals(golden.shadowPrice("field"), solved.shadowPrice("field"), 1e-6, "field price");
    assertEquals(golden.segmentSummary(), AllocationJson.readPlan(AllocationJson.write(golden))
        .segmentSummary(), "segment summary after reading");
  }

  @Test
  void fileOverloadsWriteTextAndALineFeed(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("problem.json");
    Path q = dir.resolve("plan.json");
    AllocationJson.write(goldenProblem(), p);
    AllocationJson.write(goldenPlan(), q);
    assertEquals(AllocationJson.write(goldenProblem()) + "\n", Files.readString(p), "problem file");
    assertEquals(AllocationJson.write(goldenPlan()) + "\n", Files.readString(q), "plan file");
    assertEquals(goldenPlan(), AllocationJson.readPlan(q), "plan read from its file");
    assertEquals(goldenProblem().options(), AllocationJson.readProblem(p).options(),
        "problem read from its file");
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readProblem(q));
    assertTrue(e.getMessage().startsWith(q.toString()), "message names the file: " + e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  @Test
  void wrongKindNamesTheReader() {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readProblem(AllocationJson.write(goldenPlan())));
    assertEquals("$.kind", e.jsonPath().orElseThrow(), "path");
    assertTrue(e.getMessage().contains("\"allocation-plan\"")
        && e.getMessage().contains("AllocationJson.readPlan"), e.getMessage());
    ModelFormatException other = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readPlan("{\"schemaVersion\": 1, \"kind\": \"kmeans-model\"}"));
    assertTrue(other.getMessage().contains("ModelJson"), other.getMessage());
  }

  @Test
  void newerSchemaVersionIsRejected() {
    String json = edit(AllocationJson.write(goldenProblem()), root -> root.put("schemaVersion", 2));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readProblem(json));
    assertEquals("$.schemaVersion", e.jsonPath().orElseThrow(), "path");
    assertTrue(e.getMessage().contains("newer") && e.getMessage().contains("upgrade"), e.getMessage());
  }

  @Test
  void unknownFieldIsNamedWithItsPath() {
    String json = edit(AllocationJson.write(goldenProblem()),
        root -> ((ObjectNode) root.get("options").get(1)).put("colour", "red"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readProblem(json));
    assertEquals("$.options[1].colour", e.jsonPath().orElseThrow(), "path");
    assertTrue(e.getMessage().startsWith("Unknown field \"colour\" at $.options[1].colour; expected "
        + "one of: channel, cost, effort, eligibleWhen, hours, id, retention, segments, value."),
        e.getMessage());
    String plan = edit(AllocationJson.write(goldenPlan()),
        root -> ((ObjectNode) root.get("accounts").get(3)).put("note", 1));
    ModelFormatException p = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readPlan(plan));
    assertEquals("$.accounts[3].note", p.jsonPath().orElseThrow(), p.getMessage());
  }

  @Test
  void missingFieldIsNamedWithItsPath() {
    String json = edit(AllocationJson.write(goldenProblem()),
        root -> ((ObjectNode) root.get("options").get(0)).remove("retention"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readProblem(json));
    assertEquals("$.options[0].retention", e.jsonPath().orElseThrow(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Missing field \"retention\" at $.options[0].retention; "
        + "expected a finite number."), e.getMessage());
    String plan = edit(AllocationJson.write(goldenPlan()), root -> root.remove("upperBound"));
    ModelFormatException p = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readPlan(plan));
    assertEquals("$.upperBound", p.jsonPath().orElseThrow(), p.getMessage());
  }

  @Test
  void nanStringIsRejected() {
    String json = edit(AllocationJson.write(goldenProblem()), root -> root.put("budget", "NaN"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readProblem(json));
    assertEquals("$.budget", e.jsonPath().orElseThrow(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Wrong type at $.budget: expected a finite number, found the "
        + "string \"NaN\".") && e.getMessage().contains("NaN and Infinity are not allowed"),
        e.getMessage());
    String column = edit(AllocationJson.write(goldenProblem()), root ->
        ((ArrayNode) root.get("accounts").get("columns").get(0).get("values")).set(2, "Infinity"));
    ModelFormatException c = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readProblem(column));
    assertEquals("$.accounts.columns[0].values[2]", c.jsonPath().orElseThrow(), c.getMessage());
    String margin = edit(AllocationJson.write(goldenPlan()),
        root -> ((ObjectNode) root.get("accounts").get(0)).put("margin", "NaN"));
    ModelFormatException m = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readPlan(margin));
    assertEquals("$.accounts[0].margin", m.jsonPath().orElseThrow(), m.getMessage());
  }

  @Test
  void problemWithAValueFunctionCannotBeWritten() {
    ValueFunction lambda = (row, option) -> row.numeric("v") * option.retention();
    AllocationProblem problem = AllocationProblem.builder()
        .accounts(AccountTable.of(new String[] {"a"}, NumericColumn.of("v", new double[] {1})))
        .option(CoverageOption.builder("x", Channel.PHONE).retention(0.5).build())
        .valueFunction(lambda)
        .build();
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.write(problem));
    assertTrue(e.getMessage().startsWith("The problem's value function (" + lambda + ") is Java code "
        + "and has no JSON form"), e.getMessage());
    assertEquals("$", e.jsonPath().orElseThrow(), "path");
  }

  @Test
  void badValuesAreNamedWithTheirPaths() {
    String problem = AllocationJson.write(goldenProblem());
    assertPath("$.options[0].cost", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ObjectNode) root.get("options").get(0)).putObject("cost").put("constnt", 1.0))),
        "{\"constant\": <number>} or {\"column\": \"<column name>\"}");
    assertPath("$.options[0].cost", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ObjectNode) root.get("options").get(0)).putObject("cost").put("constant", -1.0))),
        "cost must be >= 0");
    assertPath("$.accounts.columns[1].values", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ArrayNode) root.get("accounts").get("columns").get(1).get("values")).remove(0))),
        "has 5 values, expected one per id (6)");
    assertPath("$.accounts.columns[2].type", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ObjectNode) root.get("accounts").get("columns").get(2)).put("type", "text"))),
        "expected one of: numeric, categorical, date");
    assertPath("$.accounts.ids", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ArrayNode) root.get("accounts").get("ids")).set(1, "a-1"))),
        "Duplicate account id \"a-1\"");
    assertPath("$.serviceLevels[0]", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ObjectNode) root.get("serviceLevels").get(0)).put("minShare", 1.5))),
        "minShare must be in (0, 1]");
    assertPath("$.objective", () -> AllocationJson.readProblem(edit(problem,
        root -> root.put("objective", "REVENUE"))), "expected one of VALUE, PROFIT");
    assertPath("$", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ObjectNode) root.get("locks")).put("nobody", "digital"))),
        "Lock of unknown account \"nobody\"");
    assertPath("$.roles[0].reps[1]", () -> AllocationJson.readProblem(edit(problem,
        root -> ((ObjectNode) root.get("roles").get(0).get("reps").get(1)).put("hours", -3.0))),
        "finite hours >= 0");
    String plan = AllocationJson.write(goldenPlan());
    assertPath("$.accounts[2].option", () -> AllocationJson.readPlan(edit(plan,
        root -> ((ObjectNode) root.get("accounts").get(2)).put("option", "carrier-pigeon"))),
        "'carrier-pigeon' is not one of the plan's options");
    assertPath("$.accounts[2].hours", () -> AllocationJson.readPlan(edit(plan,
        root -> ((ArrayNode) root.get("accounts").get(2).get("hours")).add(1.0))),
        "has 3 entries, expected one per role [field, inside]");
    assertPath("$.value", () -> AllocationJson.readPlan(edit(plan, root -> root.putNull("value"))),
        "null in a OPTIMAL plan");
    assertPath("$.status", () -> AllocationJson.readPlan(edit(plan, root -> root.putNull("status"))),
        "Null at $.status");
  }

  @Test
  void malformedAndEmptyDocumentsAreRejected() {
    ModelFormatException m = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readPlan("{\"schemaVersion\": 1,"));
    assertTrue(m.getMessage().startsWith("Malformed JSON at line 1"), m.getMessage());
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readPlan(""));
    assertTrue(e.getMessage().startsWith("The document is empty"), e.getMessage());
    ModelFormatException a = assertThrows(ModelFormatException.class,
        () -> AllocationJson.readPlan("[]"));
    assertEquals("$", a.jsonPath().orElseThrow(), a.getMessage());
  }

  @Test
  void planFactoryRejectsInconsistentParts() {
    AllocationPlan g = goldenPlan();
    List<AccountOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      outcomes.add(g.outcome(i));
    }
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> AllocationPlan.of(PlanStatus.OPTIMAL, g.accountIds(), List.of("A", "A", "B", "B", "C", ""),
            List.of("field-6", "inside-4", "none"), g.roleNames(), outcomes, 1, 1, 1, 1, true, 1,
            g.limits(), List.of()));
    assertTrue(unknown.getMessage().contains("'digital'"), unknown.getMessage());
    IllegalArgumentException infeasible = assertThrows(IllegalArgumentException.class,
        () -> AllocationPlan.of(PlanStatus.INFEASIBLE, g.accountIds(),
            List.of("A", "A", "B", "B", "C", ""), g.optionIds(), g.roleNames(), outcomes, 1, 1, 1, 1,
            true, 1, g.limits(), List.of()));
    assertTrue(infeasible.getMessage().contains("no outcomes for an INFEASIBLE plan"),
        infeasible.getMessage());
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
        () -> AllocationPlan.of(PlanStatus.OPTIMAL, List.of("a", "a"), List.of("", ""),
            g.optionIds(), g.roleNames(), outcomes.subList(0, 2), 1, 1, 1, 1, true, 1, g.limits(),
            List.of()));
    assertTrue(dup.getMessage().contains("Duplicate account id \"a\""), dup.getMessage());
  }

  @Test
  void planEqualityComparesEveryPartBitForBit() {
    AllocationPlan g = goldenPlan();
    assertEquals(g, goldenPlan(), "same parts");
    assertEquals(g.hashCode(), goldenPlan().hashCode(), "same hash");
    List<AccountOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      outcomes.add(g.outcome(i));
    }
    AccountOutcome o = outcomes.get(0);
    outcomes.set(0, new AccountOutcome(o.option(), o.reducedValue(), o.runnerUp(), -0.0, o.value(),
        o.cost(), o.hours()));
    List<String> segments = List.of("A", "A", "B", "B", "C", "");
    AllocationPlan changed = AllocationPlan.of(g.status(), g.accountIds(), segments, g.optionIds(),
        g.roleNames(), outcomes, g.value(), g.cost(), g.objective(), g.upperBound(),
        g.boundConverged(), g.iterations(), g.limits(), g.conflicts());
    assertNotEquals(g, changed, "margin 0.0 and -0.0 differ bit for bit");
    AllocationPlan moreIterations = AllocationPlan.of(g.status(), g.accountIds(), segments,
        g.optionIds(), g.roleNames(), List.of(g.outcome(0), g.outcome(1), g.outcome(2), g.outcome(3),
            g.outcome(4), g.outcome(5)), g.value(), g.cost(), g.objective(), g.upperBound(),
        g.boundConverged(), 13, g.limits(), g.conflicts());
    assertNotEquals(g, moreIterations, "iterations differ");
    assertNotEquals(g, AllocationPlan.of(g.status(), g.accountIds(), List.of("A", "A", "B", "B", "C",
        "D"), g.optionIds(), g.roleNames(), List.of(g.outcome(0), g.outcome(1), g.outcome(2),
        g.outcome(3), g.outcome(4), g.outcome(5)), g.value(), g.cost(), g.objective(),
        g.upperBound(), g.boundConverged(), g.iterations(), g.limits(), g.conflicts()),
        "segments differ");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static void assertPath(String path, Runnable read, String messagePart) {
    ModelFormatException e = assertThrows(ModelFormatException.class, read::run,
        "expected a failure at " + path);
    assertEquals(path, e.jsonPath().orElse("(none)"), "path of: " + e.getMessage());
    assertTrue(e.getMessage().contains(messagePart),
        "message at " + path + " contains \"" + messagePart + "\": " + e.getMessage());
  }

  private static String edit(String json, Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) TREES.readTree(json);
      change.accept(root);
      return TREES.writeValueAsString(root);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String resource(String name) throws IOException, URISyntaxException {
    return Files.readString(resourcePath(name), StandardCharsets.UTF_8);
  }

  private static Path resourcePath(String name) throws URISyntaxException {
    URL url = AllocationJsonTest.class.getClassLoader().getResource(name);
    assertNotNull(url, "test resource " + name);
    return Path.of(url.toURI());
  }
}
