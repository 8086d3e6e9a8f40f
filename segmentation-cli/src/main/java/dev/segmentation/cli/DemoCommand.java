package dev.segmentation.cli;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.cli.spec.ModelSpec;
import dev.segmentation.cli.spec.SegmentationSpec;
import dev.segmentation.cli.spec.SpecJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.profile.SegmentProfiles;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.NumericColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code demo}: the whole flow on the bundled UCI wholesale customers data (440 clients, CC BY 4.0):
 * revenue column, k-means with k chosen by silhouette, profiles, coverage allocation.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    versionProvider = SegmentationCli.Version.class,
    description = {
        "Runs the whole flow on the bundled UCI wholesale customers data (440 clients; Cardoso 2014, "
            + "UCI data set 292, CC BY 4.0): criteria -> k-means with k chosen by silhouette -> "
            + "profiles -> coverage allocation under field/inside hours and a budget.",
        "With --out-dir it also writes the input and every result as files that the other commands "
            + "read: accounts.csv, spec.json, model.json, assignments.csv, profiles.csv, problem.json, "
            + "plan.json."})
final class DemoCommand implements Callable<Integer> {

  /** Spend columns of the wholesale data (annual spend in monetary units per product group). */
  static final List<String> SPEND =
      List.of("Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen");

