package dev.segmentation.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.testing.Gen;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code spark-submit} command of {@code docs/spark.md} (the block between the
 * {@code spark-submit-it} markers) against the packaged bundle jar: Spark's {@code SparkSubmit} in a
 * new JVM whose class path holds Spark and its dependencies only (not this library, Commons, Guava or
 * the test libraries), with the Java 17 flags of {@code spark.javaArgs}, as {@code spark-submit} starts
 * it. Then reads the Parquet output without Spark and compares it with the single-machine fit.
 *
 * <p>Run by maven-failsafe-plugin after {@code package} ({@code mvn verify}); the bundle jar, the
 * document and the flags come from system properties set in the module's pom.
 */
class SegmentCsvJobIT {

  /** Class path entries of the test JVM that a Spark distribution does not have. */
  private static final List<String> NOT_SPARK = List.of("segmentation-", "junit-", "opentest4j",
      "apiguardian", "commons-rng-", "commons-statistics-", "commons-numbers-", "guava-",
      "failureaccess", "listenablefuture", "jspecify", "error_prone", "j2objc",
      "jackson-dataformat-csv", "surefire", "failsafe");

  @TempDir
  Path dir;

  @Test
  void theDocumentedSparkSubmitCommandSegmentsACsvIntoParquet() throws Exception {
    // set by failsafe after package; absent when a unit-test run selects this class by name
    assumeTrue(System.getProperty("segmentation.bundleJar") != null, "run by maven-failsafe-plugin");
    Path bundle = Path.of(property("segmentation.bundleJar"));
    assertTrue(Files.isRegularFile(bundle), "bundle jar " + bundle + " exists (run mvn verify)");
    List<String> command = documentedCommand(Path.of(property("segmentation.sparkDoc")));
    assertEquals("spark-submit", command.get(0), "the documented command: " + command);

    int n = 300;
    Path csv = dir.resolve("accounts.csv");
    writeCsv(csv, n);

    List<String> jvm = new ArrayList<>();
    jvm.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    jvm.add("-Xmx1g");
    for (String flag : property("segmentation.sparkJavaArgs").trim().split("\\s+")) {
      jvm.add(flag);
    }
    jvm.add("-cp");
    jvm.add(sparkClassPath());
    jvm.add("org.apache.spark.deploy.SparkSubmit");
    for (String arg : command.subList(1, command.size())) {
      jvm.add(arg.endsWith("-bundle.jar") ? bundle.toString() : arg);
    }
    Path log = dir.resolve("spark-submit.log");
    Process p = new ProcessBuilder(jvm).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("spark-submit did not finish in 5 minutes:\n" + tail(log));
    }
    assertEquals(0, p.exitValue(), "exit code of " + jvm.subList(jvm.indexOf("-cp") + 2,
        jvm.size()) + "\n" + tail(log));

    // the Parquet output, read with parquet-hadoop (no Spark session)
    Path out = dir.resolve(command.get(command.indexOf("--deciles") - 1));
    List<Path> files;
    try (Stream<Path> s = Files.list(out)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted()
          .collect(Collectors.toList());
    }
    assertTrue(!files.isEmpty(), "Parquet files in " + out);
    Configuration conf = new Configuration();
    Map<String, String> got = new HashMap<>();
    long rows = 0;
    for (Path f : files) {
      org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(f.toUri());
      try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(hp, conf))) {
        MessageType schema = r.getFooter().getFileMetaData().getSchema();
        for (String c : List.of("customer_id", "revenue", "segment_id", "segment_name",
            "unassigned_reason")) {
          assertTrue(schema.containsField(c), "column " + c + " in " + schema);
        }
        rows += r.getRecordCount();
      }
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), hp).withConf(conf).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          String seg = optional(g, "segment_id");
          got.put(g.getString("customer_id", 0),
              seg != null ? seg : "unassigned:" + optional(g, "unassigned_reason"));
        }
      }
    }
    assertEquals(n, rows, "one Parquet row per account");
    assertEquals(n, got.size(), "every account once");

    AccountTable table = AccountTable.readCsv(csv, CsvOptions.defaults().idColumn("customer_id"));
    QuantileModel model = QuantileModel.builder().column("revenue").deciles().fit(table);
    Segmentation expected = model.assign(table);
    for (int i = 0; i < table.rowCount(); i++) {
      var a = expected.assignment(i);
      String want = a.isAssigned() ? model.segments().get(a.segment()).id()
          : "unassigned:" + a.reason().name();
      assertEquals(want, got.get(a.accountId()), "account " + a.accountId()
          + ": the single-machine deciles' segment");
    }
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    assertTrue(v != null && !v.isBlank(), "system property " + name + " (set by the module's pom)");
    return v;
  }

  private static String optional(Group g, String field) {
    return g.getFieldRepetitionCount(field) > 0 ? g.getString(field, 0) : null;
  }

  /** The command between the markers of the document, continuation lines joined, shell-split. */
  static List<String> documentedCommand(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("spark-submit-it:begin")) {
        begin = i;
      } else if (lines.get(i).contains("spark-submit-it:end")) {
        end = i;
      }
    }
    assertTrue(begin >= 0 && end > begin, "spark-submit-it markers in " + doc);
    StringBuilder sb = new StringBuilder();
    for (String line : lines.subList(begin + 1, end)) {
      String t = line.strip();
      if (t.startsWith("```") || t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      sb.append(t.endsWith("\\") ? t.substring(0, t.length() - 1) : t).append(' ');
    }
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : sb.toString().toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    return words;
  }

  /** The test class path without this library, its dependencies and the test libraries. */
  private static String sparkClassPath() {
    String cp = System.getProperty("surefire.test.class.path", "");
    if (cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<String> keep = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      String name = Path.of(e).getFileName().toString();
      boolean drop = Files.isDirectory(Path.of(e)) || NOT_SPARK.stream().anyMatch(name::contains);
      if (!drop && !e.isBlank()) {
        keep.add(e);
      }
    }
    assertTrue(keep.stream().anyMatch(e -> e.contains("spark-core_")),
        "Spark's jars on the class path: " + keep);
    return String.join(File.pathSeparator, keep);
  }

  private static void writeCsv(Path csv, int n) throws IOException {
    Gen g = new Gen(11);
    StringBuilder sb = new StringBuilder("customer_id,region,revenue,employees\n");
    for (int i = 0; i < n; i++) {
      String revenue = g.chance(0.05) ? "" : String.format(Locale.ROOT, "%.2f", g.spend());
      sb.append("C-").append(i).append(',').append(g.pick("North", "South", "East")).append(',')
          .append(revenue).append(',').append(g.intBetween(1, 500)).append('\n');
    }
    Files.writeString(csv, sb.toString());
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
