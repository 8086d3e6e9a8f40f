package dev.segmentation.cli.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.cli.spec.ModelSpec.AbcSpec;
import dev.segmentation.cli.spec.ModelSpec.KMeansSpec;
import dev.segmentation.cli.spec.ModelSpec.QuantileSpec;
import dev.segmentation.cli.spec.ModelSpec.RuleSpec;
import dev.segmentation.cli.spec.ModelSpec.RuleText;
import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.AbcRule;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansAlgorithm;
import dev.segmentation.core.model.KMeansInit;
import dev.segmentation.core.model.KSelection;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes {@code "segmentation-spec"} documents (schema in docs/json.md).
 *
 * <p>Reading is strict like the library's readers: the envelope must be
 * {@code {"schemaVersion": 1, "kind": "segmentation-spec"}}, unknown fields are rejected, and every
 * value is checked by the library builder it configures; failures are {@link ModelFormatException}s
 * whose message and path name the place ({@code $.model.clusters}). Unlike the library's documents,
 * optional fields may be left out (their defaults are the library defaults), because specs are
 * written by hand. The embedded {@code "criteria"} object is a complete {@code "criteria"} document
 * read by {@link ModelJson#readCriteria(String)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SpecJson {

  /** The kind of a spec document. */
  public static final String KIND = "segmentation-spec";

  /** The schema version written and the newest read. */
  public static final int SCHEMA_VERSION = 1;

  private static final String ROOT = "$";

  private SpecJson() {}

  /**
   * Reads a spec file (UTF-8).
   *
   * @param file the file
   * @return the spec
   * @throws ModelFormatException when the document is invalid; the message starts with the file name
   * @throws UncheckedIOException when the file cannot be read
   */
  public static SegmentationSpec read(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read spec file " + file + ": " + e.getMessage(), e);
    }
    try {
      return read(text);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e.jsonPath().orElse(null), e);
    }
  }

  /**
   * Reads a spec document.
   *
   * @param json the JSON text
   * @return the spec
   * @throws ModelFormatException when the document is invalid; the message and path name the place
   */
  public static SegmentationSpec read(String json) {
    Objects.requireNonNull(json, "json");
    JsonFields root = JsonFields.of(JsonFields.parse(json), ROOT);
    checkEnvelope(root, KIND);
    root.allowOnly("schemaVersion", "kind", "criteria", "model");
    Criteria criteria = root.has("criteria") ? readCriteria(root.get("criteria"),
        root.pathOf("criteria")) : null;
    ModelSpec model = readModel(root.object("model"), criteria);
    boolean usesCriteria = model instanceof KMeansSpec
        || (model instanceof QuantileSpec q && q.column() == null);
    if (criteria != null && !usesCriteria) {
      throw new ModelFormatException("\"criteria\" at $.criteria is not used by the \""
          + model.type() + "\" model" + (model instanceof QuantileSpec
              ? " with a \"column\"; remove it, or remove \"column\" to bin the criteria score."
              : "; remove it."), "$.criteria", null);
    }
    return new SegmentationSpec(criteria, model);
  }

  static void checkEnvelope(JsonFields root, String kind) {
    String vp = root.pathOf("schemaVersion");
    JsonNode v = root.get("schemaVersion");
    if (v == null) {
      throw new ModelFormatException("Missing field \"schemaVersion\" at " + vp
          + "; expected {\"schemaVersion\": " + SCHEMA_VERSION + ", \"kind\": \"" + kind + "\"}.",
          vp, null);
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
      throw new ModelFormatException("\"schemaVersion\" at " + vp + " must be a positive integer, was "
          + JsonFields.describe(v) + ".", vp, null);
    }
    if (v.intValue() > SCHEMA_VERSION) {
      throw new ModelFormatException("schemaVersion " + v.intValue() + " at " + vp
          + " is newer than this version of the command line supports (" + SCHEMA_VERSION
          + "); upgrade segmentation-cli to read this document.", vp, null);
    }
    String kp = root.pathOf("kind");
    JsonNode k = root.get("kind");
    if (k == null || !k.isTextual() || !k.textValue().equals(kind)) {
      throw new ModelFormatException("Expected a \"" + kind + "\" document but \"kind\" at " + kp
          + " is " + JsonFields.describe(k) + ".", kp, null);
    }
  }

  private static Criteria readCriteria(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new ModelFormatException("\"criteria\" at " + path + " must be a \"criteria\" document "
          + "(an object), was " + JsonFields.describe(node) + ".", path, null);
    }
    String text;
    try {
      text = JsonFields.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot re-serialise a parsed JSON tree", e);
    }
    try {
      return ModelJson.readCriteria(text);
    } catch (ModelFormatException e) {
      String inner = e.jsonPath().orElse(ROOT);
      String outer = path + inner.substring(1);
      String msg = e.getMessage().replace("$.", path + ".").replace("$[", path + "[");
      if (!msg.contains(path)) {
        msg = "In the criteria at " + path + ": " + msg;
      }
      throw new ModelFormatException(msg, outer, e);
    }
  }

  private static ModelSpec readModel(JsonFields m, Criteria criteria) {
    String type = m.string("type");
    switch (type) {
      case "kmeans":
        return readKMeans(m, criteria);
      case "quantile":
        return readQuantile(m, criteria);
      case "abc":
        return readAbc(m);
      case "rule":
        return readRule(m);
      default:
        throw new ModelFormatException("\"type\" at " + m.pathOf("type") + " is \"" + type
            + "\"; expected one of: kmeans, quantile, abc, rule.", m.pathOf("type"), null);
    }
  }

  private static KMeansSpec readKMeans(JsonFields m, Criteria criteria) {
    m.allowOnly("type", "clusters", "kRange", "restarts", "maxIterations", "tolerance", "seed", "init",
        "algorithm", "weightColumn", "exactSilhouetteLimit", "names");
    requireCriteria(m, criteria, "k-means");
    boolean fixed = m.has("clusters");
    boolean range = m.has("kRange");
    if (fixed == range) {
      throw new ModelFormatException("The k-means model at " + m.path() + " needs exactly one of "
          + "\"clusters\" (a fixed k) and \"kRange\" ({\"from\": 2, \"to\": 8}: k chosen by the "
          + "highest mean silhouette), " + (fixed ? "had both" : "had neither") + ".", m.path(), null);
    }
    int minK;
    int maxK;
    int exact = 20_000;
    KSelection.Builder selection = KSelection.builder();
    if (fixed) {
      minK = m.integer("clusters");
      maxK = minK;
      if (m.has("exactSilhouetteLimit")) {
        throw new ModelFormatException("\"exactSilhouetteLimit\" at " + m.pathOf("exactSilhouetteLimit")
            + " applies only with \"kRange\".", m.pathOf("exactSilhouetteLimit"), null);
      }
    } else {
      JsonFields r = m.object("kRange");
      r.allowOnly("from", "to");
      minK = r.integer("from");
      maxK = r.integer("to");
      try {
        selection.range(minK, maxK);
      } catch (IllegalArgumentException e) {
        throw m.invalid("kRange", e);
      }
      exact = m.optInt("exactSilhouetteLimit", exact);
      try {
        selection.exactSilhouetteLimit(exact);
      } catch (IllegalArgumentException e) {
        throw m.invalid("exactSilhouetteLimit", e);
      }
    }
    KMeans.Builder b = KMeans.builder();
    try {
      b.clusters(minK);
    } catch (IllegalArgumentException e) {
      throw m.invalid("clusters", e);
    }
    set(m, "restarts", () -> b.restarts(m.optInt("restarts", 10)));
    set(m, "maxIterations", () -> b.maxIterations(m.optInt("maxIterations", 300)));
    set(m, "tolerance", () -> b.tolerance(m.optDouble("tolerance", 0.0)));
    b.seed(m.optLong("seed", KMeans.DEFAULT_SEED));
    KMeansInit init = m.optEnum("init", KMeansInit.class, KMeansInit.K_MEANS_PLUS_PLUS);
    set(m, "init", () -> b.init(init));
    b.algorithm(m.optEnum("algorithm", KMeansAlgorithm.class, KMeansAlgorithm.HAMERLY));
    if (m.has("weightColumn")) {
      String w = m.string("weightColumn");
      set(m, "weightColumn", () -> b.weights(w));
    }
    List<String> names = m.has("names") ? m.strings("names") : List.of();
    if (!names.isEmpty() && (fixed ? names.size() != minK : true)) {
      throw new ModelFormatException("\"names\" at " + m.pathOf("names") + " has " + names.size()
          + " names; " + (fixed ? "expected one per cluster (" + minK + ")"
              : "names need a fixed \"clusters\", not a \"kRange\"") + ".", m.pathOf("names"), null);
    }
    return new KMeansSpec(b.build(), range, minK, maxK, exact, names);
  }

  private static QuantileSpec readQuantile(JsonFields m, Criteria criteria) {
    m.allowOnly("type", "column", "bins", "probabilities", "method", "names");
    String column = m.optString("column", null);
    if (column == null) {
      requireCriteria(m, criteria, "a quantile model without \"column\" (bins of the criteria score)");
    }
    boolean bins = m.has("bins");
    boolean probs = m.has("probabilities");
    if (bins == probs) {
      throw new ModelFormatException("The quantile model at " + m.path() + " needs exactly one of "
          + "\"bins\" (10 for deciles) and \"probabilities\", " + (bins ? "had both" : "had neither")
          + ".", m.path(), null);
    }
    QuantileModel.Builder b = QuantileModel.builder();
    if (column != null) {
      set(m, "column", () -> b.column(column));
    } else {
      try {
        b.score(criteria);
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException("The criteria at $.criteria cannot be a quantile score: "
            + e.getMessage(), "$.criteria", e);
      }
    }
    int k = bins ? m.integer("bins") : 0;
    double[] p = probs ? m.numbers("probabilities") : new double[0];
    if (bins) {
      set(m, "bins", () -> b.bins(k));
    } else {
      set(m, "probabilities", () -> b.probabilities(p));
    }
    QuantileMethod method = m.optEnum("method", QuantileMethod.class, QuantileMethod.TYPE_7);
    List<String> names = m.has("names") ? m.strings("names") : List.of();
    int count = bins ? k : p.length + 1;
    if (!names.isEmpty() && names.size() != count) {
      throw new ModelFormatException("\"names\" at " + m.pathOf("names") + " has " + names.size()
          + " names; expected one per bin (" + count + ").", m.pathOf("names"), null);
    }
    return new QuantileSpec(column, k, p, method, names);
  }

  private static AbcSpec readAbc(JsonFields m) {
    m.allowOnly("type", "column", "thresholds", "rule", "names");
    String column = m.string("column");
    double[] t = m.has("thresholds") ? m.numbers("thresholds") : new double[] {0.80, 0.95};
    set(m, "thresholds", () -> AbcModel.builder().thresholds(t));
    AbcRule rule = m.optEnum("rule", AbcRule.class, AbcRule.PRIMARY);
    List<String> names = m.has("names") ? m.strings("names") : List.of();
    if (!names.isEmpty() && names.size() != t.length + 1) {
      throw new ModelFormatException("\"names\" at " + m.pathOf("names") + " has " + names.size()
          + " names; expected one per class (" + (t.length + 1) + ").", m.pathOf("names"), null);
    }
    return new AbcSpec(column, t, rule, names);
  }

  private static RuleSpec readRule(JsonFields m) {
    m.allowOnly("type", "rules", "otherwise");
    JsonNode rules = m.require("rules", "an array of rules");
    if (!rules.isArray()) {
      throw m.wrongType("rules", rules, "an array of {\"name\", \"when\"} objects");
    }
    RuleModel.Builder b = RuleModel.builder();
    List<RuleText> texts = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonFields r = JsonFields.of(rules.get(i), m.pathOf("rules") + "[" + i + "]");
      r.allowOnly("id", "name", "description", "when");
      RuleText t = new RuleText(r.optString("id", null), r.string("name"),
          r.has("description") ? r.string("description") : null, r.string("when"));
      try {
        RuleModel.RuleStep step = t.id() == null ? b.segment(t.name()) : b.segment(t.id(), t.name());
        if (t.description() != null) {
          step.description(t.description());
        }
        step.when(t.when());
      } catch (ConditionSyntaxException e) {
        throw new ModelFormatException("Condition at " + r.pathOf("when") + " does not parse: "
            + e.getMessage(), r.pathOf("when"), e);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ModelFormatException("Invalid rule at " + r.path() + ": " + e.getMessage(),
            r.path(), e);
      }
      texts.add(t);
    }
    RuleText otherwise = null;
    RuleModel model;
    try {
      if (m.has("otherwise")) {
        JsonFields o = m.object("otherwise");
        o.allowOnly("id", "name", "description");
        otherwise = new RuleText(o.optString("id", null), o.string("name"),
            o.has("description") ? o.string("description") : null, null);
        RuleModel.DefaultStep d = otherwise.id() == null ? b.otherwise(otherwise.name())
            : b.otherwise(otherwise.id(), otherwise.name());
        if (otherwise.description() != null) {
          d.description(otherwise.description());
        }
      }
      model = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ModelFormatException("Invalid rule model at " + m.path() + ": " + e.getMessage(),
          m.path(), e);
    }
    return new RuleSpec(model, texts, otherwise);
  }

  private static void requireCriteria(JsonFields m, Criteria criteria, String what) {
    if (criteria == null) {
      throw new ModelFormatException(what + " at " + m.path() + " needs \"criteria\" at $.criteria "
          + "(a \"criteria\" document).", "$.criteria", null);
    }
  }

  private static void set(JsonFields m, String field, Runnable call) {
    try {
      call.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw m.invalid(field, e);
    }
  }

  // ------------------------------------------------------------------------------------ writing

  /**
   * Writes a spec in the fixed field order of docs/json.md, pretty-printed with two-space indents and
   * {@code \n} line ends; optional fields are written with their values, never left out.
   *
   * @param spec the spec
   * @return the JSON text without a trailing line feed
   */
  public static String write(SegmentationSpec spec) {
    Objects.requireNonNull(spec, "spec");
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("kind", KIND);
    if (spec.criteria() != null) {
      root.set("criteria", JsonFields.parse(ModelJson.write(spec.criteria())));
    } else {
      root.putNull("criteria");
    }
    ObjectNode m = root.putObject("model");
    m.put("type", spec.model().type());
    if (spec.model() instanceof KMeansSpec k) {
      if (k.selectK()) {
        ObjectNode r = m.putObject("kRange");
        r.put("from", k.minK());
        r.put("to", k.maxK());
      } else {
        m.put("clusters", k.minK());
      }
      KMeans km = k.kmeans();
      m.put("restarts", km.restarts());
      m.put("maxIterations", km.maxIterations());
      m.put("tolerance", km.tolerance());
      m.put("seed", km.seed());
      m.put("init", km.init().name());
      m.put("algorithm", km.algorithm().name());
      if (km.weightColumn().isPresent()) {
        m.put("weightColumn", km.weightColumn().get());
      } else {
        m.putNull("weightColumn");
      }
      if (k.selectK()) {
        m.put("exactSilhouetteLimit", k.exactSilhouetteLimit());
      }
      strings(m.putArray("names"), k.names());
    } else if (spec.model() instanceof QuantileSpec q) {
      if (q.column() != null) {
        m.put("column", q.column());
      } else {
        m.putNull("column");
      }
      if (q.bins() > 0) {
        m.put("bins", q.bins());
      } else {
        ArrayNode a = m.putArray("probabilities");
        for (double p : q.probabilities()) {
          a.add(p);
        }
      }
      m.put("method", q.method().name());
      strings(m.putArray("names"), q.names());
    } else if (spec.model() instanceof AbcSpec a) {
      m.put("column", a.column());
      ArrayNode t = m.putArray("thresholds");
      for (double x : a.thresholds()) {
        t.add(x);
      }
      m.put("rule", a.rule().name());
      strings(m.putArray("names"), a.names());
    } else if (spec.model() instanceof RuleSpec r) {
      ArrayNode rules = m.putArray("rules");
      for (RuleText t : r.rules()) {
        rule(rules.addObject(), t);
      }
      if (r.otherwise() != null) {
        rule(m.putObject("otherwise"), r.otherwise());
      } else {
        m.putNull("otherwise");
      }
    }
    try {
      return JsonFields.MAPPER.writer(JsonFields.PRINTER).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a JSON tree", e);
    }
  }

  private static void rule(ObjectNode o, RuleText t) {
    putNullable(o, "id", t.id());
    o.put("name", t.name());
    putNullable(o, "description", t.description());
    if (t.when() != null) {
      o.put("when", t.when());
    }
  }

  private static void putNullable(ObjectNode o, String field, String value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  private static void strings(ArrayNode a, List<String> values) {
    for (String s : values) {
      a.add(s);
    }
  }
}
