package dev.segmentation.examples;

/**
 * Runs every example on the bundled data: {@code mvn -B -q -DskipTests -Prun-examples package}.
 */
public final class RunExamples {

  private RunExamples() {}

  /**
   * Runs the examples in order and prints their reports.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println("== Quick start: UCI wholesale customers ==");
    QuickStart.main(args);
    System.out.println("== k-means with k chosen by silhouette: UCI wholesale customers ==");
    WholesaleKMeans.main(args);
    System.out.println("== Coverage allocation under hours, budget and a service level ==");
    WholesaleAllocation.main(args);
    System.out.println("== End to end on UCI Online Retail: segments, coverage, territories, quotas,"
        + " priorities and an HTML report ==");
    RetailEndToEnd.main(new String[] {"target/retail-report.html"});
  }
}
