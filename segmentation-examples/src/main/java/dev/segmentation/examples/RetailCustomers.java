package dev.segmentation.examples;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Builds the customer-level table {@code data/retail_customers.csv} from the UCI Online Retail invoice
 * lines (541,909 lines, 2010-12-01 to 2011-12-09; CC BY 4.0, see {@code data/retail_customers.README.md}).
 *
 * <p><b>Cleaning</b> (the usual RFM rules, as in the data set's README): a line counts as a purchase when
 * it has a CustomerID, its InvoiceNo does not start with {@code C} (cancellation), Quantity &gt; 0 and
 * UnitPrice &gt; 0. Cancellation lines with a CustomerID are summed separately as returns. Customers with
 * no purchase line at all (only cancellations) are left out of the table and counted in {@link
 * Summary#customersWithoutPurchases()}; nothing else is dropped.
 *
 * <p><b>Columns</b> (one row per customer, sorted by CustomerID):
 * <ul>
 *   <li>{@code CustomerID} — the 5-digit id (the source writes it as {@code 17850.0});
 *   <li>{@code Country} — the country of the customer's first purchase line;
 *   <li>{@code Recency} — days from the last purchase to the reference date 2011-12-10 (the day after
 *       the last invoice in the data);
 *   <li>{@code Frequency} — distinct purchase invoices;
 *   <li>{@code Monetary} — sum of Quantity × UnitPrice over purchase lines, in GBP, computed exactly in
 *       thousandths of a pound;
 *   <li>{@code Returns} — sum of |Quantity × UnitPrice| over the customer's cancellation lines, GBP;
 *   <li>{@code Tenure} — days from the first purchase to the reference date;
 *   <li>{@code Products} — distinct stock codes bought;
 *   <li>{@code Lines} — purchase lines;
 *   <li>{@code AvgOrder} — Monetary / Frequency, GBP, rounded half-even to 3 decimals.
 * </ul>
 */
public final class RetailCustomers {

  /** The reference date of Recency and Tenure: the day after the last invoice in the data. */
  public static final LocalDate REFERENCE_DATE = LocalDate.of(2011, 12, 10);

  private static final String HEADER =
      "CustomerID,Country,Recency,Frequency,Monetary,Returns,Tenure,Products,Lines,AvgOrder";

  private RetailCustomers() {}

  /**
   * What the aggregation read and kept.
   *
   * @param lines invoice lines read (header excluded)
   * @param purchaseLines lines kept as purchases
   * @param customers customers written
   * @param customersWithoutPurchases customers with a CustomerID but no purchase line
   * @param revenueMilli total Monetary over all customers, in thousandths of a GBP
   */
  public record Summary(long lines, long purchaseLines, int customers, int customersWithoutPurchases,
      long revenueMilli) {

    /**
     * Returns the total revenue kept.
     *
     * @return GBP, exact
     */
    public BigDecimal revenue() {
      return BigDecimal.valueOf(revenueMilli, 3);
    }
  }

  /**
   * Regenerates the customer table from the gzipped invoice lines.
   *
   * @param args {@code <online_retail.csv.gz> <retail_customers.csv>}
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RetailCustomers <online_retail.csv.gz> <retail_customers.csv>");
      System.exit(2);
    }
    Summary s = aggregate(Path.of(args[0]), Path.of(args[1]));
    System.out.println(s);
  }

  /**
   * Reads the gzipped invoice lines and writes one row per customer.
   *
   * @param gzCsv the gzip of the Online Retail CSV
   * @param out the customer CSV to write (UTF-8, LF line ends)
   * @return counts of what was read and kept
   */
  public static Summary aggregate(Path gzCsv, Path out) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzCsv), 1 << 16);
        Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      return aggregate(in, w);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot aggregate " + gzCsv + " into " + out + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Reads invoice lines (uncompressed CSV with the Online Retail header) and writes one row per customer.
   *
   * @param csv the invoice lines
   * @param out where the customer CSV goes
   * @return counts of what was read and kept
   * @throws IOException when reading or writing fails
   * @throws IllegalArgumentException when the header or a line is malformed (names the line)
   */
  public static Summary aggregate(InputStream csv, Writer out) throws IOException {
    Map<String, Customer> customers = new TreeMap<>();
    long lines = 0;
    long purchases = 0;
    CsvMapper mapper = new CsvMapper();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        MappingIterator<String[]> it = mapper.readerForArrayOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(reader)) {
      if (!it.hasNext()) {
        throw new IllegalArgumentException("Empty input; expected the Online Retail header");
      }
      String[] header = it.next();
      String expected = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
      if (!String.join(",", header).equals(expected)) {
        throw new IllegalArgumentException("Header is " + String.join(",", header) + "; expected "
            + expected);
      }
      while (it.hasNext()) {
        String[] f = it.next();
        lines++;
        long lineNo = lines + 1;
        if (f.length != 8) {
          throw new IllegalArgumentException("Line " + lineNo + " has " + f.length
              + " fields; expected 8");
        }
        String id = f[6].trim();
        if (id.isEmpty()) {
          continue;
        }
        if (id.endsWith(".0")) {
          id = id.substring(0, id.length() - 2);
        }
        long qty;
        long priceMilli;
        try {
          qty = Long.parseLong(f[3].trim());
          priceMilli = new BigDecimal(f[5].trim()).movePointRight(3).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
          throw new IllegalArgumentException("Line " + lineNo + ": Quantity '" + f[3]
              + "' or UnitPrice '" + f[5] + "' is not a number with at most 3 decimals", e);
        }
        LocalDate day = LocalDate.parse(f[4].trim().substring(0, 10));
        Customer c = customers.computeIfAbsent(id, k -> new Customer());
        if (f[0].startsWith("C")) {
          c.returnsMilli += Math.abs(Math.multiplyExact(qty, priceMilli));
          continue;
        }
        if (qty <= 0 || priceMilli <= 0) {
          continue;
        }
        purchases++;
        c.add(f[0], f[1], day, Math.multiplyExact(qty, priceMilli), f[7]);
      }
    }
    out.write(HEADER);
    out.write('\n');
    int written = 0;
    int without = 0;
    long revenue = 0;
    for (Map.Entry<String, Customer> e : customers.entrySet()) {
      Customer c = e.getValue();
      if (c.lines == 0) {
        without++;
        continue;
      }
      written++;
      revenue += c.monetaryMilli;
      int frequency = c.invoices.size();
      out.write(String.join(",",
          e.getKey(),
          quote(c.country),
          Long.toString(ChronoUnit.DAYS.between(c.last, REFERENCE_DATE)),
          Integer.toString(frequency),
          money(BigDecimal.valueOf(c.monetaryMilli, 3)),
          money(BigDecimal.valueOf(c.returnsMilli, 3)),
          Long.toString(ChronoUnit.DAYS.between(c.first, REFERENCE_DATE)),
          Integer.toString(c.products.size()),
          Long.toString(c.lines),
          money(BigDecimal.valueOf(c.monetaryMilli, 3)
              .divide(BigDecimal.valueOf(frequency), 3, java.math.RoundingMode.HALF_EVEN))));
      out.write('\n');
    }
    out.flush();
    return new Summary(lines, purchases, written, without, revenue);
  }

  private static String money(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Running aggregate of one customer. */
  private static final class Customer {
    final Set<String> invoices = new HashSet<>();
    final Set<String> products = new HashSet<>();
    long lines;
    long monetaryMilli;
    long returnsMilli;
    LocalDate first;
    LocalDate last;
    String country;

    void add(String invoice, String stockCode, LocalDate day, long amountMilli, String countryName) {
      invoices.add(invoice);
      products.add(stockCode);
      lines++;
      monetaryMilli = Math.addExact(monetaryMilli, amountMilli);
      if (first == null || day.isBefore(first)) {
        first = day;
      }
      if (last == null || day.isAfter(last)) {
        last = day;
      }
      if (country == null) {
        country = countryName;
      }
    }
  }
}
