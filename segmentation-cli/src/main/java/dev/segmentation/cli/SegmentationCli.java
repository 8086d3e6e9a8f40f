package dev.segmentation.cli;

import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.SegmentationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code segmentation} command and its subcommands. {@link #run} executes one command line
 * in-process, against a working directory and two writers, and returns the exit code; {@link Main}
 * calls it with the process's own.
 *
 * <p>To add a command (for example {@code territories}): write a {@code @Command} class like
 * {@link AllocateCommand} with a {@code @ParentCommand SegmentationCli parent} field, resolve paths with
 * {@link #resolve(Path)}, report progress with {@link #progress()}, and add the class to
 * {@code subcommands} below; exceptions map to exit codes in {@link #exitCodeOf(Throwable)}.
 */
@Command(
    name = "segmentation",
    mixinStandardHelpOptions = true,
    versionProvider = SegmentationCli.Version.class,
    description = "Account segmentation and sales-resource allocation on CSV and JSON files.",
    subcommands = {
        SegmentCommand.class,
        AssignCommand.class,
        ProfileCommand.class,
        AllocateCommand.class,
        TerritoriesCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        " 0:Success.",
        " 1:Internal error (a bug; the stack trace is printed).",
        " 2:Bad usage: unknown command or option, missing or malformed option value.",
        " 3:Bad input: unreadable file, invalid CSV (file, line, column) or JSON (file, JSON path)."
    },
    footer = "%nDocumentation: docs/cli.md (commands) and docs/json.md (file formats).")
public final class SegmentationCli implements Runnable {

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "Print no progress on standard error.")
  boolean quiet;

  private Path workDir = Path.of("");
  private boolean terminal;
  private PrintWriter out;
  private PrintWriter err;
  private Progress progress;

  @picocli.CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Creates the top command (picocli instantiates it; use {@link #run} or {@link #commandLine}). */
  public SegmentationCli() {}

  /**
   * Runs one command line.
   *
   * @param workDir the directory that relative paths are resolved against
   * @param out standard output (results)
   * @param err standard error (progress, messages)
   * @param terminal whether {@code err} is a terminal (a progress bar is drawn when it is)
   * @param args the arguments
   * @return the exit code, see {@link ExitCodes}
   */
  public static int run(Path workDir, PrintWriter out, PrintWriter err, boolean terminal,
      String... args) {
    return commandLine(workDir, out, err, terminal).execute(args);
  }

  /**
   * Builds the configured picocli command line (exit codes, exception handling, writers).
   *
   * @param workDir the directory that relative paths are resolved against
   * @param out standard output
   * @param err standard error
   * @param terminal whether {@code err} is a terminal
   * @return the command line
   */
  public static CommandLine commandLine(Path workDir, PrintWriter out, PrintWriter err,
      boolean terminal) {
    SegmentationCli top = new SegmentationCli();
    top.workDir = Objects.requireNonNull(workDir, "workDir");
    top.out = Objects.requireNonNull(out, "out");
    top.err = Objects.requireNonNull(err, "err");
    top.terminal = terminal;
    CommandLine cl = new CommandLine(top);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      int code = exitCodeOf(e);
      PrintWriter w = commandLine.getErr();
      if (top.progress != null) {
        top.progress.close();
      }
      if (code == ExitCodes.INTERNAL_ERROR) {
        w.println("Internal error: " + e);
        e.printStackTrace(w);
      } else {
        w.println("error: " + messageOf(e));
      }
      w.flush();
      return code;
    });
    return cl;
  }

  /**
   * Maps a failure to its exit code: library data and format errors, condition syntax errors, the
   * command line's own input errors and I/O failures are bad input (3); anything else is internal (1).
   *
   * @param e the failure
   * @return the exit code
   */
  static int exitCodeOf(Throwable e) {
    if (e instanceof DataValidationException || e instanceof ModelFormatException
        || e instanceof ConditionSyntaxException || e instanceof SegmentationException
        || e instanceof BadInputException || e instanceof UncheckedIOException
        || e instanceof IOException) {
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.toString() : m;
  }

  /** Without a subcommand: print the usage and fail with exit code 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: give one of segment, assign, profile, allocate, territories, demo (or --help).");
  }

  /**
   * Resolves a path given on the command line against the working directory.
   *
   * @param p the path as given
   * @return the resolved path
   */
  Path resolve(Path p) {
    return workDir.resolve(p);
  }

  /** Returns the writer for results. */
  PrintWriter out() {
    return out;
  }

  /** Returns the writer for messages and progress. */
  PrintWriter err() {
    return err;
  }

  /** Returns the progress reporter (bar on a terminal, lines otherwise, nothing with --quiet). */
  Progress progress() {
    if (progress == null) {
      progress = new Progress(err, terminal, quiet);
    }
    return progress;
  }

  /** Reads the version from the filtered {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = SegmentationCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"segmentation " + p.getProperty("version", "unknown")};
    }
  }
}
