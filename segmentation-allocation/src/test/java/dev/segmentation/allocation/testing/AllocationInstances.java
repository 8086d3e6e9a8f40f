package dev.segmentation.allocation.testing;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.NumericColumn;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded generator of B2B coverage-allocation instances, shared by the allocation tests and (through
 * the test-jar) the allocation benchmarks.
 *
 * <p>Accounts: revenue {@code floor(exp(8 + 4u))} (about 3,000 to 160,000 a year), potential
 * {@code revenue * (1 + 3u)}, travel hours per visit {@code 0.5 + 2u}, or, in the <em>correlated</em>
 * variant, {@code 0.5 + revenue / 20,000} (large accounts take more field hours, so value grows with
 * resource use, which is hard for greedy methods). Segments by revenue: A {@code > 60,000}, B
 * {@code > 10,000}, C the rest.
 *
 * <p>Options: field 12 visits a year (segments A and B only; {@code 12 * (1.5 + travel)} field hours,
 * 1,800 a year), field 4 visits ({@code 4 * (1.5 + travel)} field hours, 600), inside sales 6 calls
 * (6 inside hours, 60) and 2 calls (2 hours, 20), partner (400, no hours) and none. Value from the
 * response model {@code ResponseModel("revenue", "potential", 0.25, 4, 1)} with retention 0.97, 0.94,
 * 0.92, 0.88, 0.85 and 0.70. Limits: two roles, field hours {@code tightness / 2} of the "all accounts
 * on field-12" hours and inside hours {@code 6 * n * tightness}, a budget of {@code 900 * n *
 * tightness}, and optionally a service level: at least half of segment A on a field option.
 */
public final class AllocationInstances {

  private AllocationInstances() {}

  /**
   * Generates an instance.
   *
   * @param n accounts
   * @param seed the seed (Commons RNG {@code XO_RO_SHI_RO_128_PP})
   * @param correlated whether value is correlated with resource use (hard for greedy methods)
   * @param tightness share of the "all field" hours available, in (0, 1]
   * @param serviceLevel whether to add a service level on segment A
   * @return the problem builder (accounts, roles, budget, options, response model); set the method and
   *     parallelism, then build
   */
  public static AllocationProblem.Builder generate(
      int n, long seed, boolean correlated, double tightness, boolean serviceLevel) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[] revenue = new double[n];
    double[] potential = new double[n];
    double[] travel = new double[n];
    String[] ids = new String[n];
    int[] seg = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "acct-" + i;
      revenue[i] = Math.floor(Math.exp(8 + 4 * rng.nextDouble()));
      potential[i] = revenue[i] * (1 + 3 * rng.nextDouble());
      travel[i] = correlated ? 0.5 + revenue[i] / 20000.0 : 0.5 + 2 * rng.nextDouble();
      seg[i] = revenue[i] > 60000 ? 0 : revenue[i] > 10000 ? 1 : 2;
    }
    AccountTable t = AccountTable.of(ids, NumericColumn.of("revenue", revenue),
        NumericColumn.of("potential", potential), NumericColumn.of("travel", travel));
    List<Segment> segments = List.of(new Segment(0, "A", "A", "large"),
        new Segment(1, "B", "B", "medium"), new Segment(2, "C", "C", "small"));
    double[] fieldHours12 = new double[n];
    double[] fieldHours4 = new double[n];
    for (int i = 0; i < n; i++) {
      fieldHours12[i] = 12 * (1.5 + travel[i]);
      fieldHours4[i] = 4 * (1.5 + travel[i]);
    }
    AccountTable t2 = t.withColumn(NumericColumn.of("field12", fieldHours12))
        .withColumn(NumericColumn.of("field4", fieldHours4));
    Segmentation s2 = Segmentation.of(t2, segments, seg, new UnassignedReason[n], new String[n]);
    double allField = 0;
    for (double h : fieldHours12) {
      allField += h;
    }
    AllocationProblem.Builder b = AllocationProblem.builder()
        .accounts(s2)
        .role(Role.of("field", Math.round(allField * tightness * 0.5)))
        .role(Role.of("inside", Math.round(n * 6.0 * tightness)))
        .budget(Math.round(n * 900.0 * tightness))
        .option(CoverageOption.builder("field-12", Channel.FIELD).hours("field", PerAccount.column("field12"))
            .cost(12 * 150).retention(0.97).effort(12).segments("A", "B").build())
        .option(CoverageOption.builder("field-4", Channel.FIELD).hours("field", PerAccount.column("field4"))
            .cost(4 * 150).retention(0.94).effort(4).build())
        .option(CoverageOption.builder("inside-6", Channel.INSIDE).hours("inside", 6).cost(60)
            .retention(0.92).effort(3).build())
        .option(CoverageOption.builder("inside-2", Channel.INSIDE).hours("inside", 2).cost(20)
            .retention(0.88).effort(1).build())
        .option(CoverageOption.builder("partner", Channel.PARTNER).cost(400).retention(0.85)
            .effort(0.5).build())
        .option(CoverageOption.builder("none", Channel.NONE).retention(0.7).build())
        .responseModel(new ResponseModel("revenue", "potential", 0.25, 4, 1.0));
    if (serviceLevel) {
      b.serviceLevel(ServiceLevel.ofChannels("A", 0.5, Channel.FIELD));
    }
    return b;
  }
}
