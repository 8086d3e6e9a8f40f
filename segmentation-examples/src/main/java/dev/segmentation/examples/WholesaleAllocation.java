package dev.segmentation.examples;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SegmentSummary;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.NumericColumn;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * From segments to a coverage plan on the UCI wholesale customers: k-means segments, then field and
 * inside-sales coverage chosen under hours and budget limits with a service level for the biggest
 * segment.
 *
 * <p>The data has no potential column, so this example defines one (and says so): an account's
 * potential is the larger of its own annual spend and the 90th percentile (type 7) of annual spend in its
 * segment — what the best comparable clients buy.
 */
public final class WholesaleAllocation {

  private static final String[] SPEND = {
    "Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"
  };

  private WholesaleAllocation() {}

  /**
   * Runs the example on the bundled data.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println(run(BundledData.path("wholesale_customers.csv")));
  }

  static String run(Path csvFile) {
    AccountTable raw = AccountTable.readCsv(csvFile, CsvOptions.defaults()
        .columnType("Channel", ColumnType.CATEGORICAL)
        .columnType("Region", ColumnType.CATEGORICAL));
    int n = raw.rowCount();
    double[] revenue = new double[n];
    for (String s : SPEND) {
      for (int i = 0; i < n; i++) {
        revenue[i] += raw.numeric(s).get(i);
      }
    }
    AccountTable withRevenue = raw.withColumn(NumericColumn.of("revenue", revenue));

    Criteria.Steps b = Criteria.builder();
    for (String s : SPEND) {
      b = b.numeric(s).log1p().standardize();
    }
    KMeansModel model = KMeans.builder().clusters(4).restarts(20).seed(7L).build()
        .fit(withRevenue, b.build());
    Segmentation segments0 = model.assign(withRevenue);

    // potential = max(own revenue, P90 of revenue in the segment)
    double[] potential = new double[n];
    int k = model.clusters();
    int biggest = 0;
    double biggestMean = -1;
    for (int s = 0; s < k; s++) {
      int[] rows = segments0.rowsOf(s);
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
    AccountTable accounts = withRevenue.withColumn(NumericColumn.of("potential", potential));
    Segmentation segments = model.assign(accounts);
    String topSegment = segments.segments().get(biggest).id();

    AllocationProblem problem = AllocationProblem.builder()
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
        .serviceLevel(ServiceLevel.ofChannels(topSegment, 0.5, Channel.FIELD))
        .build();
    AllocationPlan plan = problem.solve();

    StringBuilder sb = new StringBuilder();
    sb.append(model).append('\n').append(plan).append('\n');
    sb.append("Per segment:\n");
    for (SegmentSummary s : plan.segmentSummary()) {
      sb.append(String.format(Locale.ROOT, "  %-3s %4d accounts  value %12.0f  hours %s  options %s%n",
          s.segment(), s.accounts(), s.value(), s.hours(), s.accountsPerOption()));
    }
    sb.append("Shadow prices: ");
    for (LimitUsage u : plan.limits()) {
      sb.append(String.format(Locale.ROOT, "%s %.4g; ", u.name(), u.shadowPrice()));
    }
    sb.append('\n').append("Why account 1: ").append(plan.explain(0)).append('\n');
    sb.append("Top segment ").append(topSegment).append(", options of the first 10 accounts: ")
        .append(Arrays.toString(plan.accountIds().subList(0, 10).stream().map(plan::option).toArray()))
        .append('\n');
    return sb.toString();
  }
}
