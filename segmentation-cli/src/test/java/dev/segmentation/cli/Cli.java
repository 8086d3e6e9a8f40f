package dev.segmentation.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process against a working directory, capturing both streams. */
final class Cli {

  /** The outcome of one run. */
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Cli() {}

  static Result run(Path workDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmentationCli.run(workDir, new PrintWriter(out, true), new PrintWriter(err, true),
        false, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Splits a command line like a POSIX shell does for plain words and '...' or "..." quoting. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          cur.append(line.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        inWord = true;
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("Unclosed quote in: " + line);
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}
