package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Same input, same output bytes. */
class DeterminismTest {

  @TempDir
  Path dir;

  private void run(String... args) {
    Cli.Result r = Cli.run(dir, args);
    assertEquals(0, r.code(), String.join(" ", args) + "\n" + r);
  }

  private void same(String a, String b) throws IOException {
    assertArrayEquals(Files.readAllBytes(dir.resolve(a)), Files.readAllBytes(dir.resolve(b)),
        a + " and " + b + " should be byte-identical");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kselect-spec.json", "kmeans-spec.json", "quantile-spec.json",
      "abc-spec.json", "rule-spec.json"})
  void segmentTwiceGivesIdenticalFiles(String spec) throws IOException {
    TestFiles.copySmall(dir);
    for (String run : List.of("1", "2")) {
      run("segment", "-q", "-i", "accounts.csv", "--id-column", "id", "-s", spec, "-o",
          "a" + run + ".csv", "--model-out", "m" + run + ".json");
      run("profile", "-q", "-i", "accounts.csv", "--id-column", "id", "-m", "m" + run + ".json",
          "-f", "json", "-o", "p" + run + ".json");
    }
    same("a1.csv", "a2.csv");
    same("m1.json", "m2.json");
    same("p1.json", "p2.json");
  }

  @Test
  void demoTwiceGivesIdenticalFilesAndOutput() throws IOException {
    Cli.Result first = Cli.run(dir, "demo", "-q", "--out-dir", "d1");
    Cli.Result second = Cli.run(dir, "demo", "-q", "--out-dir", "d2");
    assertEquals(first.out().replace("d1.", ""), second.out().replace("d2.", ""), "demo output");
    for (String f : List.of("accounts.csv", "spec.json", "model.json", "assignments.csv",
        "profiles.csv", "problem.json", "plan.json")) {
      same("d1/" + f, "d2/" + f);
    }
    run("allocate", "-q", "-p", "d1/problem.json", "-o", "p1.json");
    run("allocate", "-q", "-p", "d1/problem.json", "-o", "p2.json");
    same("p1.json", "p2.json");
  }
}
