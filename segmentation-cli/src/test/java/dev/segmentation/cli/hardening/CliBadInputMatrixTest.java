package dev.segmentation.cli.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.cli.ExitCodes;
import dev.segmentation.cli.SegmentationCli;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.NumericColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix of the command line, run in-process: awkward CSV files, broken, oversized,
 * deeply nested and wrong-version JSON, impossible options and k larger than the number of accounts.
 * Each run ends with exit 0 (and output without NaN) or the documented code for bad usage (2) or bad
 * input (3) with a message; never the internal-error code 1 or a stack trace. The matrix is printed.
 */
@Timeout(30)
class CliBadInputMatrixTest {

  private static final String[] SMALL = {"accounts.csv", "abc-spec.json", "quantile-spec.json",
      "rule-spec.json", "kmeans-spec.json", "kselect-spec.json"};
  private static final Map<String, String> MATRIX = new TreeMap<>();

  @TempDir
  Path dir;

  /** One case: files to write (name to content; byte[] or String) and the arguments. */
  record Case(Map<String, Object> files, List<String> args, int expected) {}

  private static Case c(int expected, Map<String, Object> files, String... args) {
    return new Case(files, List.of(args), expected);
  }

  private static final int OK = ExitCodes.OK;
  private static final int USAGE = ExitCodes.USAGE;
  private static final int BAD = ExitCodes.BAD_INPUT;

