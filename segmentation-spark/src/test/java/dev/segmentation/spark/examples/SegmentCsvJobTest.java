package dev.segmentation.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.testing.Gen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example job in local mode on a small CSV and reads the Parquet back. */
class SegmentCsvJobTest {

  @TempDir
  Path dir;

  private Path csv(int n) throws IOException {
    Gen g = new Gen(7);
    StringBuilder sb = new StringBuilder("id,region,revenue,employees\n");
    for (int i = 0; i < n; i++) {
      String revenue = g.chance(0.05) ? "" : String.format(Locale.ROOT, "%.2f", g.spend());
      sb.append("A-").append(i).append(',').append(g.pick("North", "South", "East")).append(',')
          .append(revenue).append(',').append(g.intBetween(1, 500)).append('\n');
    }
    Path p = dir.resolve("accounts.csv");
    Files.writeString(p, sb.toString());
    return p;
  }

  private static SparkSession spark() {
    return dev.segmentation.spark.SparkTestAccess.session();
  }

  @Test
  void decilesAndModelFilesGiveTheSingleMachineAssignments() throws IOException {
    Path input = csv(500);
    AccountTable table = AccountTable.readCsv(input, CsvOptions.defaults().idColumn("id"));
    Path out = dir.resolve("deciles.parquet");
    SegmentModel fitted = SegmentCsvJob.run(spark(), input.toString(), out.toString(),
        "--deciles", "revenue");
    assertEquals(QuantileModel.builder().column("revenue").deciles().fit(table), fitted,
        "exact deciles fitted on the cluster equal the single-machine fit");
    check(table, fitted, out);

    AbcModel abc = AbcModel.builder().value("employees").fit(table);
    Path model = dir.resolve("abc.json");
    Files.writeString(model, ModelJson.write(abc));
    Path out2 = dir.resolve("abc.parquet");
    SegmentCsvJob.run(spark(), input.toString(), out2.toString(), "--model", model.toString());
    check(table, abc, out2);

    assertThrows(IllegalArgumentException.class,
        () -> SegmentCsvJob.run(spark(), input.toString(), "--deciles", "revenue"),
        "output directory is required");
  }

  private static void check(AccountTable table, SegmentModel model, Path parquet) {
    List<Row> rows = spark().read().parquet(parquet.toString()).collectAsList();
    Segmentation expected = model.assign(table);
    assertEquals(table.rowCount(), rows.size(), "one Parquet row per account");
    Map<String, String> got = new HashMap<>();
    for (Row r : rows) {
      String seg = r.getAs("segment_id");
      String why = r.getAs("unassigned_reason");
      got.put(r.getAs("id"), seg != null ? seg : "unassigned:" + why);
    }
    for (int i = 0; i < table.rowCount(); i++) {
      var a = expected.assignment(i);
      String want = a.isAssigned() ? model.segments().get(a.segment()).id()
          : "unassigned:" + a.reason().name();
      assertEquals(want, got.get(a.accountId()), model.kind() + ", account " + a.accountId());
    }
  }
}
