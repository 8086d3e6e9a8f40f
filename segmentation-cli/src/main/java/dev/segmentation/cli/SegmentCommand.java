package dev.segmentation.cli;

import dev.segmentation.cli.spec.SegmentationSpec;
import dev.segmentation.cli.spec.SpecJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code segment}: fit the spec's model on the accounts and assign them. */
@Command(name = "segment", mixinStandardHelpOptions = true,
    versionProvider = SegmentationCli.Version.class,
    description = {
        "Fits a segment model described by a spec (criteria + model settings) on the accounts and "
            + "assigns every account to a segment or gives the reason why not.",
        "Assignments go to --out or standard output; the fitted model to --model-out; the summary "
            + "to standard output when --out is given, else to standard error."})
final class SegmentCommand implements Callable<Integer> {

  @ParentCommand
  SegmentationCli cli;

  @Mixin
  CsvInput csv;

  @Option(names = {"-s", "--spec"}, required = true, paramLabel = "JSON",
      description = "The \"segmentation-spec\" document (docs/json.md).")
  Path spec;

  @Option(names = {"-o", "--out"}, paramLabel = "CSV",
      description = "Assignments CSV file (default: standard output).")
  Path out;

  @Option(names = "--model-out", paramLabel = "JSON",
      description = "Writes the fitted model as JSON (read it with assign and profile).")
  Path modelOut;

  @Override
  public Integer call() {
    AccountTable table = csv.read(cli);
    SegmentationSpec s;
    try {
      s = SpecJson.read(cli.resolve(spec));
    } catch (ModelFormatException e) {
      // name the file as the user gave it
      String msg = e.getMessage().replace(cli.resolve(spec).toString(), spec.toString());
      throw new ModelFormatException(msg, e.jsonPath().orElse(null), e);
    }
    SpecFitter.checkColumns(s, table, spec.toString());
    SpecFitter.Fit fit = SpecFitter.fit(s, table, cli.progress());
    cli.progress().phase("Assigning " + table.rowCount() + " accounts");
    Segmentation seg = fit.model().assign(table);
    if (modelOut != null) {
      Output.text(cli, modelOut, Models.write(fit.model()));
    }
    Output.text(cli, out, Output.assignmentsCsv(seg));
    PrintWriter summary = out != null ? cli.out() : cli.err();
    summary.print(fit.report());
    summary.print(seg);
    summary.flush();
    return ExitCodes.OK;
  }
}
