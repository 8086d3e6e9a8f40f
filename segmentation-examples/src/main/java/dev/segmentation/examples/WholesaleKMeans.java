package dev.segmentation.examples;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.KSelection;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import java.nio.file.Path;

/**
 * Behavioural segmentation of the UCI wholesale customers with k-means: k chosen by the library
 * (silhouette), clusters named from their largest deviations, the model saved as JSON and re-loaded.
 */
public final class WholesaleKMeans {

  private WholesaleKMeans() {}

  /**
   * Runs the example on the bundled data.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println(run(BundledData.path("wholesale_customers.csv")));
  }

  static String run(Path csvFile) {
    AccountTable accounts = AccountTable.readCsv(csvFile, CsvOptions.defaults()
        .columnType("Channel", ColumnType.CATEGORICAL)
        .columnType("Region", ColumnType.CATEGORICAL));

    Criteria criteria = Criteria.builder()
        .numeric("Fresh").log1p().standardize()
        .numeric("Milk").log1p().standardize()
        .numeric("Grocery").log1p().standardize()
        .numeric("Frozen").log1p().standardize()
        .numeric("Detergents_Paper").log1p().standardize()
        .numeric("Delicassen").log1p().standardize()
        .build();

    KMeans kmeans = KMeans.builder().clusters(2).restarts(20).seed(42L).build();
    KSelection.Result choice = KSelection.builder().kmeans(kmeans).range(2, 8).build()
        .run(accounts, criteria);
    KMeansModel model = choice.model(choice.suggestedK());
    Segmentation segments = model.assign(accounts);

    String json = ModelJson.write(model);
    KMeansModel reloaded = ModelJson.readKMeansModel(json);
    boolean same = reloaded.assign(accounts).equals(segments);

    return choice + "\n" + model + "\n" + segments + "\nSaved model: " + json.length()
        + " characters of JSON; reloaded model assigns identically: " + same + "\n";
  }
}
