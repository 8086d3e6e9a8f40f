package dev.segmentation.examples;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.capacity.CapacityPlan;
import dev.segmentation.allocation.capacity.CapacityPlanner;
import dev.segmentation.allocation.quota.AttainmentReport;
import dev.segmentation.allocation.quota.AttainmentTracker;
import dev.segmentation.allocation.quota.QuotaPlan;
import dev.segmentation.allocation.quota.QuotaPlanner;
import dev.segmentation.allocation.quota.RepFigures;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import dev.segmentation.allocation.territory.Workloads;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.insight.Lookalike;
import dev.segmentation.core.insight.LookalikeScores;
import dev.segmentation.core.insight.PriorityEntry;
import dev.segmentation.core.insight.PriorityList;
import dev.segmentation.core.insight.ReferenceSet;
import dev.segmentation.core.insight.Whitespace;
import dev.segmentation.core.insight.WhitespaceReport;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.KSelection;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.profile.SegmentProfiles;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.examples.report.HtmlReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole flow on a larger real data set, the 4,338 customers of UCI Online Retail
 * ({@code data/retail_customers.csv}, built by {@link RetailCustomers}): RFM criteria → k-means with k
 * chosen by silhouette → profiles → coverage allocation under hours and budget → FTEs → territories
 * (year 1, then year 2 with one more rep and year-1 owners kept where possible) → quotas → attainment
 * → lookalike and whitespace → rep-level priority lists → a self-contained HTML report.
 *
 * <p><b>What is assumed, not in the data</b> (said here and in the report): an account's
 * <i>potential</i> is what it would spend ordering as often as the frequent buyers of its segment
 * (the 90th percentile, type 7, of Frequency in the segment) at its own average net order value, and
 * never less than its revenue (spend net of cancellations); the sales organisation (three account managers of 1,500 hours, two inside-sales reps of
 * 1,500 hours, a budget of GBP 40,000) and the coverage menu are invented for the example. Reps work
 * remotely, so territories balance workload and continuity, not travel.
 */
public final class RetailEndToEnd {

  private RetailEndToEnd() {}

