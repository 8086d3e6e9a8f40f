package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.RowIssue;
import dev.segmentation.core.internal.CriterionValues;
import dev.segmentation.core.internal.FeatureTransform;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted k-means segment model: the fitted criteria, {@code k} centroids in feature space and in
 * original units, and the fit's inertia, iterations and convergence. New accounts are assigned to the
 * nearest centroid in Euclidean feature space (ties: lowest index); accounts without features are
 * unassigned with the reason from {@link FeatureMatrix#issues()}.
 *
 * <p><b>Original units.</b> {@link #originalCentroid(int)} gives, per feature column, the mean raw value
 * of the cluster's training accounts (after imputation, weighted by the account weights when k-means
 * was weighted) for numeric criteria, and the share of the cluster's accounts in each level for
 * categorical criteria. It is not the inverse transform of the centroid (which does not exist for
 * winsorize or clip, and after {@code log1p} would be a geometric mean).
 *
 * <p><b>Names.</b> Each cluster gets a default name from its largest deviations from the overall mean:
 * for each feature, {@code z = (centroid - mean) / std} over the training accounts in feature space; the
 * two features with the largest {@code |z| >= 0.5} give words such as "high Grocery, low Fresh"
 * ("Region=3" / "not Region=3" for one-hot features), or "average" when none deviates. Repeated names get
 * a suffix " #2", " #3". Rename with {@link #withSegmentNames(List)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class KMeansModel implements SegmentModel {

  /** The JSON kind of k-means models. */
  public static final String KIND = "kmeans-model";

  private final KMeans settings;
  private final FittedCriteria criteria;
  private final int k;
  private final int d;
  private final double[] centroids;
  private final double[] originalCentroids;
  private final List<Segment> segments;
  private final int[] clusterSizes;
  private final double inertia;
  private final int iterations;
  private final boolean converged;
  private final int bestRestart;
  private final FitStatus status;

  private KMeansModel(
      KMeans settings, FittedCriteria criteria, double[] centroids, double[] originalCentroids,
      List<Segment> segments, int[] clusterSizes, double inertia, int iterations, boolean converged,
      int bestRestart, FitStatus status) {
    this.settings = settings;
    this.criteria = criteria;
    this.k = segments.size();
    this.d = criteria.dimension();
    this.centroids = centroids;
    this.originalCentroids = originalCentroids;
    this.segments = List.copyOf(segments);
    this.clusterSizes = clusterSizes;
    this.inertia = inertia;
    this.iterations = iterations;
    this.converged = converged;
    this.bestRestart = bestRestart;
    this.status = status;
  }

  /**
   * Assembles a model from its stored parts (as reading JSON does).
   *
   * @param settings the trainer configuration that produced it
   * @param criteria the fitted criteria
   * @param centroids {@code k} rows of {@code d} feature values
   * @param originalCentroids {@code k} rows of {@code d} values in original units
   * @param segments {@code k} segments, index {@code j} for cluster {@code j}
   * @param clusterSizes training accounts per cluster
   * @param inertia the fit's inertia, finite and {@code >= 0}
   * @param iterations centroid updates of the winning restart
   * @param converged whether the winning restart converged
   * @param bestRestart index of the winning restart
   * @return the model, with {@link #status()} {@link FitStatus#CONVERGED} when {@code converged},
   *     else {@link FitStatus#MAX_ITERATIONS}
   * @throws IllegalArgumentException when shapes do not match or values are not finite
   */
  public static KMeansModel of(
      KMeans settings, FittedCriteria criteria, double[][] centroids, double[][] originalCentroids,
      List<Segment> segments, int[] clusterSizes, double inertia, int iterations, boolean converged,
      int bestRestart) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(criteria, "criteria");
    int k = segments.size();
    int d = criteria.dimension();
    if (k < 1 || centroids.length != k || originalCentroids.length != k || clusterSizes.length != k) {
      throw new IllegalArgumentException("KMeansModel needs k >= 1 segments, centroids, original "
          + "centroids and sizes of equal count; had " + k + ", " + centroids.length + ", "
          + originalCentroids.length + ", " + clusterSizes.length + ".");
    }
    if (settings.clusters() != k) {
      throw new IllegalArgumentException(
          "KMeansModel has " + k + " segments but its settings say " + settings.clusters() + ".");
    }
    double[] c = flatten(centroids, d, "centroids", true);
    double[] o = flatten(originalCentroids, d, "originalCentroids", false);
    for (int j = 0; j < k; j++) {
      if (segments.get(j).index() != j) {
        throw new IllegalArgumentException("Segment " + j + " has index " + segments.get(j).index());
      }
      if (clusterSizes[j] < 0) {
        throw new IllegalArgumentException("clusterSizes[" + j + "] is negative.");
      }
    }
    if (!(Double.isFinite(inertia) && inertia >= 0) || iterations < 0 || bestRestart < 0) {
      throw new IllegalArgumentException("KMeansModel needs finite inertia >= 0 and iterations, "
          + "bestRestart >= 0; had " + inertia + ", " + iterations + ", " + bestRestart + ".");
    }
    checkUniqueIds(segments);
    return new KMeansModel(settings, criteria, c, o, segments, clusterSizes.clone(), inertia,
        iterations, converged, bestRestart,
        converged ? FitStatus.CONVERGED : FitStatus.MAX_ITERATIONS);
  }

  private static double[] flatten(double[][] rows, int d, String what, boolean finite) {
    double[] out = new double[rows.length * d];
    for (int j = 0; j < rows.length; j++) {
      if (rows[j].length != d) {
        throw new IllegalArgumentException(
            what + "[" + j + "] has " + rows[j].length + " values, expected " + d + ".");
      }
      for (int t = 0; t < d; t++) {
        double v = rows[j][t];
        if (finite ? !Double.isFinite(v) : Double.isInfinite(v)) {
          throw new IllegalArgumentException(what + "[" + j + "][" + t + "] is " + v + ".");
        }
        out[j * d + t] = v;
      }
    }
    return out;
  }

  private static void checkUniqueIds(List<Segment> segments) {
    Set<String> ids = new HashSet<>();
    for (Segment s : segments) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("Segment id \"" + s.id() + "\" is used twice.");
      }
    }
  }

  /**
   * Assembles a fitted model; {@code moments} are {@link #featureMoments} of the training features
   * (label-independent, so a fit computes them before its restarts and a stopped fit returns sooner).
   */
  static KMeansModel create(
      KMeans settings, FittedCriteria criteria, AccountTable table, int[] rows, int n, double[] x,
      double[] w, KMeansEngine.Result result, int bestRestart, FitStatus status,
      double[][] moments) {
    int k = settings.clusters();
    int d = criteria.dimension();
    int[] labels = result.labels();
    int[] sizes = new int[k];
    double[] clusterW = new double[k];
    for (int r = 0; r < n; r++) {
      sizes[labels[r]]++;
      clusterW[labels[r]] += w == null ? 1.0 : w[r];
    }
    double[] original = originalUnits(criteria, table, rows, n, labels, w, k, d, clusterW);
    List<Segment> segments =
        defaultSegments(criteria, result.centers(), original, moments[0], moments[1], k, d);
    return new KMeansModel(settings, criteria, result.centers(), original, segments, sizes,
        result.inertia(), result.iterations(), result.converged(), bestRestart, status);
  }

  /**
   * The overall weighted mean and standard deviation of each feature (for names), summed in row order.
   *
   * @return {@code {mean, std}}
   */
  static double[][] featureMoments(double[] x, double[] w, int n, int d) {
    double[] mean = new double[d];
    double[] std = new double[d];
    double totalW = 0;
    for (int r = 0; r < n; r++) {
      double wr = w == null ? 1.0 : w[r];
      totalW += wr;
      for (int t = 0; t < d; t++) {
        mean[t] += wr * x[r * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= totalW;
    }
    for (int r = 0; r < n; r++) {
      double wr = w == null ? 1.0 : w[r];
      for (int t = 0; t < d; t++) {
        double diff = x[r * d + t] - mean[t];
        std[t] += wr * diff * diff;
      }
    }
    for (int t = 0; t < d; t++) {
      std[t] = Math.sqrt(std[t] / totalW);
    }
    return new double[][] {mean, std};
  }

  private static double[] originalUnits(
      FittedCriteria criteria, AccountTable table, int[] rows, int n, int[] labels, double[] w,
      int k, int d, double[] clusterW) {
    double[] out = sums(criteria, table, rows, n, labels, w, k, d, null);
    boolean overflow = false;
    for (int j = 0; j < k; j++) {
      for (int t = 0; t < d; t++) {
        out[j * d + t] = clusterW[j] > 0 ? out[j * d + t] / clusterW[j] : Double.NaN;
        overflow |= Double.isInfinite(out[j * d + t]);
      }
    }
    if (!overflow) {
      return out;
    }
    // Raw values near +-1e308 overflow the plain sums; sum the terms w * v / W instead, whose partial
    // sums never exceed the largest |v| (only taken when the plain means are not finite, so ordinary
    // data keeps the plain sums' bits).
    double[] inv = new double[k];
    for (int j = 0; j < k; j++) {
      inv[j] = clusterW[j] > 0 ? 1.0 / clusterW[j] : Double.NaN;
    }
    return sums(criteria, table, rows, n, labels, w, k, d, inv);
  }

  /**
   * Per cluster and feature column, the sum of {@code weight * value} (numeric criteria) or of the
   * weights of accounts at each level (categorical), each term multiplied by {@code scale[cluster]}
   * when {@code scale} is given.
   */
  private static double[] sums(
      FittedCriteria criteria, AccountTable table, int[] rows, int n, int[] labels, double[] w,
      int k, int d, double[] scale) {
    double[] out = new double[k * d];
    int offset = 0;
    for (FittedCriterion f : criteria.fitted()) {
      Criterion c = f.criterion();
      if (c.kind() == CriterionKind.NUMERIC) {
        NumericColumn col = c.source() instanceof Criterion.Source.ColumnValue cv
            ? table.numeric(cv.column()) // the column itself (already validated by the transform)
            : null;
        double[] raw = col == null ? CriterionValues.numeric(table, c) : null;
        for (int r = 0; r < n; r++) {
          double v = col != null ? col.get(rows[r]) : raw[rows[r]];
          if (Double.isNaN(v)) {
            v = f.imputeValue();
          }
          double term = (w == null ? 1.0 : w[r]) * v;
          out[labels[r] * d + offset] += scale == null ? term : term * scale[labels[r]];
        }
        offset++;
      } else {
        CriterionValues.Labels lab = CriterionValues.categoryLabels(table, c);
        int[] map = new int[lab.levels().size()];
        for (int code = 0; code < map.length; code++) {
          map[code] = f.levels().indexOf(lab.levels().get(code));
        }
        for (int r = 0; r < n; r++) {
          int code = lab.codes()[rows[r]];
          int level = code == CriterionValues.MISSING ? f.imputeLevel() : map[code];
          if (level >= 0) {
            double term = w == null ? 1.0 : w[r];
            out[labels[r] * d + offset + level] += scale == null ? term : term * scale[labels[r]];
          }
        }
        offset += f.levels().size();
      }
    }
    return out;
  }

  private static List<Segment> defaultSegments(
      FittedCriteria criteria, double[] centers, double[] original, double[] mean, double[] std,
      int k, int d) {
    List<String> features = criteria.featureNames();
    List<String> names = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      Integer[] order = new Integer[d];
      double[] z = new double[d];
      for (int t = 0; t < d; t++) {
        order[t] = t;
        z[t] = std[t] > 0 ? (centers[j * d + t] - mean[t]) / std[t] : 0.0;
      }
      Arrays.sort(order, (a, b) -> {
        int c = Double.compare(Math.abs(z[b]), Math.abs(z[a]));
        return c != 0 ? c : Integer.compare(a, b);
      });
      List<String> words = new ArrayList<>();
      List<String> desc = new ArrayList<>();
      for (int q = 0; q < d && words.size() < 2; q++) {
        int t = order[q];
        if (Math.abs(z[t]) < 0.5) {
          break;
        }
        String f = features.get(t);
        boolean oneHot = f.contains("=") && !criteria.criteria().names().contains(f);
        if (oneHot) {
          words.add(z[t] > 0 ? f : "not " + f);
        } else {
          words.add((z[t] > 0 ? "high " : "low ") + f);
        }
        desc.add(String.format(Locale.ROOT, "%s %s (z %+.2f)", f,
            oneHot ? String.format(Locale.ROOT, "share %.0f%%", 100 * original[j * d + t])
                : String.format(Locale.ROOT, "mean %.4g", original[j * d + t]), z[t]));
      }
      names.add(words.isEmpty() ? "average" : String.join(", ", words));
      descriptions.add(desc.isEmpty() ? "close to the overall mean on every criterion"
          : String.join("; ", desc));
    }
    List<Segment> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      String name = names.get(j);
      int dup = 1;
      for (int q = 0; q < j; q++) {
        if (names.get(q).equals(name)) {
          dup++;
        }
      }
      out.add(new Segment(j, "C" + (j + 1), dup > 1 ? name + " #" + dup : name, descriptions.get(j)));
    }
    return out;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Segment> segments() {
    return segments;
  }

  /**
   * Returns the trainer configuration that produced the model (seed, restarts, init, ...).
   *
   * @return the settings
   */
  public KMeans settings() {
    return settings;
  }

  /**
   * Returns the fitted criteria that turn accounts into features.
   *
   * @return the fitted criteria
   */
  public FittedCriteria criteria() {
    return criteria;
  }

  /**
   * Returns the number of clusters.
   *
   * @return k
   */
  public int clusters() {
    return k;
  }

  /**
   * Returns a centroid in feature space.
   *
   * @param cluster 0-based cluster index
   * @return a new array of {@code d} feature values
   * @throws IndexOutOfBoundsException for a bad index
   */
  public double[] centroid(int cluster) {
    Objects.checkIndex(cluster, k);
    return Arrays.copyOfRange(centroids, cluster * d, cluster * d + d);
  }

  /**
   * Returns a centroid in original units (see the class documentation), in feature-column order.
   *
   * @param cluster 0-based cluster index
   * @return a new array of {@code d} values ({@code NaN} for a cluster without training accounts)
   * @throws IndexOutOfBoundsException for a bad index
   */
  public double[] originalCentroid(int cluster) {
    Objects.checkIndex(cluster, k);
    return Arrays.copyOfRange(originalCentroids, cluster * d, cluster * d + d);
  }

  /**
   * Returns all centroids in feature space.
   *
   * @return a new {@code k x d} array
   */
  public double[][] centroids() {
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      out[j] = centroid(j);
    }
    return out;
  }

  /**
   * Returns all centroids in original units.
   *
   * @return a new {@code k x d} array
   */
  public double[][] originalCentroids() {
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      out[j] = originalCentroid(j);
    }
    return out;
  }

  /**
   * Returns the training accounts per cluster.
   *
   * @return a new array of {@code k} counts
   */
  public int[] clusterSizes() {
    return clusterSizes.clone();
  }

  /**
   * Returns the inertia of the fit: {@code sum_i w_i ||x_i - c_{label(i)}||^2} over the training
   * accounts.
   *
   * @return the inertia
   */
  public double inertia() {
    return inertia;
  }

  /**
   * Returns the number of centroid updates of the winning restart.
   *
   * @return the iterations
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Tells whether the winning restart converged (labels stable or shift within tolerance) rather than
   * stopping at the iteration limit.
   *
   * @return {@code true} when converged
   */
  public boolean converged() {
    return converged;
  }

  /**
   * Tells how the fit ended: {@link FitStatus#CONVERGED} or {@link FitStatus#MAX_ITERATIONS} from the
   * kept restart, or {@link FitStatus#TIME_LIMIT} / {@link FitStatus#CANCELLED} when a
   * {@link FitLimits} limit stopped the fit (the model is then the best restart so far, possibly with
   * fewer restarts than configured, and not reproducible). The status is not stored in JSON and not
   * part of {@link #equals(Object)}: a model read from JSON reports {@link FitStatus#CONVERGED} when
   * {@link #converged()}, else {@link FitStatus#MAX_ITERATIONS}.
   *
   * @return the status
   */
  public FitStatus status() {
    return status;
  }

  /**
   * Returns the index of the restart whose result was kept.
   *
   * @return the restart index
   */
  public int bestRestart() {
    return bestRestart;
  }

  /**
   * Returns a copy with new segment names, in cluster order.
   *
   * @param names one non-blank name per cluster
   * @return the renamed model
   * @throws IllegalArgumentException when the count differs from {@code k}
   */
  public KMeansModel withSegmentNames(List<String> names) {
    Objects.requireNonNull(names, "names");
    if (names.size() != k) {
      throw new IllegalArgumentException(
          "withSegmentNames needs " + k + " names, was given " + names.size() + ".");
    }
    List<Segment> renamed = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      renamed.add(segments.get(j).withName(names.get(j)));
    }
    return new KMeansModel(settings, criteria, centroids, originalCentroids, renamed, clusterSizes,
        inertia, iterations, converged, bestRestart, status);
  }

  /**
   * Assigns every account to the nearest centroid (ties: lowest index); accounts without features are
   * unassigned with their reason.
   *
   * @param table accounts with the columns the criteria read
   * @return the segmentation
   * @throws dev.segmentation.core.DataValidationException as {@link FittedCriteria#transform}
   */
  @Override
  public Segmentation assign(AccountTable table) {
    Objects.requireNonNull(table, "table");
    FeatureTransform.Result fm = FeatureTransform.run(criteria, table);
    double[] x = fm.data();
    int n = fm.rows();
    int[] seg = new int[n];
    UnassignedReason[] reasons = new UnassignedReason[n];
    String[] details = new String[n];
    for (int i = 0; i < n; i++) {
      seg[i] = KMeansEngine.nearest(x, i * d, centroids, k, d);
    }
    for (RowIssue issue : fm.issues()) {
      seg[issue.row()] = Assignment.UNASSIGNED;
      reasons[issue.row()] = issue.reason();
      details[issue.row()] = "criterion '" + issue.criterion() + "'";
    }
    return Segmentation.of(table, segments, seg, reasons, details);
  }

  /**
   * Compares settings, criteria, centroids, segments and fit statistics.
   *
   * @param o the other object
   * @return {@code true} when equal (a JSON round trip gives an equal model)
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof KMeansModel m
        && settings.equals(m.settings) && criteria.equals(m.criteria)
        && Arrays.equals(centroids, m.centroids) && Arrays.equals(originalCentroids, m.originalCentroids)
        && segments.equals(m.segments) && Arrays.equals(clusterSizes, m.clusterSizes)
        && Double.compare(inertia, m.inertia) == 0 && iterations == m.iterations
        && converged == m.converged && bestRestart == m.bestRestart;
  }

  @Override
  public int hashCode() {
    return Objects.hash(settings, criteria, Arrays.hashCode(centroids), segments, inertia);
  }

  /**
   * Prints the fit summary and one row per cluster: id, name, size, share and the centroid in original
   * units (first eight features).
   *
   * @return the text table
   */
  @Override
  public String toString() {
    int shown = Math.min(8, d);
    List<String> headers = new ArrayList<>(List.of("id", "name", "accounts", "share"));
    boolean[] right = new boolean[4 + shown];
    right[2] = true;
    right[3] = true;
    for (int t = 0; t < shown; t++) {
      headers.add(criteria.featureNames().get(t));
      right[4 + t] = true;
    }
    int total = 0;
    for (int s : clusterSizes) {
      total += s;
    }
    String[][] cols = new String[shown][];
    for (int t = 0; t < shown; t++) {
      double[] v = new double[k];
      for (int j = 0; j < k; j++) {
        v[j] = originalCentroids[j * d + t];
      }
      cols[t] = TextTable.formatNumbers(v);
    }
    TextTable table = new TextTable(headers, right);
    for (int j = 0; j < k; j++) {
      String[] row = new String[4 + shown];
      row[0] = segments.get(j).id();
      row[1] = segments.get(j).name();
      row[2] = Integer.toString(clusterSizes[j]);
      row[3] = total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * clusterSizes[j] / total);
      for (int t = 0; t < shown; t++) {
        row[4 + t] = cols[t][j];
      }
      table.addRow(row);
    }
    return String.format(Locale.ROOT,
        "KMeansModel: k=%d, d=%d, inertia=%.6g, iterations=%d, converged=%s, restart %d of %d%n",
        k, d, inertia, iterations, converged, bestRestart + 1, settings.restarts())
        + table.render() + (d > shown ? "(centroids in original units; " + (d - shown)
        + " more features)\n" : "(centroids in original units)\n");
  }
}
