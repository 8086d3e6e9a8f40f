package dev.segmentation.allocation.quota;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The figures of one rep that a quota split reads: the potential of the rep's territory, last year's
 * revenue and, optionally, last year's quota.
 *
 * @param repId the rep id, non-blank
 * @param potential the territory's potential per year, finite and {@code >= 0}
 * @param lastYearRevenue last year's revenue, finite and {@code >= 0}
 * @param lastYearQuota last year's quota (finite, {@code >= 0}), empty for a new rep
 * @since 0.1
 */
public record RepFigures(String repId, double potential, double lastYearRevenue,
    OptionalDouble lastYearQuota) {

  /**
   * Validates.
   *
   * @param repId rep id
   * @param potential potential
   * @param lastYearRevenue last year's revenue
   * @param lastYearQuota last year's quota
   * @throws IllegalArgumentException for a blank id or a value that is negative or not finite
   */
  public RepFigures {
    Objects.requireNonNull(repId, "repId");
    Objects.requireNonNull(lastYearQuota, "lastYearQuota");
    if (repId.isBlank()) {
      throw new IllegalArgumentException("RepFigures.repId must be non-blank.");
    }
    check(repId, "potential", potential);
    check(repId, "lastYearRevenue", lastYearRevenue);
    if (lastYearQuota.isPresent()) {
      check(repId, "lastYearQuota", lastYearQuota.getAsDouble());
    }
  }

  private static void check(String rep, String what, double v) {
    if (!(Double.isFinite(v) && v >= 0)) {
      throw new IllegalArgumentException("RepFigures of rep \"" + rep + "\": " + what
          + " must be finite and >= 0, was " + v + ".");
    }
  }

  /**
   * Figures of a rep without last-year quota (a new rep: no caps apply).
   *
   * @param repId the rep id
   * @param potential the potential
   * @param lastYearRevenue last year's revenue
   * @return the figures
   */
  public static RepFigures of(String repId, double potential, double lastYearRevenue) {
    return new RepFigures(repId, potential, lastYearRevenue, OptionalDouble.empty());
  }

  /**
   * Returns these figures with last year's quota.
   *
   * @param quota last year's quota, finite and {@code >= 0}
   * @return the new figures
   */
  public RepFigures withLastYearQuota(double quota) {
    return new RepFigures(repId, potential, lastYearRevenue, OptionalDouble.of(quota));
  }

  /**
   * Sums potential and revenue per rep over an account table whose owner column holds each account's
   * rep id (for example a column made from a territory assignment).
   *
   * <pre>{@code
   * List<RepFigures> reps = RepFigures.fromAccounts(accounts, "rep", "potential", "revenue_last_year",
   *     Map.of("ana", 1_200_000.0, "ben", 900_000.0));      // last year's quotas, where known
   * }</pre>
   *
   * @param table the accounts
   * @param ownerColumn a categorical column with each account's rep id; every account needs one
   * @param potentialColumn a numeric column with each account's potential
   * @param revenueColumn a numeric column with each account's last-year revenue
   * @param lastYearQuotas last year's quota per rep id; reps not in the map have none, and every key
   *     must be a rep of the table
   * @return one entry per rep, sorted by rep id; sums in table order
   * @throws DataValidationException when an account has no owner, or a missing, negative or infinite
   *     potential or revenue (the message names the account and column; filter the table first to
   *     leave accounts out)
   * @throws IllegalArgumentException when a column is missing or of the wrong type, or a quota names
   *     a rep without accounts
   */
  public static List<RepFigures> fromAccounts(AccountTable table, String ownerColumn,
      String potentialColumn, String revenueColumn, Map<String, Double> lastYearQuotas) {
    Objects.requireNonNull(table, "table");
    Map<String, Double> quotas = new TreeMap<>(lastYearQuotas);
    CategoricalColumn owner = table.categorical(Objects.requireNonNull(ownerColumn, "ownerColumn"));
    double[] potential = values(table, potentialColumn);
    double[] revenue = values(table, revenueColumn);
    Map<String, double[]> sums = new TreeMap<>();
    for (int i = 0; i < table.rowCount(); i++) {
      String rep = owner.value(i).orElse("");
      if (rep.isBlank()) {
        throw new DataValidationException("Account \"" + table.id(i) + "\" has no owner in column '"
            + ownerColumn + "'; every account needs a rep to split quotas.\n"
            + "Filter the table first to leave unowned accounts out.", table.id(i), ownerColumn, -1,
            null);
      }
      double[] s = sums.computeIfAbsent(rep, k -> new double[2]);
      s[0] += potential[i];
      s[1] += revenue[i];
    }
    for (String rep : quotas.keySet()) {
      if (!sums.containsKey(rep)) {
        throw new IllegalArgumentException("Last-year quota of rep \"" + rep
            + "\", who owns no account in column '" + ownerColumn + "'; reps are: " + sums.keySet()
            + ".");
      }
    }
    List<RepFigures> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      Double q = quotas.get(e.getKey());
      out.add(new RepFigures(e.getKey(), e.getValue()[0], e.getValue()[1],
          q == null ? OptionalDouble.empty() : OptionalDouble.of(q)));
    }
    return List.copyOf(out);
  }

  /**
   * Sums potential and revenue per rep over an account table, without last-year quotas (see
   * {@link #fromAccounts(AccountTable, String, String, String, Map)}).
   *
   * @param table the accounts
   * @param ownerColumn a categorical column with each account's rep id
   * @param potentialColumn a numeric column with each account's potential
   * @param revenueColumn a numeric column with each account's last-year revenue
   * @return one entry per rep, sorted by rep id
   * @throws DataValidationException when an account has no owner, or a bad potential or revenue
   * @throws IllegalArgumentException when a column is missing or of the wrong type
   */
  public static List<RepFigures> fromAccounts(AccountTable table, String ownerColumn,
      String potentialColumn, String revenueColumn) {
    return fromAccounts(table, ownerColumn, potentialColumn, revenueColumn, Map.of());
  }

  static double[] values(AccountTable table, String column) {
    double[] v = table.numeric(Objects.requireNonNull(column, "column")).toArray();
    for (int i = 0; i < v.length; i++) {
      if (!(Double.isFinite(v[i]) && v[i] >= 0)) {
        throw new DataValidationException(String.format(Locale.ROOT,
            "Column '%s', account \"%s\": %s; expected a finite number >= 0.", column, table.id(i),
            Double.isNaN(v[i]) ? "the value is missing" : "the value is " + v[i]), table.id(i), column,
            -1, null);
      }
    }
    return v;
  }
}
