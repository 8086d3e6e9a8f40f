package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RetailCustomersTest {

  private static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

  @Test
  void bundledTableIsExactlyTheAggregateOfTheRawLines() throws IOException {
    Path raw = Path.of("data-raw/online_retail.csv.gz");
    StringWriter out = new StringWriter();
    RetailCustomers.Summary s;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(raw), 1 << 16)) {
      s = RetailCustomers.aggregate(in, out);
    }
    assertEquals(541_909, s.lines(), "invoice lines in the UCI data");
    assertEquals(397_884, s.purchaseLines(), "purchase lines after the RFM cleaning");
    assertEquals(4_338, s.customers(), "customers with at least one purchase");
    assertEquals(34, s.customersWithoutPurchases(), "customers with only cancellations");
    assertEquals(new BigDecimal("8911407.904"), s.revenue(), "revenue kept (data set README)");
    String bundled = Files.readString(BundledData.path("retail_customers.csv"), StandardCharsets.UTF_8);
    assertEquals(bundled, out.toString(), "bundled retail_customers.csv is the aggregate of the raw lines");
  }

  @Test
  void cleaningRulesOnASmallFixture() throws IOException {
    String csv = HEADER
        + "1,A,\"lamp, red\",2,2011-12-01 10:00:00,1.5,100.0,France\n"
        + "1,B,x,1,2011-12-01 10:00:00,0.125,100.0,France\n"
        + "2,A,x,3,2011-12-09 12:00:00,1.5,100.0,Spain\n"
        + "C3,A,x,-1,2011-12-09 13:00:00,1.5,100.0,France\n"   // cancellation: returns 1.5
        + "4,A,x,-5,2011-12-09 13:00:00,1.5,100.0,France\n"    // stock correction: ignored
        + "5,A,x,5,2011-12-09 13:00:00,0,100.0,France\n"       // free item: ignored
        + "6,A,x,5,2011-12-09 13:00:00,2,,France\n"            // no customer: ignored
        + "C7,A,x,-2,2011-12-09 13:00:00,2,200.0,Italy\n";     // customer with only a cancellation
    StringWriter out = new StringWriter();
    RetailCustomers.Summary s = RetailCustomers.aggregate(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), out);
    assertEquals(3, s.purchaseLines());
    assertEquals(1, s.customers());
    assertEquals(1, s.customersWithoutPurchases());
    assertEquals(new BigDecimal("7.625"), s.revenue());
    assertEquals("CustomerID,Country,Recency,Frequency,Monetary,Returns,Tenure,Products,Lines,AvgOrder\n"
        + "100,France,1,2,7.625,1.5,9,2,3,3.812\n", out.toString(),
        "recency/tenure to 2011-12-10, frequency = invoices, AvgOrder half-even to 3 decimals");
  }

  @Test
  void malformedLinesAreNamed() {
    String csv = HEADER + "1,A,x,two,2011-12-01 10:00:00,1.5,100.0,France\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RetailCustomers.aggregate(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), new StringWriter()));
    assertTrue(e.getMessage().startsWith("Line 2: Quantity 'two'"), e.getMessage());
  }
}
