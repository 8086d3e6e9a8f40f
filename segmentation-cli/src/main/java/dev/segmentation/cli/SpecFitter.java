package dev.segmentation.cli;

import dev.segmentation.cli.spec.ModelSpec;
import dev.segmentation.cli.spec.ModelSpec.AbcSpec;
import dev.segmentation.cli.spec.ModelSpec.KMeansSpec;
import dev.segmentation.cli.spec.ModelSpec.QuantileSpec;
import dev.segmentation.cli.spec.ModelSpec.RuleSpec;
import dev.segmentation.cli.spec.SegmentationSpec;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.model.KSelection;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.core.table.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Fits the model of a spec on a table, with progress. */
final class SpecFitter {

  /**
   * A fitted model and a text report of the fit (the k-selection table, warnings).
   *
   * @param model the model
   * @param report lines for people, possibly empty
   */
  record Fit(SegmentModel model, String report) {}

  private SpecFitter() {}

  /**
   * Checks that every column the spec names exists in the table, before fitting, so that the message
   * names the spec file and JSON path and lists the table's columns.
   */
  static void checkColumns(SegmentationSpec spec, AccountTable table, String specName) {
    Criteria criteria = spec.criteria();
    if (criteria != null) {
      List<Criterion> list = criteria.criteria();
      for (int i = 0; i < list.size(); i++) {
        for (String c : list.get(i).source().columns()) {
          require(table, c, specName, "$.criteria.criteria[" + i + "].source");
        }
      }
    }
    ModelSpec m = spec.model();
    if (m instanceof KMeansSpec k && k.kmeans().weightColumn().isPresent()) {
      require(table, k.kmeans().weightColumn().get(), specName, "$.model.weightColumn");
    } else if (m instanceof QuantileSpec q && q.column() != null) {
      require(table, q.column(), specName, "$.model.column");
    } else if (m instanceof AbcSpec a) {
      require(table, a.column(), specName, "$.model.column");
    }
  }

  private static void require(AccountTable table, String column, String specName, String path) {
    if (!table.hasColumn(column)) {
      throw new ModelFormatException(specName + ": unknown column '" + column + "' at " + path
          + "; the input's columns are: " + String.join(", ", table.columnNames()) + ".", path, null);
    }
    if (path.equals("$.model.column") || path.equals("$.model.weightColumn")) {
      ColumnType t = table.column(column).type();
      if (t != ColumnType.NUMERIC) {
        throw new ModelFormatException(specName + ": column '" + column + "' at " + path + " is "
            + t.name().toLowerCase(Locale.ROOT) + "; expected a numeric column.", path, null);
      }
    }
  }

  static Fit fit(SegmentationSpec spec, AccountTable table, Progress progress) {
    ModelSpec m = spec.model();
    if (m instanceof RuleSpec r) {
      List<String> warnings = r.model().validate(table);
      return new Fit(r.model(), lines("warning: ", warnings));
    } else if (m instanceof AbcSpec a) {
      progress.phase("Fitting ABC classes of '" + a.column() + "'");
      AbcModel.Builder b = AbcModel.builder().value(a.column()).thresholds(a.thresholds())
          .rule(a.rule());
      if (!a.names().isEmpty()) {
        b.names(a.names().toArray(new String[0]));
      }
      AbcModel model = b.fit(table);
      return new Fit(model, lines("warning: ", model.warnings()));
    } else if (m instanceof QuantileSpec q) {
      progress.phase("Fitting quantile bins of " + (q.column() == null ? "the criteria score"
          : "'" + q.column() + "'"));
      QuantileModel.Builder b = QuantileModel.builder();
      if (q.column() != null) {
        b.column(q.column());
      } else {
        b.score(spec.criteria());
      }
      if (q.bins() > 0) {
        b.bins(q.bins());
      } else {
        b.probabilities(q.probabilities());
      }
      b.method(q.method());
      if (!q.names().isEmpty()) {
        b.names(q.names().toArray(new String[0]));
      }
      QuantileModel model = b.fit(table);
      return new Fit(model, lines("warning: ", model.warnings()));
    } else if (m instanceof KMeansSpec k) {
      return fitKMeans(k, spec.criteria(), table, progress);
    }
    throw new IllegalStateException("Unknown model spec " + m);
  }

  private static Fit fitKMeans(KMeansSpec k, Criteria criteria, AccountTable table,
      Progress progress) {
    if (!k.selectK()) {
      progress.phase("Fitting k-means with k=" + k.minK());
      KMeansModel model = k.kmeans().fit(table, criteria);
      if (!k.names().isEmpty()) {
        model = model.withSegmentNames(k.names());
      }
      return new Fit(model, "");
    }
    // One KSelection per k: each k's fit and scores depend only on (k, settings, seed), so this gives
    // exactly the rows of one KSelection over the whole range while reporting progress per k.
    String task = "Selecting k in " + k.minK() + ".." + k.maxK();
    int total = k.maxK() - k.minK() + 1;
    progress.step(task, 0, total);
    List<KSelection.Row> rows = new ArrayList<>();
    List<KMeansModel> models = new ArrayList<>();
    for (int kk = k.minK(); kk <= k.maxK(); kk++) {
      KMeans km = k.kmeans().withClusters(kk);
      KSelection.Result r = KSelection.builder().kmeans(km).range(kk, kk)
          .exactSilhouetteLimit(k.exactSilhouetteLimit()).build().run(table, criteria);
      rows.add(r.rows().get(0));
      models.add(r.model(kk));
      progress.step(task, kk - k.minK() + 1, total);
    }
    int best = -1;
    for (int q = 0; q < rows.size(); q++) {
      double s = rows.get(q).silhouette();
      if (!Double.isNaN(s) && (best < 0 || s > rows.get(best).silhouette())) {
        best = q;
      }
    }
    int chosen = best < 0 ? 0 : best;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "k selection: k=%d by %s%n", rows.get(chosen).k(),
        KSelection.RULE));
    sb.append(String.format(Locale.ROOT, "%4s %14s %11s %18s %15s%n", "k", "inertia", "silhouette",
        "calinski_harabasz", "davies_bouldin"));
    for (int q = 0; q < rows.size(); q++) {
      KSelection.Row r = rows.get(q);
      sb.append(String.format(Locale.ROOT, "%4d %14.4f %11s %18s %15s%s%n", r.k(), r.inertia(),
          fmt(r.silhouette()), fmt(r.calinskiHarabasz()), fmt(r.daviesBouldin()),
          q == chosen ? "  <- chosen" : ""));
    }
    return new Fit(models.get(chosen), sb.toString());
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String lines(String prefix, List<String> items) {
    StringBuilder sb = new StringBuilder();
    for (String s : items) {
      sb.append(prefix).append(s).append('\n');
    }
    return sb.toString();
  }
}