  @ParentCommand
  SegmentationCli cli;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "Directory for the demo's input and result files (created if needed).")
  Path outDir;

  @Override
  public Integer call() {
    cli.progress().phase("Reading the bundled wholesale customers data");
    AccountTable accounts = withRevenue(bundled());

    SegmentationSpec spec = spec();
    SpecFitter.Fit fit = SpecFitter.fit(spec, accounts, cli.progress());
    Segmentation seg = fit.model().assign(accounts);
    SegmentProfiles profiles = SegmentProfiles.builder(seg)
        .columns("Channel", "Region", "Fresh", "Grocery", "Detergents_Paper")
        .valueColumns("revenue").build();

    cli.progress().phase("Solving the coverage allocation");
    AllocationProblem problem = problem(seg);
    AllocationPlan plan = problem.solve();

    PrintWriter out = cli.out();
    out.println("Data: UCI wholesale customers, " + accounts.rowCount() + " clients; revenue = sum of "
        + "the six spend columns.");
    out.println();
    out.print(fit.report());
    out.println();
    out.print(seg);
    out.println();
    out.print(profiles);
    out.println();
    out.println(plan);
    if (outDir != null) {
      Path d = outDir;
      StringWriter csv = new StringWriter();
      profiles.toCsv(csv);
      Output.text(cli, d.resolve("accounts.csv"), accountsCsv(accounts));
      Output.text(cli, d.resolve("spec.json"), SpecJson.write(spec));
      Output.text(cli, d.resolve("model.json"), Models.write(fit.model()));
      Output.text(cli, d.resolve("assignments.csv"), Output.assignmentsCsv(seg));
      Output.text(cli, d.resolve("profiles.csv"), csv.toString());
      Output.text(cli, d.resolve("problem.json"), AllocationJson.write(problem));
      Output.text(cli, d.resolve("plan.json"), AllocationJson.write(plan));
      out.println("Wrote accounts.csv, spec.json, model.json, assignments.csv, profiles.csv, "
          + "problem.json and plan.json to " + outDir + ".");
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The bundled data with Channel and Region as categories; ids are the row numbers 1..440. */
  static AccountTable bundled() {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/data/wholesale_customers.csv")) {
      if (in == null) {
        throw new IllegalStateException("The bundled data/wholesale_customers.csv is missing.");
      }
      Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
      return AccountTable.readCsv(r, CsvOptions.defaults()
          .columnType("Channel", ColumnType.CATEGORICAL)
          .columnType("Region", ColumnType.CATEGORICAL));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled data: " + e.getMessage(), e);
    }
  }

  /** Adds {@code revenue}, the sum of the six spend columns. */
  static AccountTable withRevenue(AccountTable raw) {
    int n = raw.rowCount();
    double[] revenue = new double[n];
    for (String s : SPEND) {
      NumericColumn c = raw.numeric(s);
      for (int i = 0; i < n; i++) {
        revenue[i] += c.get(i);
      }
    }
    return raw.withColumn(NumericColumn.of("revenue", revenue));
  }

  /** Criteria: log1p then z-score of each spend column; k-means with k in 2..6 by silhouette. */
  static SegmentationSpec spec() {
    Criteria.Steps b = Criteria.builder();
    for (String s : SPEND) {
      b = b.numeric(s).log1p().standardize();
    }
    KMeans kmeans = KMeans.builder().clusters(2).restarts(10).seed(42L).build();
    return new SegmentationSpec(b.build(),
        new ModelSpec.KMeansSpec(kmeans, true, 2, 6, 20_000, List.of()));
  }

  /**
   * The coverage problem of the demo. The data has no potential column, so one is defined: an
   * account's potential is the larger of its own revenue and the 90th percentile (type 7) of revenue
   * in its segment.
   */
  static AllocationProblem problem(Segmentation seg) {
    AccountTable t = seg.table();
    int n = t.rowCount();
    double[] revenue = new double[n];
    t.numeric("revenue").copyTo(0, revenue, 0, n);
    double[] potential = revenue.clone();
    int biggest = 0;
    double biggestMean = -1;
    for (int s = 0; s < seg.segments().size(); s++) {
      int[] rows = seg.rowsOf(s);
      if (rows.length == 0) {
        continue;
      }
      double[] v = new double[rows.length];
      double sum = 0;
      for (int q = 0; q < rows.length; q++) {
        v[q] = revenue[rows[q]];
        sum += v[q];
      }
      double p90 = QuantileMethod.TYPE_7.quantile(v, 0.9);
      for (int r : rows) {
        potential[r] = Math.max(revenue[r], p90);
      }
      if (sum / rows.length > biggestMean) {
        biggestMean = sum / rows.length;
        biggest = s;
      }
    }
    AccountTable accounts = t.withColumn(NumericColumn.of("potential", potential));
    Segmentation segments = Segmentation.of(accounts, seg.segments(), seg.segmentIndices(),
        reasons(seg), details(seg));
    String top = seg.segments().get(biggest).id();
    return AllocationProblem.builder()
        .accounts(segments)
        .role(Role.of("field", 1_800))
        .role(Role.of("inside", 900))
        .budget(60_000)
        .option(CoverageOption.builder("field-12", Channel.FIELD).hours("field", 12 * 2.0)
            .cost(12 * 40).retention(0.97).effort(12).build())
        .option(CoverageOption.builder("field-4", Channel.FIELD).hours("field", 4 * 2.0)
            .cost(4 * 40).retention(0.94).effort(4).build())
        .option(CoverageOption.builder("inside-6", Channel.INSIDE).hours("inside", 6 * 0.5)
            .cost(6 * 2).retention(0.92).effort(3).build())
        .option(CoverageOption.builder("inside-2", Channel.INSIDE).hours("inside", 2 * 0.5)
            .cost(2 * 2).retention(0.88).effort(1).build())
        .option(CoverageOption.builder("web-shop", Channel.DIGITAL).cost(15).retention(0.80)
            .effort(0.5).build())
        .responseModel(new ResponseModel("revenue", "potential", 0.3, 4, 1.0))
        .serviceLevel(ServiceLevel.ofChannels(top, 0.5, Channel.FIELD))
        .build();
  }

  private static dev.segmentation.core.UnassignedReason[] reasons(Segmentation seg) {
    dev.segmentation.core.UnassignedReason[] r = new dev.segmentation.core.UnassignedReason[seg.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = seg.assignment(i).unassignedReason().orElse(null);
    }
    return r;
  }

  private static String[] details(Segmentation seg) {
    String[] d = new String[seg.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = seg.assignment(i).detail();
    }
    return d;
  }

  /** The accounts (with revenue) as CSV, id column {@code id} first. */
  private static String accountsCsv(AccountTable accounts) {
    StringWriter w = new StringWriter();
    accounts.writeCsv(w, CsvOptions.defaults());
    return w.toString();
  }
}
