package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.KMeansModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SegmentationServiceTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static SegmentationService service;
  private static HttpClient client;
  private static String csv;

  @BeforeAll
  static void start() throws Exception {
    service = SegmentationService.start(0, 8);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    csv = Files.readString(BundledData.path("wholesale_customers.csv"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static HttpResponse<String> call(String method, String path, String body) throws Exception {
    return client.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private static String fitRequest(int clusters, long seed) throws Exception {
    Criteria criteria = Criteria.builder()
        .numeric("Fresh").log1p().standardize()
        .numeric("Milk").log1p().standardize()
        .numeric("Grocery").log1p().standardize()
        .build();
    ObjectNode req = MAPPER.createObjectNode();
    req.put("accountsCsv", csv);
    req.putArray("categorical").add("Channel").add("Region");
    req.set("criteria", MAPPER.readTree(ModelJson.write(criteria)));
    req.put("clusters", clusters).put("restarts", 5).put("seed", seed);
    return MAPPER.writeValueAsString(req);
  }

  @Test
  void tenantsFitSegmentAndPlanUnder200ConcurrentRequests() throws Exception {
    HttpResponse<String> acme = call("POST", "/v1/tenants/acme/model", fitRequest(3, 1));
    HttpResponse<String> globex = call("POST", "/v1/tenants/globex/model", fitRequest(5, 2));
    assertEquals(201, acme.statusCode(), acme.body());
    assertEquals(201, globex.statusCode(), globex.body());
    assertEquals(3, MAPPER.readTree(acme.body()).get("clusters").asInt());

    // The stored model travels as JSON and reads back equal.
    HttpResponse<String> modelJson = call("GET", "/v1/tenants/acme/model", null);
    KMeansModel acmeModel = service.model("acme").orElseThrow();
    assertEquals(acmeModel, ModelJson.readKMeansModel(modelJson.body()), "GET model round trip");

    // Reference answers, one request at a time.
    String acmeOne = call("POST", "/v1/tenants/acme/segments", csv).body();
    String globexOne = call("POST", "/v1/tenants/globex/segments", csv).body();
    JsonNode acmeSegments = MAPPER.readTree(acmeOne);
    assertEquals(440, acmeSegments.size(), "one answer per account");
    AccountTable table = AccountTable.readCsv(BundledData.path("wholesale_customers.csv"));
    var direct = acmeModel.assign(table);
    for (int i = 0; i < 440; i++) {
      assertEquals(direct.segments().get(direct.segmentIndex(i)).id(),
          acmeSegments.get(i).get("segment").asText(), "account row " + i);
    }

    // 200 concurrent requests over both tenants: all answered, none lost, all identical.
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String tenant = i % 2 == 0 ? "acme" : "globex";
      futures.add(client.sendAsync(request("POST", "/v1/tenants/" + tenant + "/segments", csv),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> r = futures.get(i).join();
      assertEquals(200, r.statusCode(), "request " + i + ": " + r.body());
      assertEquals(i % 2 == 0 ? acmeOne : globexOne, r.body(), "request " + i);
    }

    // A plan for the tenant's segments, under the requested limits.
    String withPotential = "id,Fresh,Milk,Grocery,revenue,potential\n"
        + "a1,12669,9656,7561,29886,40000\n"
        + "a2,7057,9810,9568,26435,30000\n"
        + "a3,6353,8808,7684,22845,50000\n"
        + "a4,13265,1196,4221,18682,20000\n";
    ObjectNode planReq = MAPPER.createObjectNode();
    planReq.put("accountsCsv", withPotential).put("revenueColumn", "revenue")
        .put("potentialColumn", "potential").put("fieldHours", 30).put("insideHours", 10)
        .put("budget", 1000);
    HttpResponse<String> planResponse = call("POST", "/v1/tenants/acme/plan",
        MAPPER.writeValueAsString(planReq));
    assertEquals(200, planResponse.statusCode(), planResponse.body());
    AllocationPlan plan = AllocationJson.readPlan(planResponse.body());
    assertEquals(4, plan.accountIds().size());
    plan.limits().forEach(u -> assertTrue(u.used() <= u.capacity() + 1e-9, "limit " + u));
  }

  @Test
  void errorsAreJsonWithTheRightStatus() throws Exception {
    HttpResponse<String> unknown = call("POST", "/v1/tenants/nobody/segments", "id,x\na,1\n");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("Tenant 'nobody' has no model"), unknown.body());

    call("POST", "/v1/tenants/errs/model", fitRequest(2, 3));
    HttpResponse<String> ragged = call("POST", "/v1/tenants/errs/segments",
        "id,Fresh,Milk,Grocery\na,1,2,3\nb,1,2\n");
    assertEquals(400, ragged.statusCode(), ragged.body());
    assertTrue(ragged.body().contains("Line 3 has 3 fields"), ragged.body());

    HttpResponse<String> badJson = call("POST", "/v1/tenants/errs/model", "{\"accountsCsv\": ");
    assertEquals(400, badJson.statusCode(), badJson.body());

    HttpResponse<String> missing = call("POST", "/v1/tenants/errs/model", "{}");
    assertEquals(400, missing.statusCode());
    assertTrue(missing.body().contains("'accountsCsv' is missing"), missing.body());

    assertEquals(405, call("DELETE", "/v1/tenants/errs/model", null).statusCode());
    assertEquals(404, call("GET", "/v1/tenants/errs/other", null).statusCode());
  }
}
