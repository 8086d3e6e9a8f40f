package dev.segmentation.examples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.examples.BundledData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, concurrency: one immutable model of each kind assigns from 16 threads at once (all released
 * together, 25 calls each) and every result equals the single-threaded one.
 */
class SharedModelConcurrencyTest {

  private static final AccountTable ACCOUNTS = AccountTable.readCsv(
      BundledData.path("wholesale_customers.csv"), CsvOptions.defaults()
          .columnType("Channel", ColumnType.CATEGORICAL).columnType("Region", ColumnType.CATEGORICAL));

  static Stream<SegmentModel> models() {
    Criteria criteria = Criteria.builder()
        .numeric("Fresh").log1p().standardize()
        .numeric("Grocery").log1p().standardize()
        .categorical("Region")
        .build();
    return Stream.of(
        KMeans.builder().clusters(4).restarts(3).seed(5L).build().fit(ACCOUNTS, criteria),
        QuantileModel.builder().column("Grocery").deciles().fit(ACCOUNTS),
        AbcModel.builder().value("Fresh").fit(ACCOUNTS),
        RuleModel.builder()
            .segment("Big grocers").when("Grocery > 10000 and Channel = \"2\"")
            .segment("Fresh").when("Fresh > 20000")
            .otherwise("Other")
            .build());
  }

  @ParameterizedTest
  @MethodSource("models")
  void sixteenThreadsGetTheSingleThreadAnswer(SegmentModel model) throws Exception {
    Segmentation expected = model.assign(ACCOUNTS);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Segmentation>>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          List<Segmentation> out = new ArrayList<>();
          for (int i = 0; i < 25; i++) {
            out.add(model.assign(ACCOUNTS));
          }
          return out;
        }));
      }
      start.countDown();
      int checked = 0;
      for (Future<List<Segmentation>> f : futures) {
        for (Segmentation s : f.get()) {
          assertEquals(expected, s, model.kind() + ": concurrent assignment equals single-thread");
          checked++;
        }
      }
      assertEquals(16 * 25, checked);
    } finally {
      pool.shutdownNow();
    }
  }
}
