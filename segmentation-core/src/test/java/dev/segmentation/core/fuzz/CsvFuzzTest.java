package dev.segmentation.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.CsvOptions;
import dev.segmentation.testing.Gen;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded CSV fuzzing: random valid and invalid files (ragged rows, stray and unbalanced quotes, empty
 * and duplicate ids, odd numbers, random bytes decoded as UTF-8 or Latin-1, BOMs, CR/LF mixes). The
 * reader either returns a table whose every column has one value per row, or throws the documented
 * {@link DataValidationException} with a message; nothing else.
 */
class CsvFuzzTest {

  private static final AtomicInteger READ = new AtomicInteger();
  private static final AtomicInteger REJECTED = new AtomicInteger();

  @AfterAll
  static void bothOutcomesAreExercised() {
    assertTrue(READ.get() > 300 && REJECTED.get() > 300,
        "fuzzer must produce both readable and rejected files: read " + READ + ", rejected " + REJECTED);
  }

  static LongStream seeds() {
    return Gen.seeds(3000);
  }

  private static final String[] CELLS = {
    "1", "-0.0", "1e308", "-1e308", "1e309", "NaN", "Infinity", "-Infinity", "", "NA", "x", "\"q\"",
    "\"a,b\"", "\"unterminated", "a\"b", "2024-02-29", "2023-02-29", " 7 ", "0x1F", "1,5", "１２",
    "客户", "🙂", "\"\"", "\"line\nbreak\"", "1.7976931348623157E308", "4.9E-324", "\t", ";", "\\"
  };

  @ParameterizedTest
  @MethodSource("seeds")
  void readerReturnsATableOrTheDocumentedException(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    String text = randomCsv(rng);
    Reader reader;
    if (rng.nextInt(8) == 0) {
      byte[] bytes = new byte[rng.nextInt(200)];
      rng.nextBytes(bytes);
      String enc = rng.nextBoolean() ? "UTF-8" : "ISO-8859-1";
      byte[] prefix = text.getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[prefix.length + bytes.length];
      System.arraycopy(prefix, 0, all, 0, prefix.length);
      System.arraycopy(bytes, 0, all, prefix.length, bytes.length);
      reader = new InputStreamReader(new ByteArrayInputStream(all),
          enc.equals("UTF-8") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    } else {
      reader = new StringReader(text);
    }
    CsvOptions options = CsvOptions.defaults();
    if (rng.nextInt(4) == 0) {
      options = options.idColumn("id");
    }
    try {
      AccountTable t = AccountTable.readCsv(reader, options);
      for (String c : t.columnNames()) {
        assertEquals(t.rowCount(), t.column(c).size(), "seed " + seed + ": column " + c + " length");
      }
      for (int i = 0; i < t.rowCount(); i++) {
        assertFalse(t.id(i).isBlank(), "seed " + seed + ": blank id at row " + i);
      }
      READ.incrementAndGet();
    } catch (DataValidationException e) {
      assertNotNull(e.getMessage(), "seed " + seed);
      assertFalse(e.getMessage().isBlank(), "seed " + seed);
      REJECTED.incrementAndGet();
    } catch (RuntimeException e) {
      fail("seed " + seed + ": " + e + "\ninput:\n" + text, e);
    }
  }

  static String randomCsv(UniformRandomProvider rng) {
    StringBuilder sb = new StringBuilder();
    if (rng.nextInt(10) == 0) {
      sb.append('\uFEFF');
    }
    int cols = 1 + rng.nextInt(4);
    boolean withId = rng.nextBoolean();
    if (withId) {
      sb.append("id,");
    }
    for (int c = 0; c < cols; c++) {
      sb.append(c > 0 ? "," : "").append(rng.nextInt(12) == 0 ? "col0" : "col" + c);
    }
    sb.append(eol(rng));
    int rows = rng.nextInt(6);
    for (int r = 0; r < rows; r++) {
      int cells = cols + (withId ? 1 : 0) + (rng.nextInt(6) == 0 ? rng.nextInt(3) - 1 : 0);
      for (int c = 0; c < cells; c++) {
        if (c > 0) {
          sb.append(',');
        }
        if (withId && c == 0) {
          sb.append(rng.nextInt(6) == 0 ? "" : rng.nextInt(5) == 0 ? "dup" : "a" + r);
        } else {
          sb.append(rng.nextInt(3) == 0 ? CELLS[rng.nextInt(CELLS.length)]
              : Double.toString(rng.nextDouble() * 100));
        }
      }
      sb.append(eol(rng));
    }
    return sb.toString();
  }

  private static String eol(UniformRandomProvider rng) {
    return switch (rng.nextInt(5)) {
      case 0 -> "\r\n";
      case 1 -> "\r";
      default -> "\n";
    };
  }
}