  static Map<String, Case> cases() {
    Map<String, Case> m = new LinkedHashMap<>();
    String[] abc = {"-s", "abc-spec.json", "--id-column", "id"};
    m.put("segment: normal", c(OK, Map.of(), seg("accounts.csv", abc)));
    m.put("segment: empty file", c(BAD, Map.of("in.csv", ""), seg("in.csv", abc)));
    m.put("segment: header only", c(BAD, Map.of("in.csv", "id,revenue\n"), seg("in.csv", abc)));
    m.put("segment: one row", c(OK, Map.of("in.csv", "id,revenue\nA,5\n"), seg("in.csv", abc)));
    m.put("segment: ragged row", c(BAD, Map.of("in.csv", "id,revenue\nA,1\nB,2,3\n"), seg("in.csv", abc)));
    m.put("segment: unclosed quote", c(BAD, Map.of("in.csv", "id,revenue\nA,\"1\nB,2\n"), seg("in.csv", abc)));
    m.put("segment: duplicate ids", c(BAD, Map.of("in.csv", "id,revenue\nA,1\nA,2\n"), seg("in.csv", abc)));
    m.put("segment: empty id", c(BAD, Map.of("in.csv", "id,revenue\n,1\nB,2\n"), seg("in.csv", abc)));
    m.put("segment: unicode ids", c(OK, Map.of("in.csv", "id,revenue\nKunde-Ö,1\n客户,2\n\uD83D\uDE00,3\n"),
        seg("in.csv", abc)));
    m.put("segment: NaN and empty values", c(OK, Map.of("in.csv", "id,revenue\nA,NaN\nB,\nC,3\nD,4\n"),
        seg("in.csv", abc)));
    m.put("segment: Infinity", c(BAD, Map.of("in.csv", "id,revenue\nA,Infinity\nB,2\n"), seg("in.csv", abc)));
    m.put("segment: 1e308", c(BAD, Map.of("in.csv", "id,revenue\nA,1e308\nB,1e308\n"), seg("in.csv", abc)));
    m.put("segment: -0.0", c(OK, Map.of("in.csv", "id,revenue\nA,-0.0\nB,0\nC,5\n"), seg("in.csv", abc)));
    m.put("segment: constant column kmeans", c(BAD, Map.of("in.csv",
        "id,revenue,potential\nA,1,1\nB,1,1\nC,1,1\nD,1,1\n"), seg("in.csv", "-s", "kmeans-spec.json",
        "--id-column", "id")));
    m.put("segment: mixed encodings", c(BAD, Map.of("in.csv", mixedBytes()), seg("in.csv", abc)));
    m.put("segment: missing input file", c(BAD, Map.of(), seg("nope.csv", abc)));
    m.put("segment: k > n", c(BAD, Map.of("k.json", "KMEANS:500"), seg("accounts.csv", "-s", "k.json",
        "--id-column", "id")));
    m.put("segment: k = n", c(OK, Map.of("k.json", "KMEANS:12"), seg("accounts.csv", "-s", "k.json",
        "--id-column", "id")));
    m.put("segment: spec truncated", c(BAD, Map.of("t.json", "{\"schemaVersion\": 1, \"kind\": \"segm"),
        seg("accounts.csv", "-s", "t.json")));
    m.put("segment: spec wrong version", c(BAD, Map.of("t.json",
        "{\"schemaVersion\": 9, \"kind\": \"segmentation-spec\", \"model\": {\"type\": \"abc\"}}"),
        seg("accounts.csv", "-s", "t.json")));
    m.put("segment: spec nested 100000", c(BAD, Map.of("t.json", "[".repeat(100_000) + "]".repeat(100_000)),
        seg("accounts.csv", "-s", "t.json")));
    m.put("segment: spec 10 MB string", c(BAD, Map.of("t.json", "{\"schemaVersion\": 1, \"kind\": \""
        + "x".repeat(10_000_000) + "\"}"), seg("accounts.csv", "-s", "t.json")));
    m.put("segment: spec is not JSON", c(BAD, Map.of("t.json", "\u0000\u0001binary"),
        seg("accounts.csv", "-s", "t.json")));
    m.put("assign: truncated model", c(BAD, Map.of("m.json", "{\"schemaVersion\": 1, \"kind\": \"abc-mo"),
        "assign", "-i", "accounts.csv", "-m", "m.json"));
    m.put("assign: wrong kind", c(BAD, Map.of("m.json", "{\"schemaVersion\": 1, \"kind\": \"criteria\"}"),
        "assign", "-i", "accounts.csv", "-m", "m.json"));
    m.put("assign: nested model", c(BAD, Map.of("m.json", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)),
        "assign", "-i", "accounts.csv", "-m", "m.json"));
    m.put("usage: unknown option", c(USAGE, Map.of(), "segment", "--frobnicate"));
    m.put("usage: unknown command", c(USAGE, Map.of(), "explode"));
    m.put("allocate: normal", c(OK, Map.of("p.json", "PROBLEM"), "allocate", "-p", "p.json"));
    m.put("allocate: malformed problem", c(BAD, Map.of("p.json", "{\"schemaVersion\": 1,"),
        "allocate", "-p", "p.json"));
    m.put("allocate: time limit -1", c(USAGE, Map.of("p.json", "PROBLEM"), "allocate", "-p", "p.json",
        "--time-limit", "-1"));
    m.put("allocate: time limit NaN", c(USAGE, Map.of("p.json", "PROBLEM"), "allocate", "-p", "p.json",
        "--time-limit", "NaN"));
    m.put("allocate: max iterations 0", c(USAGE, Map.of("p.json", "PROBLEM"), "allocate", "-p", "p.json",
        "--max-iterations", "0"));
    m.put("allocate: max iterations abc", c(USAGE, Map.of("p.json", "PROBLEM"), "allocate", "-p", "p.json",
        "--max-iterations", "abc"));
    m.put("territories: normal", c(OK, Map.of("t.json", "TERRITORY"), "territories", "--problem", "t.json"));
    m.put("territories: wrong kind", c(BAD, Map.of("t.json", "PROBLEM"), "territories", "--problem", "t.json"));
    m.put("territories: bad plan, tolerance 5", c(BAD, Map.of("p.json", "PROBLEM", "plan.json", "{}"),
        "territories", "--allocation-problem", "p.json", "--allocation-plan", "plan.json", "--role", "field",
        "--rep-count", "2", "--tolerance", "5"));
    return m;
  }

  private static String[] seg(String input, String... rest) {
    List<String> a = new ArrayList<>(List.of("segment", "-i", input));
    a.addAll(List.of(rest));
    return a.toArray(new String[0]);
  }

  private static byte[] mixedBytes() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("id,revenue\nKöln,1\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("K\u00f6ln-2,2\n".getBytes(StandardCharsets.ISO_8859_1));
    return b.toByteArray();
  }

  private static String problemJson() {
    int n = 4;
    String[] ids = {"a", "b", "c", "d"};
    AccountTable t = AccountTable.of(ids, NumericColumn.of("revenue", new double[] {1, 2, 3, 4}));
    Segmentation s = Segmentation.of(t, List.of(new Segment(0, "A", "A", "a")), new int[n],
        new UnassignedReason[n], new String[n]);
    return AllocationJson.write(AllocationProblem.builder().accounts(s).role(Role.of("field", 10))
        .option(CoverageOption.builder("visit", Channel.FIELD).hours("field", 4).value(dev.segmentation.allocation.PerAccount.of(10)).build())
        .option(CoverageOption.builder("none", Channel.NONE).build()).build());
  }

  private static String territoryJson() {
    return TerritoryJson.write(TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 100)).rep(TerritoryRep.of("ben", "field", 100))
        .account(TerritoryAccount.of("a", 10, 1)).account(TerritoryAccount.of("b", 12, 1)).build());
  }

  private String kmeansSpec(int k) throws IOException {
    String spec = Files.readString(dir.resolve("kmeans-spec.json"));
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < k; i++) {
      names.append(i == 0 ? "" : ", ").append("\"S").append(i).append('"');
    }
    return spec.replace("\"clusters\": 3", "\"clusters\": " + k)
        .replaceAll("(?s)\"names\": \\[.*?\\]", "\"names\": [" + names + "]");
  }

  static Stream<Arguments> names() {
    return cases().keySet().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void commandWithBadInput(String name) throws IOException {
    for (String f : SMALL) {
      try (InputStream in = CliBadInputMatrixTest.class.getResourceAsStream("/small/" + f)) {
        Files.copy(in, dir.resolve(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Case c = cases().get(name);
    for (Map.Entry<String, Object> e : c.files().entrySet()) {
      Object v = e.getValue();
      byte[] bytes;
      if (v instanceof byte[] b) {
        bytes = b;
      } else {
        String s = (String) v;
        s = switch (s) {
          case "PROBLEM" -> problemJson();
          case "TERRITORY" -> territoryJson();
          default -> s.startsWith("KMEANS:") ? kmeansSpec(Integer.parseInt(s.substring(7))) : s;
        };
        bytes = s.getBytes(StandardCharsets.UTF_8);
      }
      Files.write(dir.resolve(e.getKey()), bytes);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmentationCli.run(dir, new PrintWriter(out, true), new PrintWriter(err, true), false,
        c.args().toArray(new String[0]));
    String report = name + ": exit " + code + "\n--- stdout\n" + cut(out.toString()) + "--- stderr\n"
        + cut(err.toString());
    assertFalse(err.toString().contains("\tat ") || err.toString().contains("NullPointerException")
        || err.toString().contains("IndexOutOfBounds"), "no stack trace or internal failure\n" + report);
    assertEquals(c.expected(), code, report);
    if (code == OK) {
      assertFalse(out.toString().contains("NaN") || out.toString().contains("Infinity"), report);
    } else {
      assertFalse(err.toString().isBlank(), "a message on standard error\n" + report);
    }
    assertTrue(err.toString().length() < 20_000, "the message does not echo the input\n" + report);
    String first = err.toString().lines().filter(l -> l.startsWith("error:")).findFirst()
        .orElse(err.toString().lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
    MATRIX.put(name, "exit " + code + (code == OK ? "" : ": " + cut(first).strip()));
  }

  private static String cut(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "...\n" : s;
  }

  @AfterAll
  static void printMatrix() {
    StringBuilder sb = new StringBuilder("CLI bad-input matrix (case -> exit code: first message line)\n");
    MATRIX.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-40s %s%n", k, v)));
    System.out.print(sb);
  }
}
