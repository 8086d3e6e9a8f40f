package dev.segmentation.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.SegmentationException;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Embedding example: a small multi-tenant HTTP JSON service built only on the JDK's {@code
 * com.sun.net.httpserver} and Jackson. Models are immutable and thread-safe, so the per-tenant store is a
 * plain {@link ConcurrentHashMap} and requests need no locks.
 *
 * <table>
 *   <caption>Endpoints (all bodies UTF-8)</caption>
 *   <tr><th>request</th><th>body</th><th>answer</th></tr>
 *   <tr><td>{@code POST /v1/tenants/{t}/model}</td>
 *       <td>JSON {@code {"accountsCsv": "...", "categorical": ["Region"], "criteria": {criteria JSON},
 *       "clusters": 4, "restarts": 10, "seed": 7}}</td>
 *       <td>{@code 201}, JSON summary of the fitted k-means model (kept for tenant t)</td></tr>
 *   <tr><td>{@code GET /v1/tenants/{t}/model}</td><td>-</td><td>the model JSON ({@link ModelJson})</td></tr>
 *   <tr><td>{@code POST /v1/tenants/{t}/segments}</td><td>CSV of accounts</td>
 *       <td>JSON array of {@code {"id", "segment", "name"}} or {@code {"id", "reason", "detail"}}</td></tr>
 *   <tr><td>{@code POST /v1/tenants/{t}/plan}</td>
 *       <td>JSON {@code {"accountsCsv", "categorical", "revenueColumn", "potentialColumn", "fieldHours",
 *       "insideHours", "budget"}}</td>
 *       <td>the coverage plan JSON ({@link AllocationJson}) for the tenant's segments</td></tr>
 * </table>
 *
 * <p>Errors are JSON {@code {"error": "..."}}: 400 for bad input (the library's message names the
 * line, column or JSON path), 404 for an unknown tenant or path, 405 for a wrong method, 500 otherwise.
 */
public final class SegmentationService implements AutoCloseable {

  private static final Pattern PATH = Pattern.compile("/v1/tenants/([A-Za-z0-9_.-]{1,64})/(model|segments|plan)");

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, KMeansModel> models = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final ExecutorService executor;

  private SegmentationService(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the service on the loopback interface.
   *
   * @param port the port, 0 for an ephemeral one
   * @param threads request threads
   * @return the running service
   * @throws IOException when the port cannot be bound
   */
  public static SegmentationService start(int port, int threads) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    SegmentationService service = new SegmentationService(server, executor);
    server.createContext("/v1/tenants/", service::handle);
    server.setExecutor(executor);
    server.start();
    return service;
  }

