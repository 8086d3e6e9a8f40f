package dev.segmentation.allocation.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.capacity.CapacityPlan;
import dev.segmentation.allocation.capacity.MarginalRepValue;
import dev.segmentation.allocation.capacity.MarginalRepValues;
import dev.segmentation.allocation.capacity.RoleCapacity;
import dev.segmentation.allocation.capacity.SegmentDemand;
import dev.segmentation.allocation.capacity.WhatIfCurve;
import dev.segmentation.allocation.capacity.WhatIfStatus;
import dev.segmentation.allocation.capacity.WhatIfPoint;
import dev.segmentation.allocation.quota.AttainmentReport;
import dev.segmentation.allocation.quota.AttainmentTracker;
import dev.segmentation.allocation.quota.QuotaPlan;
import dev.segmentation.allocation.quota.QuotaPlanner;
import dev.segmentation.allocation.quota.RepFigures;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlanningJsonTest {

  private static final ObjectMapper TREES = new ObjectMapper();
  private static final double NA = Double.NaN;

  static CapacityPlan goldenCapacityPlan() {
    Map<String, Double> a = new LinkedHashMap<>();
    a.put("field", 2500.0);
    a.put("inside", 0.0);
    Map<String, Double> b = new LinkedHashMap<>();
    b.put("field", 700.0);
    b.put("inside", 600.0);
    Map<String, Double> none = new LinkedHashMap<>();
    none.put("field", 0.0);
    none.put("inside", 400.0);
    return new CapacityPlan(List.of(new RoleCapacity("field", 3200, 4000, 1600, 0.8),
        new RoleCapacity("inside", 1000, 800, 1700, 0.85)),
        List.of(new SegmentDemand("A", 10, a), new SegmentDemand("B", 25, b),
            new SegmentDemand("", 40, none)));
  }

  static WhatIfCurve goldenWhatIfCurve() {
    return new WhatIfCurve(LimitKind.ROLE_HOURS, "field", List.of(
        new WhatIfPoint(0, PlanStatus.INFEASIBLE, NA, NA, NA, NA, NA, NA, NA, NA),
        new WhatIfPoint(100, PlanStatus.OPTIMAL, 500, 700, 200, 100, 500, 500, 0, 2.5),
        new WhatIfPoint(200, PlanStatus.FEASIBLE, 600, 820, 220, 200, 600, 615, 0.024390243902439025,
            1.25),
        new WhatIfPoint(300, PlanStatus.FEASIBLE, 600, 820, 220, 200, 590, 640, 0.0625, 0.5)));
  }

  static MarginalRepValues goldenMarginalRepValues() {
    return new MarginalRepValues(PlanStatus.OPTIMAL, List.of(
        new MarginalRepValue("field", 4000, 1280, 25300, 27100, 1800, 1.5, 1920, PlanStatus.OPTIMAL),
        new MarginalRepValue("inside", 800, 1445, 25300, 25300, 0, 0, 0, PlanStatus.FEASIBLE)));
  }

  static QuotaPlan goldenQuotaPlan() {
    return QuotaPlanner.builder().target(1000).unit(10).maxIncrease(0.2).maxDecrease(0.1).build()
        .split(List.of(RepFigures.of("ana", 600, 600).withLastYearQuota(400),
            RepFigures.of("ben", 300, 300), RepFigures.of("cy", 100, 100).withLastYearQuota(150)));
  }

  static AttainmentReport goldenAttainmentReport() {
    AccountTable t = AccountTable.of(new String[] {"c1", "c2", "c3", "c4", "c5", "c6"},
        CategoricalColumn.of("rep", new String[] {"ana", "ana", "ben", "ben", null, "ana"}),
        CategoricalColumn.of("tier", new String[] {"A", "B", "A", null, "B", "A"}),
        NumericColumn.of("revenue", new double[] {300, 50, 120, 10, 40, 100}),
        NumericColumn.of("potential", new double[] {1000, 0, 400, 0, 100, 500}));
    return AttainmentTracker.builder().ownerColumn("rep").revenueColumn("revenue")
        .potentialColumn("potential").segmentColumn("tier").build()
        .track(t, Map.of("ana", 500.0, "ben", 0.0, "cy", 200.0));
  }

  private static <T> void golden(String file, T fresh, Function<T, String> write,
      Function<String, T> read) throws Exception {
    String golden = resource("json/v1/" + file);
    assertEquals(TREES.readTree(golden), TREES.readTree(write.apply(fresh)),
        file + ": freshly written document equals the golden file as JSON trees");
    T loaded = read.apply(golden);
    assertEquals(fresh, loaded, file + ": golden file reads to the fresh object");
    assertEquals(TREES.readTree(golden), TREES.readTree(write.apply(loaded)),
        file + ": re-written golden file");
    assertEquals(write.apply(fresh), write.apply(fresh), file + ": same bytes twice");
  }

  @Test
  void goldenFilesV1() throws Exception {
    golden("capacity-plan.json", goldenCapacityPlan(), PlanningJson::write,
        PlanningJson::readCapacityPlan);
    golden("what-if-curve.json", goldenWhatIfCurve(), PlanningJson::write,
        PlanningJson::readWhatIfCurve);
    golden("marginal-rep-values.json", goldenMarginalRepValues(), PlanningJson::write,
        PlanningJson::readMarginalRepValues);
    golden("quota-plan.json", goldenQuotaPlan(), PlanningJson::write, PlanningJson::readQuotaPlan);
    golden("attainment-report.json", goldenAttainmentReport(), PlanningJson::write,
        PlanningJson::readAttainmentReport);
  }

  @Test
  void goldenQuotaPlanNumbers() {
    // shares 60/30/10 %: ana capped at +20% (480), cy held at -10% (135, on the grid 140), ben the rest
    QuotaPlan p = goldenQuotaPlan();
    assertEquals(480, p.rep("ana").quota(), 0, "ana at +20%");
    assertEquals(140, p.rep("cy").quota(), 0, "cy at -10% of 150 = 135, rounded up to the unit grid");
    assertEquals(380, p.rep("ben").quota(), 0, "ben takes the rest");
  }

  private static void rejects(String json, Function<String, ?> read, String path, String text) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> read.apply(json));
    assertEquals(path, e.jsonPath().orElse(null), e.getMessage());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @Test
  void readingIsStrict() throws Exception {
    String capacity = resource("json/v1/capacity-plan.json");
    rejects(capacity.replace("\"headcount\": 3", "\"headcount\": 4"),
        PlanningJson::readCapacityPlan, "$.roles[0].headcount", "rounded up is 3");
    rejects(capacity.replace("\"utilisation\": 0.8", "\"utilisation\": 1.8"),
        PlanningJson::readCapacityPlan, "$.roles[0]", "(0, 1]");
    rejects(capacity.replace("\"roles\"", "\"extra\": 1, \"roles\""),
        PlanningJson::readCapacityPlan, "$.extra", "Unknown field");
    String quota = resource("json/v1/quota-plan.json");
    rejects(quota.replace("\"units\": 48", "\"units\": 49"), PlanningJson::readQuotaPlan,
        "$.reps[0].quota", "units x unit is 490.0");
    rejects(quota.replace("\"target\": 1000.0", "\"target\": 1010.0"), PlanningJson::readQuotaPlan,
        "$", "add up to 100 units");
    rejects(quota, PlanningJson::readCapacityPlan, "$.kind", "readQuotaPlan");
    String curve = resource("json/v1/what-if-curve.json");
    rejects(curve.replace("\"objective\": 600.0", "\"objective\": 400.0"),
        PlanningJson::readWhatIfCurve, "$", "must not decrease");
    String att = resource("json/v1/attainment-report.json");
    rejects(att.replace("\"attainment\": 0.9", "\"attainment\": 0.8"),
        PlanningJson::readAttainmentReport, "$.reps[0].attainment", "revenue / quota");
  }

  @Test
  void whatIfStatusRoundTripsAndIsRequired() throws Exception {
    WhatIfCurve full = goldenWhatIfCurve();
    for (WhatIfStatus st : WhatIfStatus.values()) {
      WhatIfCurve c = new WhatIfCurve(full.resource(), full.resourceName(),
          full.points().subList(0, 2), st);
      WhatIfCurve back = PlanningJson.readWhatIfCurve(PlanningJson.write(c));
      assertEquals(c, back, st.toString());
      assertEquals(st, back.status());
    }
    // the status is required, like every field of a version-1 document
    String without = resource("json/v1/what-if-curve.json").replace("  \"status\": \"COMPLETE\",\n", "");
    rejects(without, PlanningJson::readWhatIfCurve, "$.status", "Missing field");
  }

  private static String resource(String name) throws IOException, URISyntaxException {
    URL url = PlanningJsonTest.class.getClassLoader().getResource(name);
    assertNotNull(url, "test resource " + name);
    return Files.readString(Path.of(url.toURI()), StandardCharsets.UTF_8);
  }
}
