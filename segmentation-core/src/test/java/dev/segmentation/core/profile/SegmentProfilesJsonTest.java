package dev.segmentation.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.profile.SegmentProfile.CategoryCount;
import dev.segmentation.core.profile.SegmentProfile.CategoryStats;
import dev.segmentation.core.profile.SegmentProfile.NumericStats;
import dev.segmentation.core.profile.SegmentProfile.ValueShare;
import dev.segmentation.testing.Gen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ModelJson.write(SegmentProfiles)}: the "segment-profiles" document. */
class SegmentProfilesJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static LongStream seeds() {
    return Gen.seeds(200);
  }

  /**
   * The document of {@code SegmentProfilesTest.example()} with columns Fresh and Region, value column
   * Milk and two top categories; values checked by hand (A: Fresh 10, 20, 60; Milk share 5 / 12).
   */
  private static final String GOLDEN = """
      {"schemaVersion":1,"kind":"segment-profiles","accountCount":6,"assignedCount":4,
       "numericColumns":["Fresh","Milk"],"valueColumns":["Milk"],"categoricalColumns":["Region"],
       "topCategories":2,"groups":[
       {"segmentIndex":0,"id":"A","name":"Alpha","unassignedReason":null,"accounts":3,"accountShare":0.5,
        "numeric":[
         {"column":"Fresh","count":3,"missing":0,"sum":90.0,"mean":30.0,"median":20.0,"min":10.0,"max":60.0},
         {"column":"Milk","count":1,"missing":2,"sum":5.0,"mean":5.0,"median":5.0,"min":5.0,"max":5.0}],
        "valueShares":[{"column":"Milk","sum":5.0,"share":0.4166666666666667}],
        "categorical":[{"column":"Region","missing":0,"top":[
         {"label":"South","count":2,"share":0.6666666666666666},
         {"label":"North","count":1,"share":0.3333333333333333}]}]},
       {"segmentIndex":1,"id":"B","name":"Beta","unassignedReason":null,"accounts":1,
        "accountShare":0.16666666666666666,
        "numeric":[
         {"column":"Fresh","count":1,"missing":0,"sum":30.0,"mean":30.0,"median":30.0,"min":30.0,"max":30.0},
         {"column":"Milk","count":1,"missing":0,"sum":7.0,"mean":7.0,"median":7.0,"min":7.0,"max":7.0}],
        "valueShares":[{"column":"Milk","sum":7.0,"share":0.5833333333333334}],
        "categorical":[{"column":"Region","missing":0,"top":[{"label":"North","count":1,"share":1.0}]}]},
       {"segmentIndex":2,"id":"C","name":"Gamma","unassignedReason":null,"accounts":0,"accountShare":0.0,
        "numeric":[
         {"column":"Fresh","count":0,"missing":0,"sum":0.0,"mean":null,"median":null,"min":null,"max":null},
         {"column":"Milk","count":0,"missing":0,"sum":0.0,"mean":null,"median":null,"min":null,"max":null}],
        "valueShares":[{"column":"Milk","sum":0.0,"share":0.0}],
        "categorical":[{"column":"Region","missing":0,"top":[]}]},
       {"segmentIndex":-1,"id":"MISSING_VALUE","name":"(unassigned)","unassignedReason":"MISSING_VALUE",
        "accounts":1,"accountShare":0.16666666666666666,
        "numeric":[
         {"column":"Fresh","count":0,"missing":1,"sum":0.0,"mean":null,"median":null,"min":null,"max":null},
         {"column":"Milk","count":1,"missing":0,"sum":100.0,"mean":100.0,"median":100.0,"min":100.0,
          "max":100.0}],
        "valueShares":[{"column":"Milk","sum":100.0,"share":null}],
        "categorical":[{"column":"Region","missing":1,"top":[]}]},
       {"segmentIndex":-1,"id":"NO_RULE_MATCHED","name":"(unassigned)",
        "unassignedReason":"NO_RULE_MATCHED","accounts":1,"accountShare":0.16666666666666666,
        "numeric":[
         {"column":"Fresh","count":1,"missing":0,"sum":1.0,"mean":1.0,"median":1.0,"min":1.0,"max":1.0},
         {"column":"Milk","count":1,"missing":0,"sum":1.0,"mean":1.0,"median":1.0,"min":1.0,"max":1.0}],
        "valueShares":[{"column":"Milk","sum":1.0,"share":null}],
        "categorical":[{"column":"Region","missing":0,"top":[{"label":"East","count":1,"share":1.0}]}]}]}
      """;

  private static SegmentProfiles example() {
    return SegmentProfiles.builder(SegmentProfilesTest.example())
        .columns("Fresh", "Region").valueColumns("Milk").topCategories(2).build();
  }

  @Test
  void exampleMatchesTheGoldenDocument() throws Exception {
    String json = ModelJson.write(example());
    assertEquals(JSON.readTree(GOLDEN), JSON.readTree(json), "segment-profiles document:\n" + json);
    assertTrue(json.startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"segment-profiles\","),
        "envelope first:\n" + json);
  }

  @Test
  void writingTwiceGivesIdenticalText() throws Exception {
    assertEquals(ModelJson.write(example()), ModelJson.write(example()), "JSON written twice");
    Path file = dir.resolve("profiles.json");
    ModelJson.write(example(), file);
    assertEquals(ModelJson.write(example()) + "\n", Files.readString(file, StandardCharsets.UTF_8),
        "file = text + line feed");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void jsonIsStableAndHoldsTheExactValues(long seed) throws Exception {
    Gen g = new Gen(seed);
    Segmentation seg = ProfileFixtures.segmentation(g, ProfileFixtures.table(g, ProfileFixtures.rows(g)));
    SegmentProfiles p = SegmentProfiles.builder(seg).valueColumns("revenue")
        .topCategories(g.intBetween(0, 4)).build();
    String json = ModelJson.write(p);
    assertEquals(json, ModelJson.write(SegmentProfiles.builder(seg).valueColumns("revenue")
        .topCategories(p.topCategories()).build()), "JSON of equal profiles identical, seed " + seed);
    assertFalse(json.contains("NaN") || json.contains("Infinity"), "no NaN/Infinity, seed " + seed);
    JsonNode root = JSON.readTree(json);
    assertEquals(p.accountCount(), root.get("accountCount").intValue(), "accountCount, seed " + seed);
    assertEquals(p.assignedCount(), root.get("assignedCount").intValue(), "assignedCount, seed " + seed);
    List<SegmentProfile> all = p.all();
    JsonNode groups = root.get("groups");
    assertEquals(all.size(), groups.size(), "groups, seed " + seed);
    for (int i = 0; i < all.size(); i++) {
      SegmentProfile gp = all.get(i);
      JsonNode gn = groups.get(i);
      String what = " of group " + gp.id() + ", seed " + seed;
      assertEquals(gp.id(), gn.get("id").textValue(), "id" + what);
      assertEquals(gp.name(), gn.get("name").textValue(), "name" + what);
      assertEquals(gp.accountCount(), gn.get("accounts").intValue(), "accounts" + what);
      assertNumber(gp.accountShare(), gn.get("accountShare"), "accountShare" + what);
      for (int j = 0; j < gp.numeric().size(); j++) {
        NumericStats s = gp.numeric().get(j);
        JsonNode sn = gn.get("numeric").get(j);
        String w = " of " + s.column() + what;
        assertEquals(s.column(), sn.get("column").textValue(), "column" + w);
        assertEquals(s.count(), sn.get("count").intValue(), "count" + w);
        assertEquals(s.missing(), sn.get("missing").intValue(), "missing" + w);
        assertNumber(s.sum(), sn.get("sum"), "sum" + w);
        assertNumber(s.mean(), sn.get("mean"), "mean" + w);
        assertNumber(s.median(), sn.get("median"), "median" + w);
        assertNumber(s.min(), sn.get("min"), "min" + w);
        assertNumber(s.max(), sn.get("max"), "max" + w);
      }
      for (int j = 0; j < gp.valueShares().size(); j++) {
        ValueShare v = gp.valueShares().get(j);
        assertNumber(v.share(), gn.get("valueShares").get(j).get("share"), "value share" + what);
      }
      for (int j = 0; j < gp.categorical().size(); j++) {
        CategoryStats cs = gp.categorical().get(j);
        JsonNode top = gn.get("categorical").get(j).get("top");
        assertEquals(cs.top().size(), top.size(), "top size" + what);
        for (int r = 0; r < cs.top().size(); r++) {
          CategoryCount cc = cs.top().get(r);
          assertEquals(cc.label(), top.get(r).get("label").textValue(), "label" + what);
          assertEquals(cc.count(), top.get(r).get("count").intValue(), "category count" + what);
          assertNumber(cc.share(), top.get(r).get("share"), "category share" + what);
        }
      }
    }
  }

  private static void assertNumber(double expected, JsonNode node, String message) {
    if (!Double.isFinite(expected)) {
      assertTrue(node.isNull(), message + ": non-finite written as null, was " + node);
    } else {
      assertTrue(node.isNumber(), message + ": a number, was " + node);
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(node.doubleValue()),
          message + ": exact (" + expected + " vs " + node + ")");
    }
  }
}
