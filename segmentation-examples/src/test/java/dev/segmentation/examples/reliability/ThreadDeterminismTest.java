package dev.segmentation.examples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.insight.Lookalike;
import dev.segmentation.core.insight.ReferenceSet;
import dev.segmentation.core.json.InsightJson;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.KSelection;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, determinism: every randomised or parallel algorithm gives bit-identical output (the bytes of
 * its JSON document) for 1, 2 and 8 threads. The data has 12,000 accounts so that the work spans
 * several 4,096-row blocks.
 */
class ThreadDeterminismTest {

  private static final int[] THREADS = {1, 2, 8};
  private static AccountTable accounts;
  private static Criteria criteria;

  @BeforeAll
  static void data() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261125L);
    int n = 12_000;
    String[] ids = new String[n];
    double[] revenue = new double[n];
    double[] potential = new double[n];
    double[] visits = new double[n];
    double[] tenure = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "acct-" + i;
      int cluster = i % 5;
      revenue[i] = Math.exp(8 + cluster + 2 * rng.nextDouble() - 1);
      potential[i] = revenue[i] * (1 + 2 * rng.nextDouble());
      visits[i] = Math.floor(cluster * 3 + 4 * rng.nextDouble());
      tenure[i] = 365 * rng.nextDouble() * (1 + cluster);
    }
    accounts = AccountTable.of(ids, NumericColumn.of("revenue", revenue),
        NumericColumn.of("potential", potential), NumericColumn.of("visits", visits),
        NumericColumn.of("tenure", tenure));
    criteria = Criteria.builder()
        .numeric("revenue").log1p().standardize()
        .numeric("visits").standardize()
        .numeric("tenure").standardize()
        .build();
  }

  private static void sameForAllThreadCounts(String what, IntFunction<String> run) {
    String one = run.apply(THREADS[0]);
    for (int t : THREADS) {
      assertEquals(one, run.apply(t), what + ": JSON with " + t + " threads equals 1 thread");
    }
  }

  private static KMeans kmeans(int threads) {
    return KMeans.builder().clusters(5).restarts(3).seed(11L).parallelism(threads).build();
  }

  @Test
  void kMeansModel() {
    sameForAllThreadCounts("k-means", t -> ModelJson.write(kmeans(t).fit(accounts, criteria)));
  }

  @Test
  void kSelection() {
    sameForAllThreadCounts("k-selection", t -> {
      KSelection.Result r = KSelection.builder().kmeans(kmeans(t)).range(2, 4).exactSilhouetteLimit(2_000).build()
          .run(accounts, criteria);
      return r.rows().toString() + r.suggestedK() + ModelJson.write(r.model(r.suggestedK()));
    });
  }

  @Test
  void lookalikeScores() {
    KMeansModel model = kmeans(1).fit(accounts, criteria);
    sameForAllThreadCounts("lookalike", t -> InsightJson.write(Lookalike.builder(model.criteria())
        .reference(ReferenceSet.topFraction("revenue", 0.05)).parallelism(t).build().score(accounts)));
  }

  @Test
  void coverageAllocation() {
    Segmentation seg = kmeans(1).fit(accounts, criteria).assign(accounts);
    sameForAllThreadCounts("allocation", t -> AllocationJson.write(AllocationProblem.builder()
        .accounts(seg)
        .role(Role.of("field", 20_000))
        .budget(150_000)
        .option(CoverageOption.builder("field-6", Channel.FIELD).hours("field", 12).cost(120)
            .retention(0.95).effort(6).build())
        .option(CoverageOption.builder("inside-4", Channel.INSIDE).cost(20).retention(0.9)
            .effort(2).build())
        .option(CoverageOption.none("none"))
        .responseModel(new ResponseModel("revenue", "potential", 0.3, 4, 1.0))
        .parallelism(t)
        .build()
        .solve()));
  }

  @Test
  void territories() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    List<TerritoryAccount> list = new ArrayList<>();
    for (int i = 0; i < accounts.rowCount(); i++) {
      list.add(TerritoryAccount.of(accounts.id(i), 1 + rng.nextInt(20), rng.nextDouble() * 1e5)
          .location(48 + 6 * rng.nextDouble(), 6 + 8 * rng.nextDouble()));
    }
    List<TerritoryRep> reps = new ArrayList<>();
    for (int r = 0; r < 12; r++) {
      reps.add(TerritoryRep.of("rep-" + r, "field", 1_000).home(48 + r * 0.5, 6 + (r % 4) * 2));
    }
    sameForAllThreadCounts("territories", t -> TerritoryJson.write(TerritoryProblem.builder()
        .role("field").reps(reps).accounts(list).parallelism(t).build().solve()));
  }
}
