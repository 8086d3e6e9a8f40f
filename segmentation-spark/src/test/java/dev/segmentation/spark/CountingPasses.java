package dev.segmentation.spark;

import dev.segmentation.allocation.internal.AccountPasses;
import dev.segmentation.allocation.internal.Mckp;

/** Delegates to accounts and counts the moves applied by repair passes and by improvement passes. */
final class CountingPasses implements AccountPasses {

  private final AccountPasses inner;
  private boolean repairing;
  int repairMoves;
  int improveMoves;
  long repairProposals;
  long improveProposals;
  int repairPasses;
  int improvePasses;
  boolean feasible;

  CountingPasses(AccountPasses inner) {
    this.inner = inner;
  }

  @Override
  public int accounts() {
    return inner.accounts();
  }

  @Override
  public double[] rhs() {
    return inner.rhs();
  }

  @Override
  public AccountPasses copy() {
    return new CountingPasses(inner.copy());
  }

  @Override
  public void price(double[] lambda, double[] tieWeights, int[] known) {
    inner.price(lambda, tieWeights, known);
  }

  @Override
  public void leastUsing() {
    inner.leastUsing();
  }

  @Override
  public double[] leastUsingSums() {
    return inner.leastUsingSums();
  }

  @Override
  public double[] ratingHistogram(double[] usage, double[] scale, double v0, int coarse) {
    return inner.ratingHistogram(usage, scale, v0, coarse);
  }

  @Override
  public Proposals bucketAccounts(double[] usage, double[] scale, double v0, int bucket) {
    return inner.bucketAccounts(usage, scale, v0, bucket);
  }

  @Override
  public void moveBelow(double[] usage, double[] scale, double v0, int bucket, Proposals proposals,
      int[] applied, int count) {
    inner.moveBelow(usage, scale, v0, bucket, proposals, applied, count);
  }

  @Override
  public double[] usage() {
    return inner.usage();
  }

  @Override
  public double value() {
    return inner.value();
  }

  @Override
  public Proposals repairProposals(double[] usage, double[] scale, double v0) {
    repairing = true;
    repairPasses++;
    return counted(inner.repairProposals(usage, scale, v0), true);
  }

  @Override
  public Proposals improveProposals(double[] usage, double[] prices, double[] scale) {
    repairing = false;
    improvePasses++;
    return counted(inner.improveProposals(usage, prices, scale), false);
  }

  /** Counts the proposals handed out. */
  private Proposals counted(Proposals p, boolean repair) {
    return new Proposals() {
      @Override
      public int next() {
        int j = p.next();
        if (j >= 0) {
          if (repair) {
            repairProposals++;
          } else {
            improveProposals++;
          }
        }
        return j;
      }

      @Override
      public int account(int j) {
        return p.account(j);
      }

      @Override
      public double key(int j) {
        return p.key(j);
      }

      @Override
      public int slot(int j) {
        return p.slot(j);
      }

      @Override
      public double from(int j, int r) {
        return p.from(j, r);
      }

      @Override
      public double to(int j, int r) {
        return p.to(j, r);
      }
    };
  }

  @Override
  public void accept(Proposals proposals, int[] applied, int count) {
    if (repairing) {
      repairMoves += count;
    } else {
      improveMoves += count;
    }
    inner.accept(proposals, applied, count);
  }

  @Override
  public Core core(double[] lambda, int size) {
    return inner.core(lambda, size);
  }

  @Override
  public void move(int[] accounts, int[] slots) {
    inner.move(accounts, slots);
  }

  @Override
  public Mckp whole() {
    return inner.whole();
  }

  @Override
  public int[] wholeChoice() {
    return inner.wholeChoice();
  }

  @Override
  public double[] minUse() {
    return inner.minUse();
  }

  @Override
  public ServiceCheck[] serviceChecks(int[] serviceRow, int[] capacityRow, int[] keep) {
    return inner.serviceChecks(serviceRow, capacityRow, keep);
  }

  @Override
  public Outcomes outcomes(double[] lambda) {
    return inner.outcomes(lambda);
  }
}
