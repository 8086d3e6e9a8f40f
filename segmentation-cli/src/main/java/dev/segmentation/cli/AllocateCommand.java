package dev.segmentation.cli;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.core.ModelFormatException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code allocate}: solve a coverage allocation problem document. */
@Command(name = "allocate", mixinStandardHelpOptions = true,
    versionProvider = SegmentationCli.Version.class,
    description = {
        "Solves an \"allocation-problem\" document (it embeds its accounts and their segments) and "
            + "writes the \"allocation-plan\" document.",
        "The plan goes to --out or standard output; the summary (status, limits with shadow prices, "
            + "per-segment table) to standard output when --out is given, else to standard error."})
final class AllocateCommand implements Callable<Integer> {

  @ParentCommand
  SegmentationCli cli;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-p", "--problem"}, required = true, paramLabel = "JSON",
      description = "The \"allocation-problem\" document (docs/json.md).")
  Path problem;

  @Option(names = {"-o", "--out"}, paramLabel = "JSON",
      description = "Plan file (default: standard output).")
  Path out;

  @Option(names = "--time-limit", paramLabel = "SECONDS",
      description = "Wall-time limit in seconds; a plan stopped by it is reported as TIME_LIMIT and "
          + "is not reproducible.")
  Double timeLimitSeconds;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Iteration limit (reproducible).")
  Integer maxIterations;

  @Override
  public Integer call() {
    SolveLimits limits = SolveLimits.defaults();
    if (timeLimitSeconds != null) {
      if (!(timeLimitSeconds > 0) || timeLimitSeconds.isInfinite()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--time-limit must be a positive number of seconds, was " + timeLimitSeconds + ".");
      }
      limits = limits.withTimeLimit(Duration.ofNanos(Math.round(timeLimitSeconds * 1e9)));
    }
    if (maxIterations != null) {
      try {
        limits = limits.maxIterations(maxIterations);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    cli.progress().phase("Reading " + problem);
    AllocationProblem p;
    try {
      p = AllocationJson.readProblem(cli.resolve(problem));
    } catch (ModelFormatException e) {
      String msg = e.getMessage().replace(cli.resolve(problem).toString(), problem.toString());
      throw new ModelFormatException(msg, e.jsonPath().orElse(null), e);
    }
    cli.progress().phase("Solving for " + p.accounts().rowCount() + " accounts and "
        + p.options().size() + " options");
    AllocationPlan plan = p.solve(limits);
    Output.text(cli, out, AllocationJson.write(plan));
    PrintWriter summary = out != null ? cli.out() : cli.err();
    summary.println(plan);
    summary.flush();
    return ExitCodes.OK;
  }
}
