package dev.segmentation.cli;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.SegmentModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code assign}: assign accounts with a saved model. */
@Command(name = "assign", mixinStandardHelpOptions = true,
    versionProvider = SegmentationCli.Version.class,
    description = {
        "Assigns accounts with a saved model (any kind written by segment --model-out or by the "
            + "library's ModelJson); nothing is refitted.",
        "Assignments go to --out or standard output; the summary to standard output when --out is "
            + "given, else to standard error."})
final class AssignCommand implements Callable<Integer> {

  @ParentCommand
  SegmentationCli cli;

  @Mixin
  CsvInput csv;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "JSON",
      description = "A saved model: rule-, matrix-, quantile-, abc- or kmeans-model document.")
  Path model;

  @Option(names = {"-o", "--out"}, paramLabel = "CSV",
      description = "Assignments CSV file (default: standard output).")
  Path out;

  @Override
  public Integer call() {
    SegmentModel m = Models.read(cli, model);
    AccountTable table = csv.read(cli);
    cli.progress().phase("Assigning " + table.rowCount() + " accounts");
    Segmentation seg = m.assign(table);
    Output.text(cli, out, Output.assignmentsCsv(seg));
    PrintWriter summary = out != null ? cli.out() : cli.err();
    summary.print(seg);
    summary.flush();
    return ExitCodes.OK;
  }
}