  /**
   * Returns the bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Returns a tenant's model, if one was fitted.
   *
   * @param tenant the tenant id
   * @return the model
   */
  public Optional<KMeansModel> model(String tenant) {
    return Optional.ofNullable(models.get(tenant));
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the service until the process is stopped.
   *
   * @param args optional port (default 8080)
   * @throws IOException when the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    SegmentationService s = start(port, 8);
    System.out.println("Listening on http://127.0.0.1:" + s.port() + "/v1/tenants/{tenant}/...");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Matcher m = PATH.matcher(ex.getRequestURI().getPath());
      if (!m.matches()) {
        send(ex, 404, error("No such resource: " + ex.getRequestURI().getPath()));
        return;
      }
      String tenant = m.group(1);
      String resource = m.group(2);
      String method = ex.getRequestMethod();
      try {
        if (resource.equals("model") && method.equals("POST")) {
          send(ex, 201, fit(tenant, mapper.readTree(body(ex))));
        } else if (resource.equals("model") && method.equals("GET")) {
          send(ex, 200, ModelJson.write(tenantModel(tenant)));
        } else if (resource.equals("segments") && method.equals("POST")) {
          send(ex, 200, segments(tenant, body(ex)));
        } else if (resource.equals("plan") && method.equals("POST")) {
          send(ex, 200, plan(tenant, mapper.readTree(body(ex))));
        } else {
          send(ex, 405, error(method + " is not allowed on " + resource));
        }
      } catch (UnknownTenantException e) {
        send(ex, 404, error(e.getMessage()));
      } catch (SegmentationException | IllegalArgumentException | IOException e) {
        send(ex, 400, error(e.getMessage()));
      } catch (RuntimeException e) {
        send(ex, 500, error("Internal error: " + e));
      }
    }
  }

  private String fit(String tenant, JsonNode req) throws IOException {
    AccountTable accounts = table(text(req, "accountsCsv"), req.path("categorical"));
    Criteria criteria = ModelJson.readCriteria(mapper.writeValueAsString(required(req, "criteria")));
    KMeansModel model = KMeans.builder()
        .clusters(req.path("clusters").asInt(4))
        .restarts(req.path("restarts").asInt(10))
        .seed(req.path("seed").asLong(7L))
        .parallelism(1)
        .build()
        .fit(accounts, criteria);
    models.put(tenant, model);
    ObjectNode out = mapper.createObjectNode();
    out.put("tenant", tenant);
    out.put("clusters", model.clusters());
    out.put("inertia", model.inertia());
    ArrayNode names = out.putArray("segments");
    model.segments().forEach(s -> names.addObject().put("id", s.id()).put("name", s.name()));
    return mapper.writeValueAsString(out);
  }

  private String segments(String tenant, String csv) throws IOException {
    KMeansModel model = tenantModel(tenant);
    AccountTable accounts = AccountTable.readCsv(new StringReader(csv), CsvOptions.defaults());
    Segmentation seg = model.assign(accounts);
    ArrayNode out = mapper.createArrayNode();
    for (Assignment a : seg.assignments()) {
      ObjectNode o = out.addObject().put("id", a.accountId());
      if (a.isAssigned()) {
        o.put("segment", seg.segments().get(a.segment()).id());
        o.put("name", seg.segments().get(a.segment()).name());
      } else {
        o.put("reason", a.reason().name());
        o.put("detail", a.detail());
      }
    }
    return mapper.writeValueAsString(out);
  }

  private String plan(String tenant, JsonNode req) {
    KMeansModel model = tenantModel(tenant);
    AccountTable accounts = table(text(req, "accountsCsv"), req.path("categorical"));
    Segmentation seg = model.assign(accounts);
    AllocationProblem problem = AllocationProblem.builder()
        .accounts(seg)
        .role(Role.of("field", req.path("fieldHours").asDouble(1_000)))
        .role(Role.of("inside", req.path("insideHours").asDouble(500)))
        .budget(req.path("budget").asDouble(50_000))
        .option(CoverageOption.builder("field-12", Channel.FIELD).hours("field", 24)
            .cost(480).retention(0.97).effort(12).build())
        .option(CoverageOption.builder("field-4", Channel.FIELD).hours("field", 8)
            .cost(160).retention(0.94).effort(4).build())
        .option(CoverageOption.builder("inside-6", Channel.INSIDE).hours("inside", 3)
            .cost(12).retention(0.92).effort(3).build())
        .option(CoverageOption.builder("web-shop", Channel.DIGITAL).cost(15).retention(0.80)
            .effort(0.5).build())
        .responseModel(new ResponseModel(text(req, "revenueColumn"), text(req, "potentialColumn"),
            0.3, 4, 1.0))
        .parallelism(1)
        .build();
    AllocationPlan plan = problem.solve();
    return AllocationJson.write(plan);
  }

  private AccountTable table(String csv, JsonNode categorical) {
    CsvOptions options = CsvOptions.defaults();
    for (JsonNode c : categorical) {
      options = options.columnType(c.asText(), ColumnType.CATEGORICAL);
    }
    return AccountTable.readCsv(new StringReader(csv), options);
  }

  private KMeansModel tenantModel(String tenant) {
    KMeansModel model = models.get(tenant);
    if (model == null) {
      throw new UnknownTenantException("Tenant '" + tenant + "' has no model; POST /v1/tenants/"
          + tenant + "/model first.");
    }
    return model;
  }

  private static JsonNode required(JsonNode req, String field) {
    JsonNode v = req.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("Request field '" + field + "' is missing.");
    }
    return v;
  }

  private static String text(JsonNode req, String field) {
    JsonNode v = required(req, field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("Request field '" + field + "' must be a string, was "
          + v.getNodeType());
    }
    return v.asText();
  }

  private String error(String message) {
    return mapper.createObjectNode().put("error", message).toString();
  }

  private static String body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A request named a tenant without a model. */
  private static final class UnknownTenantException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownTenantException(String message) {
      super(message);
    }
  }
}
