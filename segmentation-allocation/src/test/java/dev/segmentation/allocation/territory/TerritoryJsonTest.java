package dev.segmentation.allocation.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.core.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TerritoryJsonTest {

  /** Test-side Jackson, only to compare documents as trees. */
  private static final ObjectMapper TREES = new ObjectMapper();

  static LongStream seeds() {
    return LongStream.range(0, 20);
  }

  /** The problem of the golden files: a lock, a rep without home, a rep of another role, an account
   * out of scope, an owner of another role. */
  static TerritoryProblem golden() {
    return TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 1000).home(50.0, 8.0))
        .rep(TerritoryRep.of("ben", "field", 1000).home(50.9, 8.0))
        .rep(TerritoryRep.of("cid", "field", 500))
        .rep(TerritoryRep.of("ida", "inside", 800))
        .account(TerritoryAccount.of("a1", 10, 1200).location(50.05, 8.0).ownedBy("ben"))
        .account(TerritoryAccount.of("a2", 12, 800).location(50.0, 8.05).ownedBy("ana").locked())
        .account(TerritoryAccount.of("b1", 9, 400).location(50.85, 8.0).ownedBy("ben"))
        .account(TerritoryAccount.of("b2", 11, 900).location(50.9, 8.05).ownedBy("ida"))
        .account(TerritoryAccount.of("c1", 10, 300))
        .account(TerritoryAccount.of("z0", 0, 50).location(50.5, 8.5))
        .tolerance(0.2).disruptionCost(30).build();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = TerritoryJsonTest.class.getResourceAsStream("/json/v1/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void goldenProblemReadsAsTheProblemAndWritesBackTheSameTree() throws IOException {
    String text = resource("territory-problem.json");
    TerritoryProblem read = TerritoryJson.readProblem(text);
    TerritoryProblem fresh = golden();
    assertEquals(fresh.reps(), read.reps());
    assertEquals(fresh.accounts(), read.accounts());
    assertEquals(fresh.toString(), read.toString());
    assertEquals(TREES.readTree(text), TREES.readTree(TerritoryJson.write(fresh)));
  }

  @Test
  void goldenPlanReadsAsTheSolvedPlanAndWritesBackTheSameTree() throws IOException {
    String text = resource("territory-plan.json");
    TerritoryPlan read = TerritoryJson.readPlan(text);
    TerritoryPlan fresh = golden().solve();
    assertEquals(TerritoryStatus.BALANCED, fresh.status(), fresh::toString);
    assertEquals(fresh, read, "the golden plan is the plan of the golden problem");
    assertEquals(TREES.readTree(text), TREES.readTree(TerritoryJson.write(read)));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void roundTripsAreExact(long seed) {
    TerritoryInstances.Planted[] p = new TerritoryInstances.Planted[1];
    TerritoryProblem problem = TerritoryPropertyTest.instance(seed, p).build();
    String json = TerritoryJson.write(problem);
    TerritoryProblem read = TerritoryJson.readProblem(json);
    assertEquals(json, TerritoryJson.write(read), "seed " + seed + ": problem JSON");
    TerritoryPlan plan = problem.solve();
    assertEquals(plan, read.solve(), "seed " + seed + ": the read problem solves to the same plan");
    String planJson = TerritoryJson.write(plan);
    TerritoryPlan planRead = TerritoryJson.readPlan(planJson);
    assertEquals(plan, planRead, "seed " + seed + ": plan");
    assertEquals(plan.hashCode(), planRead.hashCode(), "seed " + seed);
    assertEquals(planJson, TerritoryJson.write(planRead), "seed " + seed + ": plan JSON");
    assertTrue(!planJson.contains("NaN") && !planJson.contains("Infinity"), "seed " + seed);
  }

  @Test
  void filesRoundTrip(@TempDir Path dir) {
    TerritoryProblem problem = golden();
    TerritoryJson.write(problem, dir.resolve("p.json"));
    assertEquals(problem.accounts(), TerritoryJson.readProblem(dir.resolve("p.json")).accounts());
    TerritoryPlan plan = problem.solve();
    TerritoryJson.write(plan, dir.resolve("plan.json"));
    assertEquals(plan, TerritoryJson.readPlan(dir.resolve("plan.json")));
  }

  @Test
  void badDocumentsNameThePath() throws IOException {
    ObjectNode doc = (ObjectNode) TREES.readTree(TerritoryJson.write(golden().solve()));
    ((ObjectNode) doc.get("accounts").get(2)).put("rep", "nobody");
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> TerritoryJson.readPlan(doc.toString()));
    assertTrue(e.getMessage().contains("\"nobody\", which is not a rep of the plan"), e.getMessage());

    ObjectNode p = (ObjectNode) TREES.readTree(TerritoryJson.write(golden()));
    ((ObjectNode) p.get("accounts").get(0).get("location")).put("latitude", 95.0);
    ModelFormatException e2 = assertThrows(ModelFormatException.class,
        () -> TerritoryJson.readProblem(p.toString()));
    assertEquals("$.accounts[0]", e2.jsonPath().orElseThrow(), e2.getMessage());

    ObjectNode q = (ObjectNode) TREES.readTree(TerritoryJson.write(golden()));
    q.put("extra", 1);
    assertThrows(ModelFormatException.class, () -> TerritoryJson.readProblem(q.toString()));
    ObjectNode k = (ObjectNode) TREES.readTree(TerritoryJson.write(golden()));
    k.put("kind", "territory-plan");
    assertThrows(ModelFormatException.class, () -> TerritoryJson.readProblem(k.toString()));
    JsonNode newer = ((ObjectNode) TREES.readTree(TerritoryJson.write(golden())))
        .put("schemaVersion", 2);
    assertThrows(ModelFormatException.class, () -> TerritoryJson.readProblem(newer.toString()));
  }
}
