package dev.segmentation.cli;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.profile.SegmentProfiles;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code profile}: segment profiles of accounts assigned with a saved model. */
@Command(name = "profile", mixinStandardHelpOptions = true,
    versionProvider = SegmentationCli.Version.class,
    description = "Assigns the accounts with a saved model and prints the segment profiles: "
        + "accounts and share per segment, numeric statistics, value shares and top categories.")
final class ProfileCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { TEXT, CSV, JSON }

  @ParentCommand
  SegmentationCli cli;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CsvInput csv;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "JSON",
      description = "A saved model (any kind).")
  Path model;

  @Option(names = "--columns", split = ",", paramLabel = "COLUMN",
      description = "Profiled columns, comma-separated (default: every numeric and categorical "
          + "column).")
  List<String> columns;

  @Option(names = "--value-columns", split = ",", paramLabel = "COLUMN",
      description = "Numeric columns whose share per segment is reported (e.g. revenue).")
  List<String> valueColumns = new ArrayList<>();

  @Option(names = "--top", paramLabel = "N", defaultValue = "3",
      description = "Top categories per categorical column (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (an aligned table), csv (long form) or json (\"segment-profiles\"); "
          + "default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() {
    var m = Models.read(cli, model);
    AccountTable table = csv.read(cli);
    cli.progress().phase("Profiling " + table.rowCount() + " accounts");
    Segmentation seg = m.assign(table);
    SegmentProfiles.Builder b = SegmentProfiles.builder(seg);
    if (columns != null) {
      b.columns(columns.toArray(new String[0]));
    }
    b.valueColumns(valueColumns.toArray(new String[0]));
    if (top < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--top must be >= 0, was " + top + ".");
    }
    b.topCategories(top);
    SegmentProfiles profiles;
    try {
      profiles = b.build();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(csv.input + ": " + e.getMessage(), e);
    }
    String text;
    switch (format) {
      case CSV: {
        StringWriter w = new StringWriter();
        profiles.toCsv(w);
        text = w.toString();
        break;
      }
      case JSON:
        text = ModelJson.write(profiles);
        break;
      default:
        text = profiles.toString();
    }
    Output.text(cli, out, text);
    return ExitCodes.OK;
  }
}
