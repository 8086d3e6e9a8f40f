package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WholesaleKMeansTest {

  @Test
  void choosesKSegmentsAndRoundTripsTheModel() {
    String report = WholesaleKMeans.run(BundledData.path("wholesale_customers.csv"));
    assertTrue(report.contains("KSelection: suggested k="), "k selection table:\n" + report);
    assertTrue(report.contains("Segmentation: 440 accounts"), "every account segmented:\n" + report);
    assertTrue(report.contains("0 unassigned"), "no account left unassigned:\n" + report);
    assertTrue(report.contains("reloaded model assigns identically: true"),
        "JSON round trip assigns identically:\n" + report);
  }
}
