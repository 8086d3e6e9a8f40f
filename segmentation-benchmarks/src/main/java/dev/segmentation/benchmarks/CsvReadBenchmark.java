package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.CsvOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a CSV file of {@code rows} accounts x 10 columns (id, 8 numeric, 1 categorical) into an
 * {@link AccountTable}, next to the plainest peer: {@link BufferedReader#readLine()} +
 * {@link String#split(String)} + {@link Double#parseDouble(String)} into {@code double[]} columns
 * (no quoting, no validation, no types, no dictionary). The ratio ours / peer is the price of RFC 4180
 * parsing, type inference, validation with line numbers and the typed table.
 *
 * <p>The file (about 60 MB for a million rows) is generated once per trial in {@link #writeFile()}
 * from a fixed seed and is not timed. Run:
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar CsvRead -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class CsvReadBenchmark {

  /** Fixed seed of the generated data. */
  private static final long SEED = 20261125L;

  private static final int NUMERIC_COLUMNS = 8;
  private static final String[] REGIONS = {"Lisbon", "Oporto", "Other", "Madrid", "Nord-Süd"};

  /** Number of data rows. */
  @Param({"1000000"})
  public int rows;

  private Path file;
  private CsvOptions inferred;
  private CsvOptions explicit;

  /**
   * Writes the CSV file (not timed).
   *
   * @throws IOException when the temporary file cannot be written
   */
  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
    file = Files.createTempFile("csv-read-benchmark-", ".csv");
    StringBuilder header = new StringBuilder("id");
    for (int j = 0; j < NUMERIC_COLUMNS; j++) {
      header.append(",x").append(j);
    }
    header.append(",region\n");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(header.toString());
      StringBuilder line = new StringBuilder(128);
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        line.append("C-").append(i + 1);
        for (int j = 0; j < NUMERIC_COLUMNS; j++) {
          line.append(',');
          if (j % 2 == 0) {
            // Spending-like integers, as in the wholesale customers file.
            line.append((long) Math.exp(rng.nextDouble() * 12));
          } else {
            // Decimals with two places, some negative.
            line.append(String.format(Locale.ROOT, "%.2f", (rng.nextDouble() - 0.2) * 1e4));
          }
        }
        line.append(',').append(REGIONS[rng.nextInt(REGIONS.length)]).append('\n');
        w.write(line.toString());
      }
    }
    inferred = CsvOptions.defaults().idColumn("id");
    CsvOptions o = inferred.columnType("region", ColumnType.CATEGORICAL);
    for (int j = 0; j < NUMERIC_COLUMNS; j++) {
      o = o.columnType("x" + j, ColumnType.NUMERIC);
    }
    explicit = o;
  }

  /**
   * Deletes the CSV file.
   *
   * @throws IOException when the file cannot be deleted
   */
  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * Ours, with every column type inferred.
   *
   * @return the table
   */
  @Benchmark
  public AccountTable accountTableReadCsv() {
    return AccountTable.readCsv(file, inferred);
  }

  /**
   * Ours, with every column type given.
   *
   * @return the table
   */
  @Benchmark
  public AccountTable accountTableReadCsvExplicitTypes() {
    return AccountTable.readCsv(file, explicit);
  }

  /**
   * Peer: {@code BufferedReader} lines split on commas, numbers parsed with
   * {@code Double.parseDouble} into growing {@code double[]} columns; ids and regions kept as strings.
   *
   * @return the columns
   */
  @Benchmark
  public Object[] bufferedReaderSplit() {
    int capacity = 1024;
    String[] ids = new String[capacity];
    String[] regions = new String[capacity];
    double[][] numbers = new double[NUMERIC_COLUMNS][capacity];
    int n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      r.readLine(); // header
      String line;
      while ((line = r.readLine()) != null) {
        if (n == capacity) {
          capacity *= 2;
          ids = Arrays.copyOf(ids, capacity);
          regions = Arrays.copyOf(regions, capacity);
          for (int j = 0; j < NUMERIC_COLUMNS; j++) {
            numbers[j] = Arrays.copyOf(numbers[j], capacity);
          }
        }
        String[] f = line.split(",");
        ids[n] = f[0];
        for (int j = 0; j < NUMERIC_COLUMNS; j++) {
          numbers[j][n] = f[j + 1].isEmpty() ? Double.NaN : Double.parseDouble(f[j + 1]);
        }
        regions[n] = f[NUMERIC_COLUMNS + 1];
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Object[] {ids, regions, numbers, n};
  }
}
