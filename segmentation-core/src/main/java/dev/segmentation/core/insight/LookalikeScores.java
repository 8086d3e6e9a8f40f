package dev.segmentation.core.insight;

import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The lookalike scores of every account of a table, in table order, with the calibration that
 * produced them (see {@link Lookalike} for the definitions).
 *
 * <pre>{@code
 * LookalikeScores s = lookalike.score(accounts);
 * LookalikeScore one = s.score(0);              // score, distance, nearest reference, drivers
 * double[] all = s.scores();                    // NaN for accounts without features
 * String json = InsightJson.write(s);           // kind "lookalike-scores"
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class LookalikeScores {

  private static final int PRINTED_ROWS = 20;

  private final String referenceDescription;
  private final int referenceCount;
  private final int referenceWithoutFeatures;
  private final double medianReferenceDistance;
  private final double halfDistance;
  private final int drivers;
  private final List<String> ids;
  private final double[] score;
  private final double[] distance;
  private final String[] nearest;
  private final String[] reason;
  private final String[] driverName;
  private final double[] driverSq;
  private final double[] driverShare;
  private volatile Map<String, Integer> index;

  LookalikeScores(String referenceDescription, int referenceCount, int referenceWithoutFeatures,
      double medianReferenceDistance, double halfDistance, int drivers, List<String> ids,
      double[] score, double[] distance, String[] nearest, String[] reason, String[] driverName,
      double[] driverSq, double[] driverShare) {
    this.referenceDescription = referenceDescription;
    this.referenceCount = referenceCount;
    this.referenceWithoutFeatures = referenceWithoutFeatures;
    this.medianReferenceDistance = medianReferenceDistance;
    this.halfDistance = halfDistance;
    this.drivers = drivers;
    this.ids = List.copyOf(ids);
    this.score = score;
    this.distance = distance;
    this.nearest = nearest;
    this.reason = reason;
    this.driverName = driverName;
    this.driverSq = driverSq;
    this.driverShare = driverShare;
  }

  /**
   * Assembles scores from their parts (as reading JSON does).
   *
   * @param referenceDescription the reference set's description
   * @param referenceCount reference accounts with features, {@code >= 1}
   * @param referenceWithoutFeatures selected reference accounts without features, {@code >= 0}
   * @param medianReferenceDistance {@code d50}, finite and {@code >= 0}
   * @param halfDistance {@code h}, finite and {@code > 0}
   * @param scores one score per account, in table order, with distinct ids
   * @return the scores
   * @throws IllegalArgumentException when a number is out of range or an id repeats
   */
  public static LookalikeScores of(String referenceDescription, int referenceCount,
      int referenceWithoutFeatures, double medianReferenceDistance, double halfDistance,
      List<LookalikeScore> scores) {
    Objects.requireNonNull(referenceDescription, "referenceDescription");
    Objects.requireNonNull(scores, "scores");
    if (referenceCount < 1 || referenceWithoutFeatures < 0) {
      throw new IllegalArgumentException("referenceCount must be >= 1 and referenceWithoutFeatures "
          + ">= 0, were " + referenceCount + " and " + referenceWithoutFeatures + ".");
    }
    if (!(medianReferenceDistance >= 0) || Double.isInfinite(medianReferenceDistance)
        || !(halfDistance > 0) || Double.isInfinite(halfDistance)) {
      throw new IllegalArgumentException("medianReferenceDistance must be finite and >= 0 and "
          + "halfDistance finite and > 0, were " + medianReferenceDistance + " and " + halfDistance
          + ".");
    }
    int n = scores.size();
    int k = 0;
    for (LookalikeScore s : scores) {
      k = Math.max(k, Objects.requireNonNull(s, "score").drivers().size());
    }
    List<String> ids = new ArrayList<>(n);
    double[] score = new double[n];
    double[] dist = new double[n];
    String[] nearest = new String[n];
    String[] reason = new String[n];
    String[] dn = new String[n * k];
    double[] ds = new double[n * k];
    double[] dh = new double[n * k];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      LookalikeScore s = scores.get(i);
      Integer before = seen.putIfAbsent(s.accountId(), i);
      if (before != null) {
        throw new IllegalArgumentException("Duplicate account id \"" + s.accountId() + "\" at rows "
            + before + " and " + i + "; ids must be unique.");
      }
      ids.add(s.accountId());
      score[i] = s.score();
      dist[i] = s.distance();
      nearest[i] = s.nearestReferenceId();
      reason[i] = s.reason();
      for (int j = 0; j < s.drivers().size(); j++) {
        ScoreDriver d = s.drivers().get(j);
        dn[i * k + j] = d.criterion();
        ds[i * k + j] = d.squaredDistance();
        dh[i * k + j] = d.share();
      }
    }
    return new LookalikeScores(referenceDescription, referenceCount, referenceWithoutFeatures,
        medianReferenceDistance, halfDistance, k, ids, score, dist, nearest, reason, dn, ds, dh);
  }

  /**
   * Returns the description of the reference set, for example {@code "top 10% by revenue"}.
   *
   * @return the description
   */
  public String referenceDescription() {
    return referenceDescription;
  }

  /**
   * Returns the number of reference accounts with features (the points of the k-d tree).
   *
   * @return the count, {@code >= 1}
   */
  public int referenceCount() {
    return referenceCount;
  }

  /**
   * Returns the number of accounts the reference set selected that have no features and were
   * therefore not used as reference points.
   *
   * @return the count
   */
  public int referenceWithoutFeatures() {
    return referenceWithoutFeatures;
  }

  /**
   * Returns {@code d50}: the median leave-one-out nearest-neighbour distance among the reference
   * accounts; accounts at most this far from a reference account score 100.
   *
   * @return the distance, {@code >= 0}
   */
  public double medianReferenceDistance() {
    return medianReferenceDistance;
  }

  /**
   * Returns {@code h}: beyond {@code d50}, the score halves with every {@code h} of distance.
   *
   * @return the half distance, {@code > 0}
   */
  public double halfDistance() {
    return halfDistance;
  }

  /**
   * Returns the number of accounts.
   *
   * @return the number of scores
   */
  public int size() {
    return ids.size();
  }

  /**
   * Returns the account ids in table order.
   *
   * @return an unmodifiable list
   */
  public List<String> accountIds() {
    return ids;
  }

  /**
   * Returns the score of one row with its explanation.
   *
   * @param row 0-based row
   * @return the score
   * @throws IndexOutOfBoundsException when the row is out of range
   */
  public LookalikeScore score(int row) {
    Objects.checkIndex(row, ids.size());
    List<ScoreDriver> list = new ArrayList<>(drivers);
    for (int j = 0; j < drivers; j++) {
      int at = row * drivers + j;
      if (driverName[at] != null) {
        list.add(new ScoreDriver(driverName[at], driverSq[at], driverShare[at]));
      }
    }
    return new LookalikeScore(ids.get(row), score[row], distance[row], nearest[row], list,
        reason[row]);
  }

  /**
   * Returns the score of an account by id.
   *
   * @param accountId the id
   * @return the score, or empty when the id is not in the table
   */
  public Optional<LookalikeScore> find(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    Map<String, Integer> m = index;
    if (m == null) {
      m = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        m.put(ids.get(i), i);
      }
      index = m;
    }
    Integer row = m.get(accountId);
    return row == null ? Optional.empty() : Optional.of(score(row));
  }

  /**
   * Returns every score, in table order.
   *
   * @return an unmodifiable list of {@link #size()} scores
   */
  public List<LookalikeScore> all() {
    List<LookalikeScore> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.add(score(i));
    }
    return List.copyOf(out);
  }

  /**
   * Returns the scores as numbers.
   *
   * @return a new array, one score per account, {@code NaN} for accounts without features
   */
  public double[] scores() {
    return score.clone();
  }

  /**
   * Returns the distances to the nearest reference account.
   *
   * @return a new array, {@code NaN} for accounts without features
   */
  public double[] distances() {
    return distance.clone();
  }

  /**
   * Counts the accounts without a score (no features).
   *
   * @return the count
   */
  public int unscoredCount() {
    int c = 0;
    for (String r : reason) {
      if (!r.isEmpty()) {
        c++;
      }
    }
    return c;
  }

  /**
   * Compares the calibration and every account's score, distance, nearest reference, drivers and
   * reason.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LookalikeScores other)) {
      return false;
    }
    if (!referenceDescription.equals(other.referenceDescription)
        || referenceCount != other.referenceCount
        || referenceWithoutFeatures != other.referenceWithoutFeatures
        || Double.compare(medianReferenceDistance, other.medianReferenceDistance) != 0
        || Double.compare(halfDistance, other.halfDistance) != 0
        || !ids.equals(other.ids)
        || !Arrays.equals(score, other.score)
        || !Arrays.equals(distance, other.distance)
        || !Arrays.equals(nearest, other.nearest)
        || !Arrays.equals(reason, other.reason)) {
      return false;
    }
    for (int i = 0; i < ids.size(); i++) {
      if (!score(i).drivers().equals(other.score(i).drivers())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(referenceDescription, referenceCount, ids, Arrays.hashCode(score));
  }

  /**
   * Prints the calibration and the first 20 accounts as an aligned table.
   *
   * @return the text
   */
  @Override
  public String toString() {
    int shown = Math.min(PRINTED_ROWS, ids.size());
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "LookalikeScores: %d accounts vs reference '%s' "
            + "(%d accounts with features%s); d50 = %.4g, half distance = %.4g%s%n",
        ids.size(), referenceDescription, referenceCount,
        referenceWithoutFeatures == 0 ? "" : ", " + referenceWithoutFeatures + " without",
        medianReferenceDistance, halfDistance,
        unscoredCount() == 0 ? "" : "; " + unscoredCount() + " account(s) without features"));
    double[] s = Arrays.copyOf(score, shown);
    double[] d = Arrays.copyOf(distance, shown);
    String[] sc = formatFixed(s, 1);
    String[] dc = TextTable.formatNumbers(d);
    TextTable t = new TextTable(List.of("id", "score", "distance", "nearest", "pulled down by"),
        new boolean[] {false, true, true, false, false});
    for (int i = 0; i < shown; i++) {
      LookalikeScore one = score(i);
      StringBuilder why = new StringBuilder();
      for (ScoreDriver drv : one.drivers()) {
        if (why.length() > 0) {
          why.append(", ");
        }
        why.append(drv.criterion()).append(' ')
            .append(String.format(Locale.ROOT, "%.0f%%", 100 * drv.share()));
      }
      t.addRow(ids.get(i), sc[i], dc[i], nearest[i],
          one.isScored() ? why.toString() : one.reason());
    }
    sb.append(t.render());
    if (ids.size() > shown) {
      sb.append("... ").append(ids.size() - shown).append(" more rows\n");
    }
    return sb.toString();
  }

  static String[] formatFixed(double[] v, int decimals) {
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.isNaN(v[i]) ? "NA" : String.format(Locale.ROOT, "%." + decimals + "f", v[i]);
    }
    return out;
  }
}
