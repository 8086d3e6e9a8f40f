package dev.segmentation.examples;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import java.nio.file.Path;

/**
 * The README quick start. The code between the README markers is copied verbatim into README.md, and
 * {@code QuickStartTest} checks that the two stay identical.
 */
public final class QuickStart {

  private QuickStart() {}

  /**
   * Runs the quick start on the bundled UCI wholesale customers data.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println(run(BundledData.path("wholesale_customers.csv")));
  }

  // README-BEGIN
  static String run(Path csvFile) {
    // 440 wholesale clients; ids are the 1-based row numbers; Channel and Region are codes.
    AccountTable accounts = AccountTable.readCsv(csvFile, CsvOptions.defaults()
        .columnType("Channel", ColumnType.CATEGORICAL)
        .columnType("Region", ColumnType.CATEGORICAL));

    Criteria criteria = Criteria.builder()
        .numeric("Grocery").log1p().standardize().weight(2.0)  // counts double in distances
        .numeric("Fresh").log1p().standardize()
        .ratio("milk_per_fresh", "Milk", "Fresh").log1p().robust()
        .categorical("Region")                                 // one-hot: Region=1, Region=2, ...
        .missing(MissingPolicy.MEDIAN)
        .build();

    FittedCriteria fitted = criteria.fit(accounts);           // learns means, stds, medians, levels
    FeatureMatrix features = fitted.transform(accounts);      // 440 x 6, row-major double[]
    String json = ModelJson.write(fitted);                    // versioned, exact round trip

    return accounts + "\n" + fitted + "\n" + features + "\nJSON: " + json.length() + " chars\n";
  }
  // README-END
}
