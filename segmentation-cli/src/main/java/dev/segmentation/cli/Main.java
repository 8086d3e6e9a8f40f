package dev.segmentation.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point of {@code segmentation-cli.jar}: runs {@link SegmentationCli} with the process's
 * working directory, standard output and standard error, and exits with its exit code (see
 * {@link ExitCodes}).
 */
public final class Main {

  private Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    // On a terminal use the platform encoding; into pipes and files (CSV and JSON results) UTF-8,
    // the encoding of every file the command line writes.
    boolean terminal = System.console() != null;
    Charset cs = terminal ? Charset.defaultCharset() : StandardCharsets.UTF_8;
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
    int code = SegmentationCli.run(Path.of(""), out, err, terminal, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
