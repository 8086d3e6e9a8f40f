package dev.segmentation.cli;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import dev.segmentation.allocation.territory.Workloads;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.CsvOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code territories}: assign accounts to reps, from a territory problem or from a coverage plan. */
@Command(name = "territories", mixinStandardHelpOptions = true,
    versionProvider = SegmentationCli.Version.class,
    description = {
        "Assigns every account that needs a rep of one role to one rep, balancing the reps' loads "
            + "within a tolerance, with low travel and few changes of owner (docs/territories.md).",
        "Input: a \"territory-problem\" document (--problem), or a coverage problem and its plan "
            + "(--allocation-problem, --allocation-plan) whose hours of --role become the workloads.",
        "The \"territory-plan\" document goes to --out or standard output; the per-rep table to "
            + "standard output when --out is given, else to standard error."})
final class TerritoriesCommand implements Callable<Integer> {

  @ParentCommand
  SegmentationCli cli;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--problem", required = true, paramLabel = "JSON",
        description = "A \"territory-problem\" document (docs/json.md).")
    Path problem;

    @ArgGroup(exclusive = false)
    FromPlan fromPlan;
  }

  static final class FromPlan {
    @Option(names = "--allocation-problem", required = true, paramLabel = "JSON",
        description = "The \"allocation-problem\" document the plan was solved from.")
    Path allocationProblem;

    @Option(names = "--allocation-plan", required = true, paramLabel = "JSON",
        description = "The \"allocation-plan\" document; each account's workload is the hours of "
            + "--role of its chosen option.")
    Path allocationPlan;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The role to split.")
    String role;

    @Option(names = "--reps", paramLabel = "CSV",
        description = "Reps of the role: columns id, capacityHours and optionally latitude, longitude.")
    Path reps;

    @Option(names = "--rep-count", paramLabel = "N",
        description = "Instead of --reps: N reps rep-1..rep-N sharing the role's hours equally.")
    Integer repCount;

    @Option(names = "--potential-column", defaultValue = "potential", paramLabel = "COL",
        description = "Numeric column of the problem's accounts with each account's potential "
            + "(default: ${DEFAULT-VALUE}; used by --balance POTENTIAL or MIX).")
    String potentialColumn;

    @Option(names = "--tolerance", defaultValue = "0.1", paramLabel = "FRACTION",
        description = "Allowed deviation of a rep's load from its target (default: ${DEFAULT-VALUE}).")
    double tolerance;
  }

  @Option(names = {"-o", "--out"}, paramLabel = "JSON",
      description = "Territory plan file (default: standard output).")
  Path out;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Iteration limit of the price search (reproducible).")
  Integer maxIterations;

  @Override
  public Integer call() {
    SolveLimits limits = SolveLimits.defaults();
    if (maxIterations != null) {
      try {
        limits = limits.maxIterations(maxIterations);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    TerritoryProblem problem = source.problem != null
        ? read(source.problem)
        : fromPlan(source.fromPlan);
    cli.progress().phase("Assigning " + problem.accounts().size() + " accounts to "
        + problem.reps().size() + " reps");
    TerritoryPlan plan = problem.solve(limits);
    Output.text(cli, out, TerritoryJson.write(plan));
    PrintWriter summary = out != null ? cli.out() : cli.err();
    summary.println(plan);
    summary.flush();
    return ExitCodes.OK;
  }

  private TerritoryProblem read(Path file) {
    cli.progress().phase("Reading " + file);
    return TerritoryJson.readProblem(cli.resolve(file));
  }

  private TerritoryProblem fromPlan(FromPlan f) {
    if ((f.reps == null) == (f.repCount == null)) {
      throw new ParameterException(spec.commandLine(),
          "Give exactly one of --reps CSV or --rep-count N with --allocation-problem.");
    }
    cli.progress().phase("Reading " + f.allocationProblem + " and " + f.allocationPlan);
    AllocationProblem problem = AllocationJson.readProblem(cli.resolve(f.allocationProblem));
    AllocationPlan plan = AllocationJson.readPlan(cli.resolve(f.allocationPlan));
    double[] hours = Workloads.fromPlan(problem, plan, f.role);
    List<TerritoryAccount> accounts =
        Workloads.accounts(problem.accounts(), hours, f.potentialColumn);
    List<TerritoryRep> reps = new ArrayList<>();
    if (f.repCount != null) {
      if (f.repCount < 1) {
        throw new ParameterException(spec.commandLine(), "--rep-count must be at least 1, was "
            + f.repCount + ".");
      }
      double roleHours = problem.roles().stream().filter(r -> r.name().equals(f.role))
          .mapToDouble(Role::hours).findFirst()
          .orElseThrow(() -> new BadInputException("Role '" + f.role + "' is not in "
              + f.allocationProblem + "; roles are: " + problem.roles().stream().map(Role::name).toList()));
      for (int i = 1; i <= f.repCount; i++) {
        reps.add(TerritoryRep.of("rep-" + i, f.role, roleHours / f.repCount));
      }
    } else {
      AccountTable t = AccountTable.readCsv(cli.resolve(f.reps), CsvOptions.defaults().idColumn("id"));
      boolean located = t.columnNames().contains("latitude") && t.columnNames().contains("longitude");
      for (int i = 0; i < t.rowCount(); i++) {
        TerritoryRep r = TerritoryRep.of(t.id(i), f.role, t.numeric("capacityHours").get(i));
        if (located) {
          r = r.home(t.numeric("latitude").get(i), t.numeric("longitude").get(i));
        }
        reps.add(r);
      }
    }
    return TerritoryProblem.builder().role(f.role).reps(reps).accounts(accounts)
        .tolerance(f.tolerance).build();
  }
}
