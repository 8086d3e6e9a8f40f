package dev.segmentation.core.insight;

import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whitespace and cross-sell of every account of a table, in table order (see {@link Whitespace} for
 * the definitions).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class WhitespaceReport {

  private static final int PRINTED_ROWS = 20;

  private final String revenueColumn;
  private final String potentialColumn;
  private final List<String> productLines;
  private final double buyThreshold;
  private final String peers;
  private final List<AccountWhitespace> accounts;
  private final Map<String, Integer> index;

  WhitespaceReport(String revenueColumn, String potentialColumn, List<String> productLines,
      double buyThreshold, String peers, List<AccountWhitespace> accounts) {
    this.revenueColumn = revenueColumn;
    this.potentialColumn = potentialColumn;
    this.productLines = List.copyOf(productLines);
    this.buyThreshold = buyThreshold;
    this.peers = peers;
    this.accounts = List.copyOf(accounts);
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < this.accounts.size(); i++) {
      m.put(this.accounts.get(i).accountId(), i);
    }
    this.index = m;
  }

  /**
   * Returns the revenue column.
   *
   * @return the column name
   */
  public String revenueColumn() {
    return revenueColumn;
  }

  /**
   * Returns the potential column.
   *
   * @return the column name
   */
  public String potentialColumn() {
    return potentialColumn;
  }

  /**
   * Returns the product lines (spend columns), possibly empty.
   *
   * @return an unmodifiable list
   */
  public List<String> productLines() {
    return productLines;
  }

  /**
   * Returns the spend above which an account buys a line.
   *
   * @return the threshold
   */
  public double buyThreshold() {
    return buyThreshold;
  }

  /**
   * Describes the peers, for example {@code "10 nearest accounts in the criteria space"}.
   *
   * @return the description
   */
  public String peers() {
    return peers;
  }

  /**
   * Returns the number of accounts.
   *
   * @return the size
   */
  public int size() {
    return accounts.size();
  }

  /**
   * Returns the entry of one row.
   *
   * @param row 0-based row
   * @return the entry
   * @throws IndexOutOfBoundsException when the row is out of range
   */
  public AccountWhitespace account(int row) {
    return accounts.get(row);
  }

  /**
   * Returns the entry of an account by id.
   *
   * @param accountId the id
   * @return the entry, or empty when the id is not in the table
   */
  public Optional<AccountWhitespace> find(String accountId) {
    Integer row = index.get(Objects.requireNonNull(accountId, "accountId"));
    return row == null ? Optional.empty() : Optional.of(accounts.get(row));
  }

  /**
   * Returns every entry in table order.
   *
   * @return an unmodifiable list
   */
  public List<AccountWhitespace> all() {
    return accounts;
  }

  /**
   * Returns the whitespace of every account.
   *
   * @return a new array, {@code NaN} where revenue or potential is missing
   */
  public double[] whitespace() {
    double[] out = new double[accounts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = accounts.get(i).whitespace();
    }
    return out;
  }

  /**
   * Returns the sum of whitespace over accounts where it is known.
   *
   * @return the total
   */
  public double totalWhitespace() {
    double s = 0;
    for (AccountWhitespace a : accounts) {
      if (!Double.isNaN(a.whitespace())) {
        s += a.whitespace();
      }
    }
    return s;
  }

  /**
   * Counts the accounts whose revenue exceeds their potential (whitespace 0, flagged).
   *
   * @return the count
   */
  public int overPotentialCount() {
    int c = 0;
    for (AccountWhitespace a : accounts) {
      if (a.overPotential()) {
        c++;
      }
    }
    return c;
  }

  /**
   * Counts the accounts whose whitespace is unknown because revenue or potential is missing.
   *
   * @return the count
   */
  public int missingCount() {
    int c = 0;
    for (AccountWhitespace a : accounts) {
      if (Double.isNaN(a.whitespace())) {
        c++;
      }
    }
    return c;
  }

  /**
   * Compares columns, threshold, peers and every entry.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof WhitespaceReport w
        && revenueColumn.equals(w.revenueColumn)
        && potentialColumn.equals(w.potentialColumn)
        && productLines.equals(w.productLines)
        && Double.compare(buyThreshold, w.buyThreshold) == 0
        && peers.equals(w.peers)
        && accounts.equals(w.accounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revenueColumn, potentialColumn, productLines, peers, accounts);
  }

  /**
   * Prints totals and the first 20 accounts as an aligned table.
   *
   * @return the text
   */
  @Override
  public String toString() {
    int shown = Math.min(PRINTED_ROWS, accounts.size());
    double[][] num = new double[5][shown];
    for (int i = 0; i < shown; i++) {
      AccountWhitespace a = accounts.get(i);
      num[0][i] = a.revenue();
      num[1][i] = a.potential();
      num[2][i] = a.whitespace();
      num[3][i] = a.crossSellValue();
    }
    String[][] cells = new String[4][];
    for (int j = 0; j < 4; j++) {
      cells[j] = TextTable.formatNumbers(num[j]);
    }
    TextTable t = new TextTable(
        List.of("id", revenueColumn, potentialColumn, "whitespace", "cross-sell", "top line", "note"),
        new boolean[] {false, true, true, true, true, false, false});
    for (int i = 0; i < shown; i++) {
      AccountWhitespace a = accounts.get(i);
      String top = a.crossSell().isEmpty() ? "" : a.crossSell().get(0).productLine()
          + String.format(Locale.ROOT, " (%.0f%% of peers)", 100 * a.crossSell().get(0).peerShare());
      String note = a.overPotential() ? join("revenue > potential", a.note()) : a.note();
      t.addRow(a.accountId(), cells[0][i], cells[1][i], cells[2][i], cells[3][i], top, note);
    }
    List<String> flags = new ArrayList<>();
    if (overPotentialCount() > 0) {
      flags.add(overPotentialCount() + " with revenue > potential");
    }
    if (missingCount() > 0) {
      flags.add(missingCount() + " with revenue or potential missing");
    }
    return String.format(Locale.ROOT, "WhitespaceReport: %d accounts, total whitespace %s%s; "
            + "product lines %s, peers: %s%n", accounts.size(),
        TextTable.formatNumbers(new double[] {totalWhitespace()})[0],
        flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")",
        productLines.isEmpty() ? "none" : String.join(", ", productLines), peers)
        + t.render()
        + (accounts.size() > shown ? "... " + (accounts.size() - shown) + " more rows\n" : "");
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a + "; " + b;
  }
}