  /**
   * Runs the flow on the bundled data and writes the report to {@code retail-report.html}.
   *
   * @param args optional output path of the HTML report
   */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "retail-report.html");
    Result r = run(BundledData.path("retail_customers.csv"));
    writeReport(r, out);
    System.out.println(r.text());
    System.out.println("HTML report: " + out.toAbsolutePath());
  }

  /**
   * What the flow produced.
   *
   * @param text a readable summary of every step
   * @param html the self-contained HTML report
   * @param segmentation the k-means segments
   * @param plan the coverage plan of year 1
   * @param year1 territories of the account managers in year 1
   * @param year2 territories in year 2 (one more rep, year-1 owners as current owners)
   * @param quotas quotas of year 1
   * @param priorities the ranked action list, grouped by rep
   */
  public record Result(String text, String html, Segmentation segmentation, AllocationPlan plan,
      TerritoryPlan year1, TerritoryPlan year2, QuotaPlan quotas, PriorityList priorities) {}

  /**
   * Writes the HTML report.
   *
   * @param result a result of {@link #run}
   * @param file the file to write
   */
  public static void writeReport(Result result, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, result.html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the flow.
   *
   * @param customersCsv {@code retail_customers.csv}
   * @return every intermediate result and the report
   */
  public static Result run(Path customersCsv) {
    AccountTable raw = AccountTable.readCsv(customersCsv, CsvOptions.defaults()
        .idColumn("CustomerID")
        .columnType("Country", ColumnType.CATEGORICAL));
    int n = raw.rowCount();
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "%,d customers of UCI Online Retail%n", n));

    // 1. RFM criteria and k-means with k chosen by silhouette.
    Criteria criteria = Criteria.builder()
        .numeric("Recency").log1p().standardize()
        .numeric("Frequency").log1p().standardize()
        .numeric("Monetary").log1p().standardize()
        .build();
    KSelection.Result selection = KSelection.builder()
        .kmeans(KMeans.builder().clusters(2).restarts(10).seed(42L).build())
        .range(2, 6)
        .build()
        .run(raw, criteria);
    KMeansModel model = selection.model(selection.suggestedK());
    text.append(selection).append('\n').append(model).append('\n');

    // 2. Revenue and potential: what the customer would spend ordering as often as the segment's
    //    frequent buyers (P90 of Frequency in its segment, type 7) at its own average order value.
    Segmentation seg0 = model.assign(raw);
    //    Revenue is net of cancellations (Monetary - Returns, at least 0): a few customers placed one
    //    huge order and cancelled it, which would otherwise dominate every ranking.
    double[] monetary = raw.numeric("Monetary").toArray();
    double[] returns = raw.numeric("Returns").toArray();
    double[] frequency = raw.numeric("Frequency").toArray();
    double[] revenue = new double[n];
    double[] avgOrder = new double[n];
    for (int i = 0; i < n; i++) {
      revenue[i] = Math.max(0, monetary[i] - returns[i]);
      avgOrder[i] = revenue[i] / frequency[i];
    }
    double[] potential = revenue.clone();
    for (int s = 0; s < model.clusters(); s++) {
      int[] rows = seg0.rowsOf(s);
      double[] f = new double[rows.length];
      for (int q = 0; q < rows.length; q++) {
        f[q] = frequency[rows[q]];
      }
      double p90 = QuantileMethod.TYPE_7.quantile(f, 0.9);
      for (int r : rows) {
        potential[r] = Math.max(revenue[r], avgOrder[r] * p90);
      }
    }
    String[] segmentIds = new String[n];
    for (int i = 0; i < n; i++) {
      segmentIds[i] = seg0.segments().get(seg0.segmentIndex(i)).id();
    }
    AccountTable accounts = raw.withColumn(NumericColumn.of("revenue", revenue))
        .withColumn(NumericColumn.of("potential", potential))
        .withColumn(CategoricalColumn.of("segment", segmentIds));
    Segmentation segmentation = model.assign(accounts);
    text.append(SegmentProfiles.of(segmentation)).append('\n');

    // 3. Coverage allocation under hours and budget.
    AllocationProblem problem = AllocationProblem.builder()
        .accounts(segmentation)
        .role(Role.of("account-manager", 3 * 1_500))
        .role(Role.of("inside", 2 * 1_500))
        .budget(40_000)
        .option(CoverageOption.builder("am-monthly", Channel.FIELD).hours("account-manager", 12 * 1.5)
            .cost(12 * 25).retention(0.97).effort(12).build())
        .option(CoverageOption.builder("am-quarterly", Channel.FIELD).hours("account-manager", 4 * 1.5)
            .cost(4 * 25).retention(0.93).effort(4).build())
        .option(CoverageOption.builder("inside-6", Channel.INSIDE).hours("inside", 6 * 0.5)
            .cost(6 * 2).retention(0.90).effort(3).build())
        .option(CoverageOption.builder("email", Channel.DIGITAL).cost(3).retention(0.80)
            .effort(0.5).build())
        .option(CoverageOption.none("none"))
        .responseModel(new ResponseModel("revenue", "potential", 0.3, 4, 1.0))
        .build();
    AllocationPlan plan = problem.solve();
    text.append(plan).append('\n');
    CapacityPlan capacity = CapacityPlanner.builder().hoursPerFte(1_600).utilisation(0.75).build()
        .fromPlan(plan);
    text.append(capacity).append('\n');

    // 4. Territories of the account managers: year 1, then year 2 with a fourth rep.
    double[] amHours = Workloads.fromPlan(problem, plan, "account-manager");
    List<TerritoryAccount> amAccounts = Workloads.accounts(accounts, amHours, "potential");
    TerritoryPlan year1 = TerritoryProblem.builder().role("account-manager")
        .reps(reps(3)).accounts(amAccounts).tolerance(0.10).build().solve();
    List<TerritoryAccount> owned = new ArrayList<>();
    for (TerritoryAccount a : amAccounts) {
      owned.add(year1.repOf(a.id()).map(a::ownedBy).orElse(a));
    }
    TerritoryPlan year2 = TerritoryProblem.builder().role("account-manager")
        .reps(reps(4)).accounts(owned).tolerance(0.10).disruptionCost(50).build().solve();
    text.append("Year 1 territories\n").append(year1).append('\n');
    text.append("Year 2 territories (one more rep)\n").append(year2).append('\n');

    // 5. Quotas and attainment for the year-1 territories.
    AccountTable withRep = accounts.withColumn(year1.repColumn(accounts, "rep"));
    AccountTable covered = withRep.filter(r -> !r.isMissing("rep"));
    double coveredRevenue = 0;
    for (double v : covered.numeric("revenue").toArray()) {
      coveredRevenue += v;
    }
    double target = 1_000 * Math.ceil(1.1 * coveredRevenue / 1_000);
    QuotaPlan quotas = QuotaPlanner.builder().target(target).unit(1_000).potentialWeight(0.5).build()
        .split(RepFigures.fromAccounts(covered, "rep", "potential", "revenue"));
    AttainmentReport attainment = AttainmentTracker.builder().ownerColumn("rep")
        .revenueColumn("revenue").potentialColumn("potential").segmentColumn("segment").build()
        .track(covered, quotas.quotasByRep());
    text.append(quotas).append('\n').append(attainment).append('\n');

    // 6. Whitespace, lookalike against the top 10% by revenue, rep-level priority lists.
    FittedCriteria fitted = model.criteria();
    WhitespaceReport whitespace = Whitespace.builder().revenue("revenue").potential("potential")
        .build().compute(withRep);
    LookalikeScores lookalike = Lookalike.builder(fitted)
        .reference(ReferenceSet.topFraction("revenue", 0.10)).build().score(withRep);
    PriorityList priorities = PriorityList.builder(withRep).whitespace(whitespace).lookalike(lookalike)
        .segments(segmentation).groupBy("rep").build();
    text.append(lookalike).append('\n').append(priorities.toText(10)).append('\n');

    String html = report(accounts, segmentation, plan, year1, year2, quotas, priorities);
    return new Result(text.toString(), html, segmentation, plan, year1, year2, quotas, priorities);
  }

  private static List<TerritoryRep> reps(int count) {
    List<TerritoryRep> reps = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      reps.add(TerritoryRep.of("am-" + i, "account-manager", 1_500));
    }
    return reps;
  }

  private static String report(AccountTable accounts, Segmentation segmentation, AllocationPlan plan,
      TerritoryPlan year1, TerritoryPlan year2, QuotaPlan quotas, PriorityList priorities) {
    double[] revenue = accounts.numeric("revenue").toArray();
    double[] potential = accounts.numeric("potential").toArray();
    List<HtmlReport.SegmentBar> bars = new ArrayList<>();
    for (Segment s : segmentation.segments()) {
      double rev = 0;
      double pot = 0;
      int[] rows = segmentation.rowsOf(s.index());
      for (int r : rows) {
        rev += revenue[r];
        pot += potential[r];
      }
      bars.add(new HtmlReport.SegmentBar(s.id() + " " + s.name(), rows.length, rev, pot));
    }
    List<HtmlReport.Point> points = new ArrayList<>();
    for (int i = 0; i < accounts.rowCount(); i++) {
      Segment s = segmentation.segments().get(segmentation.segmentIndex(i));
      points.add(new HtmlReport.Point(accounts.id(i), s.id() + " " + s.name(), potential[i],
          revenue[i]));
    }
    List<HtmlReport.Usage> usages = new ArrayList<>();
    for (LimitUsage u : plan.limits()) {
      usages.add(new HtmlReport.Usage(u.name(), u.used(), u.capacity()));
    }
    List<HtmlReport.Load> loads = new ArrayList<>();
    for (TerritoryPlan.RepLoad r : year1.reps()) {
      loads.add(new HtmlReport.Load(r.repId(), r.load(), r.target(), r.lowerLimit(), r.upperLimit()));
    }
    List<List<String>> top = new ArrayList<>();
    for (Map.Entry<String, List<PriorityEntry>> e : priorities.byGroup("rep").entrySet()) {
      List<PriorityEntry> list = e.getValue();
      for (int i = 0; i < Math.min(5, list.size()); i++) {
        PriorityEntry p = list.get(i);
        top.add(List.of(e.getKey().isEmpty() ? "(no rep)" : e.getKey(), p.accountId(), p.segment(),
            String.format(Locale.ROOT, "%,.0f", p.whitespace()),
            String.format(Locale.ROOT, "%.0f", p.lookalike()),
            String.format(Locale.ROOT, "%,.0f", p.expectedValue())));
      }
    }
    List<List<String>> quotaRows = new ArrayList<>();
    quotas.quotasByRep().forEach((rep, q) -> quotaRows.add(List.of(rep,
        String.format(Locale.ROOT, "%,.0f", q))));
    return HtmlReport.titled("Online Retail: segments, coverage, territories and quotas")
        .text("About", String.format(Locale.ROOT, "%,d customers of UCI Online Retail (CC BY 4.0). "
            + "Revenue = spend net of cancellations; potential = max(revenue, own net average order x P90 of order frequency in the segment); the sales organisation and "
            + "coverage menu are invented for the example. Coverage plan: %s, value %,.0f, cost %,.0f. "
            + "Year 2 with a fourth account manager keeps %.1f%% of accounts with their year-1 owner.",
            accounts.rowCount(), plan.status(), plan.value(), plan.cost(), 100 * year2.keptShare()))
        .segmentShares("Segments: share of accounts, revenue and potential", bars)
        .scatter("Potential versus revenue by segment", points)
        .utilisation("Utilisation of hours and budget", usages)
        .balance("Account-manager territories (year 1): load against the ±10% band", loads)
        .table("Quotas (year 1)", List.of("rep", "quota GBP"), quotaRows)
        .table("Top accounts per rep", List.of("rep", "account", "segment", "whitespace GBP",
            "lookalike", "expected value"), top)
        .toHtml();
  }
}
