package dev.segmentation.core.profile;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Seeded inputs for the profile and migration tests, built on {@link Gen}. */
final class ProfileFixtures {

  private ProfileFixtures() {}

  /** Segment ids shared by migration pairs, so that different models can have common segments. */
  static final String[] SEGMENT_IDS = {"A", "B", "C", "D", "E", "Ω", "x,y"};

  /** Segments {@code S0..S(k-1)} named "Segment i". */
  static List<Segment> segments(int k) {
    List<Segment> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      out.add(new Segment(i, "S" + i, "Segment " + i, ""));
    }
    return out;
  }

  /** Segments with the given ids, in the given order. */
  static List<Segment> segments(String... ids) {
    List<Segment> out = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      out.add(new Segment(i, ids[i], "Name " + ids[i], "segment " + ids[i]));
    }
    return out;
  }

  /** A row count that is often 0, 1 or 2 and otherwise up to 80. */
  static int rows(Gen g) {
    return switch (g.intBetween(0, 7)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> 2;
      default -> g.intBetween(3, 80);
    };
  }

  /**
   * A table with numeric columns {@code n0..} of awkward but finite values (ties, zeros, constants,
   * 1e-300 and 1e300 magnitudes) with missing values, categorical columns {@code c0..} with ties and
   * missing labels, and sometimes a date column {@code d0} and a value column {@code revenue}.
   */
  static AccountTable table(Gen g, int n) {
    List<Column> cols = new ArrayList<>();
    int num = g.intBetween(0, 3);
    double missingRate = g.pick(0.0, 0.1, 0.5, 1.0);
    for (int j = 0; j < num; j++) {
      double[] v = g.statColumn(n);
      for (int i = 0; i < n; i++) {
        if (g.chance(missingRate)) {
          v[i] = Double.NaN;
        }
      }
      cols.add(NumericColumn.of("n" + j, v));
    }
    int cat = g.intBetween(0, 2);
    for (int j = 0; j < cat; j++) {
      cols.add(CategoricalColumn.of("c" + j, g.labels(n, g.intBetween(1, 10), g.pick(0.0, 0.2))));
    }
    if (g.chance(0.3)) {
      LocalDate[] d = new LocalDate[n];
      for (int i = 0; i < n; i++) {
        d[i] = g.date(0.1);
      }
      cols.add(DateColumn.of("d0", d));
    }
    double[] revenue = new double[n];
    for (int i = 0; i < n; i++) {
      revenue[i] = g.chance(0.1) ? Double.NaN : g.spend();
    }
    cols.add(NumericColumn.of("revenue", revenue));
    return AccountTable.of(g.ids(n), cols.toArray(new Column[0]));
  }

  /** A random segmentation of a table with the given segments; some accounts unassigned. */
  static Segmentation segmentation(Gen g, AccountTable table, List<Segment> segments) {
    int n = table.rowCount();
    int k = segments.size();
    double unassignedRate = k == 0 ? 1.0 : g.pick(0.0, 0.0, 0.1, 0.5);
    int[] s = new int[n];
    UnassignedReason[] r = new UnassignedReason[n];
    String[] d = new String[n];
    for (int i = 0; i < n; i++) {
      if (g.chance(unassignedRate)) {
        s[i] = Assignment.UNASSIGNED;
        r[i] = g.pick(UnassignedReason.values());
        d[i] = "detail " + i;
      } else {
        s[i] = g.intBetween(0, k - 1);
      }
    }
    return Segmentation.of(table, segments, s, r, d);
  }

  /** A random segmentation with {@code 0..6} segments {@code S0..}. */
  static Segmentation segmentation(Gen g, AccountTable table) {
    return segmentation(g, table, segments(g.intBetween(0, 6)));
  }

  /** Reads CSV text (header included) as rows of cells; empty cells are empty strings. */
  static List<String[]> parseCsv(String text) {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text)) {
      return it.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
