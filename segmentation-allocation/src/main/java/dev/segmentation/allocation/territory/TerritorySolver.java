package dev.segmentation.allocation.territory;

import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.territory.TerritoryPlan.AccountAssignment;
import dev.segmentation.allocation.territory.TerritoryPlan.RepLoad;
import dev.segmentation.core.internal.BlockExecutor;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The territory solver: candidate reps per account, a Lagrangian relaxation of the rep bands (one price
 * per rep, plus one for the minimum kept share) maximised by subgradient steps, then rounding by local
 * search (moves and swaps) on the lexicographic objective (band violation, kept deficit, cost). See
 * {@code docs/territories.md}. Deterministic: blocks of accounts are evaluated in parallel and combined
 * in block order; the local search is sequential in account order.
 */
final class TerritorySolver {

  private static final System.Logger LOG = System.getLogger(TerritoryProblem.class.getName());

  /** Members of the target rep scanned per (account, candidate rep) in a swap pass. */
  static final int SWAP_SCAN = 24;
  /** Rounds of (moves, global moves, swaps) per local search. */
  static final int MAX_ROUNDS = 25;
  /** Move passes per round. */
  static final int MAX_MOVE_PASSES = 20;
  /** Candidate-set expansions (K doubles each time) when the bands are not met. */
  static final int MAX_EXPANSIONS = 5;
  /** Up to this many free accounts, the local search starts from every Lagrangian choice kept. */
  static final int ALL_STARTS_LIMIT = 5_000;
  /** Moves and swaps consider every rep (not only candidates) when {@code free accounts × reps} is
   * at most this. */
  static final long FULL_NEIGHBOURHOOD_LIMIT = 5_000L;
  /** Pair moves run when {@code free accounts² × reps²} is at most this. */
  static final long PAIR_MOVE_LIMIT = 200_000L;
  /** Up to this many free accounts, the dual keeps up to {@link #DIVERSE_STARTS} distinct choices. */
  static final int SMALL = 24;
  /** Distinct Lagrangian choices kept as local-search starts on small instances. */
  static final int DIVERSE_STARTS = 16;
  /** A local-search round that improves the cost by less than this share ends the search. */
  static final double MIN_ROUND_GAIN = 1e-4;
  /** Iterations of the dual after an expansion of the candidate sets. */
  static final int EXPANSION_ITERATIONS = 100;

  private final TerritoryProblem problem;
  private final SolveLimits limits;
  private final long deadline;
  /** The thread that solves (whose interrupt is a cancellation). */
  private final Thread owner = Thread.currentThread();
  /** Set by {@link #stoppedInBlock()} in the executor's threads. */
  private volatile boolean blockStop;
  /** The executor of the blocks, whose record of an interrupt of the waiting owner the blocks see. */
  private volatile BlockExecutor blocksOn;
  private boolean timedOut;
  private boolean cancelled;

  // reps of the role
  private final int m;
  private final String[] repIds;
  private final double[] cap;
  private final boolean[] repHome;
  private final double[] repLat;
  private final double[] repLon;
  private final double[] rx;
  private final double[] ry;
  private final double[] rz;
  private int homed;

  // accounts
  private final int nAll;
  private final boolean[] inScope;
  private final double[] size;
  private final int[] ownerOf;
  private final int[] lockOf;

  // bands
  private double total;
  private final double[] target;
  private final double[] lo;
  private final double[] hi;
  private final double[] lockedLoad;
  private final double[] loF;
  private final double[] hiF;
  private double lockedCost;
  private int lockedKept;
  private int ownedTotal;
  private int kreqFree;
  private double epsV;

  // free accounts
  private int nf;
  private int[] fAcc;
  private double[] fs;
  private int[] fOwn;
  private boolean[] fLoc;
  private double[] fLat;
  private double[] fLon;

  // candidates (CSR, sorted by rep index)
  private int k;
  private int[] cStart;
  private int[] cRep;
  private double[] cCost;
  private double[] dK;

  private final double distW;
  private final double disr;

  private TerritorySolver(TerritoryProblem p, SolveLimits limits) {
    this.problem = p;
    this.limits = limits;
    this.deadline = limits.timeLimit().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    this.distW = p.distanceWeight();
    this.disr = p.disruptionCost();
    List<TerritoryRep> reps = new ArrayList<>();
    for (TerritoryRep r : p.reps()) {
      if (r.role().equals(p.role())) {
        reps.add(r);
      }
    }
    m = reps.size();
    repIds = new String[m];
    cap = new double[m];
    repHome = new boolean[m];
    repLat = new double[m];
    repLon = new double[m];
    rx = new double[m];
    ry = new double[m];
    rz = new double[m];
    Map<String, Integer> repIndex = new HashMap<>();
    for (int r = 0; r < m; r++) {
      TerritoryRep rep = reps.get(r);
      repIds[r] = rep.id();
      cap[r] = rep.capacityHours();
      repIndex.put(rep.id(), r);
      if (rep.homeLocation().isPresent()) {
        Location h = rep.homeLocation().get();
        repHome[r] = true;
        repLat[r] = h.latitude();
        repLon[r] = h.longitude();
        double[] u = unit(h.latitude(), h.longitude());
        rx[r] = u[0];
        ry[r] = u[1];
        rz[r] = u[2];
        homed++;
      }
    }
    List<TerritoryAccount> accounts = p.accounts();
    nAll = accounts.size();
    inScope = new boolean[nAll];
    size = new double[nAll];
    ownerOf = new int[nAll];
    lockOf = new int[nAll];
    double w = 0;
    double pot = 0;
    for (int i = 0; i < nAll; i++) {
      TerritoryAccount a = accounts.get(i);
      ownerOf[i] = a.currentOwner().map(o -> repIndex.getOrDefault(o, -1)).orElse(-1);
      lockOf[i] = a.lockedRep().map(o -> repIndex.get(o)).orElse(-1);
      inScope[i] = lockOf[i] >= 0 || p.scope() == AccountScope.ALL || a.workloadHours() > 0;
      if (inScope[i]) {
        w += a.workloadHours();
        pot += a.potential();
      }
    }
    for (int i = 0; i < nAll; i++) {
      TerritoryAccount a = accounts.get(i);
      size[i] = switch (p.balanceMeasure()) {
        case WORKLOAD -> a.workloadHours();
        case POTENTIAL -> a.potential();
        case MIX -> p.mixWeight() * a.workloadHours()
            + (pot > 0 ? (1 - p.mixWeight()) * a.potential() * w / pot : 0.0);
      };
    }
    target = new double[m];
    lo = new double[m];
    hi = new double[m];
    lockedLoad = new double[m];
    loF = new double[m];
    hiF = new double[m];
  }

  static double[] unit(double lat, double lon) {
    double p = Math.toRadians(lat);
    double l = Math.toRadians(lon);
    return new double[] {StrictMath.cos(p) * StrictMath.cos(l), StrictMath.cos(p) * StrictMath.sin(l),
        StrictMath.sin(p)};
  }

  static TerritoryPlan solve(TerritoryProblem p, SolveLimits limits) {
    return new TerritorySolver(p, limits).run();
  }

  // ---------------------------------------------------------------------------------------------

  private TerritoryPlan run() {
    double capSum = 0;
    for (double c : cap) {
      capSum += c;
    }
    total = 0;
    for (int i = 0; i < nAll; i++) {
      if (inScope[i]) {
        total += size[i];
      }
    }
    epsV = 1e-9 * Math.max(1, total);
    double tol = problem.tolerance();
    for (int r = 0; r < m; r++) {
      target[r] = total * cap[r] / capSum;
      lo[r] = target[r] * (1 - tol);
      hi[r] = target[r] * (1 + tol);
    }
    // locked and free accounts
    int free = 0;
    int ownedFree = 0;
    for (int i = 0; i < nAll; i++) {
      if (!inScope[i]) {
        continue;
      }
      if (ownerOf[i] >= 0) {
        ownedTotal++;
      }
      if (lockOf[i] >= 0) {
        int r = lockOf[i];
        lockedLoad[r] += size[i];
        lockedCost += cost(i, r);
        if (r == ownerOf[i]) {
          lockedKept++;
        }
      } else {
        free++;
        if (ownerOf[i] >= 0) {
          ownedFree++;
        }
      }
    }
    int kreq = TerritoryPlan.requiredKept(problem.minKeptShare(), ownedTotal);
    kreqFree = Math.max(0, kreq - lockedKept);
    for (int r = 0; r < m; r++) {
      loF[r] = lo[r] - lockedLoad[r];
      hiF[r] = hi[r] - lockedLoad[r];
    }
    nf = free;
    fAcc = new int[nf];
    fs = new double[nf];
    fOwn = new int[nf];
    fLoc = new boolean[nf];
    fLat = new double[nf];
    fLon = new double[nf];
    double freeLoad = 0;
    for (int i = 0, f = 0; i < nAll; i++) {
      if (inScope[i] && lockOf[i] < 0) {
        fAcc[f] = i;
        fs[f] = size[i];
        freeLoad += size[i];
        fOwn[f] = ownerOf[i];
        var loc = problem.accounts().get(i).location();
        if (loc.isPresent()) {
          fLoc[f] = true;
          fLat[f] = loc.get().latitude();
          fLon[f] = loc.get().longitude();
        }
        f++;
      }
    }
    List<String> conflicts = certificates(freeLoad, kreq, ownedFree);

    int[] best = null;
    double[] bestScore = null;
    double bestBound = Double.NEGATIVE_INFINITY;
    int iterations = 0;
    k = Math.min(problem.candidateReps(), Math.max(1, homed));
    double[] pi = new double[m];
    double[] mu = {0.0};
    try (BlockExecutor exec = BlockExecutor.create(problem.parallelism(), null)) {
      blocksOn = exec;
      if (nf > 0) {
        int builtK = k;
        for (int expansion = 0; ; expansion++) {
          // a stop before or while the candidate lists are (re)built keeps the best assignment so far
          // (the fallback when there is none yet)
          if (stopped() || !buildCandidates(exec)) {
            k = builtK;
            break;
          }
          builtK = k;
          int budget = expansion == 0 ? limits.maxIterations()
              : Math.min(EXPANSION_ITERATIONS, limits.maxIterations());
          if (expansion == 0) {
            // every account at its cheapest rep, bands ignored: the full dual at zero prices
            FullPass zero = fullDual(exec, new double[m], 0.0);
            if (zero != null) {
              bestBound = Math.max(bestBound, zero.bound());
            }
          }
          Dual d = dual(exec, pi, mu[0], budget, 1.0);
          iterations += d.iterations;
          for (int round = 0; d.iterations > 0 && !stopped(); round++) {
            FullPass fp = fullDual(exec, d.bestPi, d.bestMu);
            if (fp == null) {
              break; // stopped during the pass
            }
            bestBound = Math.max(bestBound, fp.bound());
            if (fp.additions().length == 0 || round == CG_ROUNDS) {
              break;
            }
            if (!addCandidates(fp.additions())) {
              break; // stopped: the candidate lists are unchanged
            }
            Dual again = dual(exec, d.bestPi, d.bestMu, Math.min(EXPANSION_ITERATIONS,
                limits.maxIterations()), 0.1);
            iterations += again.iterations;
            d = again;
          }
          // small instances polish every start; large ones only the choice at the best prices
          List<int[]> starts = nf <= ALL_STARTS_LIMIT ? d.starts : List.of(d.starts.get(0));
          for (int[] start : starts) {
            if (stopped() && best != null) {
              break; // when stopped before any search, the first start is the answer as it is
            }
            LocalSearch ls = new LocalSearch(start);
            ls.run();
            double[] score = ls.score();
            if (best == null || better(score, bestScore)) {
              best = ls.a.clone();
              bestScore = score;
            }
          }
          pi = d.bestPi;
          mu[0] = d.bestMu;
          boolean feasible = bestScore != null && bestScore[0] <= epsV && bestScore[1] == 0;
          if (feasible || stopped() || k >= homed || expansion >= MAX_EXPANSIONS
              || !conflicts.isEmpty()) {
            break;
          }
          k = Math.min(homed, 2 * k);
          LOG.log(Level.DEBUG, () -> "territory: bands not met; candidate reps K=" + k);
        }
      }
    }
    if (best == null && nf > 0) {
      best = fallback();
    }
    double bound = conflicts.isEmpty() && Double.isFinite(bestBound) ? bestBound : Double.NaN;
    if (nf == 0 && conflicts.isEmpty()) {
      bound = lockedCost;
    }
    return plan(best, conflicts, iterations, bound);
  }

  private boolean stopped() {
    if (cancelled || timedOut) {
      return true;
    }
    if (limits.cancellation().isCancelled()) {
      cancelled = true;
    } else if (System.nanoTime() > deadline) {
      timedOut = true;
    }
    return cancelled || timedOut;
  }

  /**
   * The stop check of the executor's blocks (safe in its threads): the token, the solving thread's
   * interrupt and the deadline. Once it fired, the solving thread's {@link #stopped()} fires too and
   * records the reason.
   */
  private boolean stoppedInBlock() {
    if (blockStop) {
      return true;
    }
    BlockExecutor on = blocksOn;
    if (owner.isInterrupted() || (on != null && on.interruptSeen())
        || limits.cancellation().isCancelled() || System.nanoTime() > deadline) {
      blockStop = true;
    }
    return blockStop;
  }

  /**
   * The assignment when a stop comes before the first candidate lists exist (before or during their
   * build): each free account stays with its current owner; an account without one goes to its
   * nearest rep with a home (largest dot product of the unit vectors, ties: lowest index), or, without
   * a location or with no rep at home, to rep {@code f mod m}.
   */
  private int[] fallback() {
    int[] a = new int[nf];
    for (int f = 0; f < nf; f++) {
      if (fOwn[f] >= 0) {
        a[f] = fOwn[f];
      } else if (fLoc[f] && homed > 0) {
        double[] u = unit(fLat[f], fLon[f]);
        int br = -1;
        double bd = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < m; r++) {
          if (repHome[r]) {
            double dot = u[0] * rx[r] + u[1] * ry[r] + u[2] * rz[r];
            if (br < 0 || dot > bd) {
              br = r;
              bd = dot;
            }
          }
        }
        a[f] = br;
      } else {
        a[f] = f % m;
      }
    }
    return a;
  }

  /** Lexicographic comparison of (violation, kept deficit, cost). */
  private boolean better(double[] a, double[] b) {
    if (a[0] < b[0] - epsV) {
      return true;
    }
    if (a[0] > b[0] + epsV) {
      return false;
    }
    if (a[1] != b[1]) {
      return a[1] < b[1];
    }
    return a[2] < b[2] - 1e-9 * Math.max(1, Math.abs(b[2]));
  }

  private double dist(int i, int r) {
    if (!repHome[r]) {
      return 0;
    }
    var loc = problem.accounts().get(i).location();
    return loc.isEmpty() ? 0
        : Location.haversineKm(loc.get().latitude(), loc.get().longitude(), repLat[r], repLon[r]);
  }

  private double cost(int i, int r) {
    return distW * dist(i, r) + (ownerOf[i] >= 0 && ownerOf[i] != r ? disr : 0);
  }

  private double freeDist(int f, int r) {
    return fLoc[f] && repHome[r] ? Location.haversineKm(fLat[f], fLon[f], repLat[r], repLon[r]) : 0;
  }

  /** Cost of free account f at rep r: from its candidate list, else computed. */
  private double costOf(int f, int r) {
    for (int q = cStart[f]; q < cStart[f + 1]; q++) {
      if (cRep[q] == r) {
        return cCost[q];
      } else if (cRep[q] > r) {
        break;
      }
    }
    return distW * freeDist(f, r) + (fOwn[f] >= 0 && fOwn[f] != r ? disr : 0);
  }

  private boolean isCandidate(int f, int r) {
    for (int q = cStart[f]; q < cStart[f + 1]; q++) {
      if (cRep[q] == r) {
        return true;
      } else if (cRep[q] > r) {
        return false;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Certificates of infeasibility

  private String unit() {
    return switch (problem.balanceMeasure()) {
      case WORKLOAD -> " h";
      case POTENTIAL -> " potential";
      case MIX -> " (mixed load)";
    };
  }

  private String band(int r) {
    return String.format(Locale.ROOT, "[%.1f, %.1f] (target %.1f ±%.1f%%)", lo[r], hi[r], target[r],
        100 * problem.tolerance());
  }

  private List<String> certificates(double freeLoad, int kreq, int ownedFree) {
    List<String> out = new ArrayList<>();
    String u = unit();
    for (int r = 0; r < m; r++) {
      if (lockedLoad[r] > hi[r] + epsV) {
        List<Integer> locked = new ArrayList<>();
        for (int i = 0; i < nAll; i++) {
          if (inScope[i] && lockOf[i] == r) {
            locked.add(i);
          }
        }
        locked.sort((x, y) -> {
          int c = Double.compare(size[y], size[x]);
          return c != 0 ? c : Integer.compare(x, y);
        });
        out.add(String.format(Locale.ROOT, "Rep '%s': its %d locked accounts (%s) carry %.1f%s, above "
            + "its band %s.", repIds[r], locked.size(), names(locked), lockedLoad[r], u, band(r)));
      }
    }
    int maxRoomRep = 0;
    for (int r = 1; r < m; r++) {
      if (hi[r] - lockedLoad[r] > hi[maxRoomRep] - lockedLoad[maxRoomRep]) {
        maxRoomRep = r;
      }
    }
    double maxRoom = hi[maxRoomRep] - lockedLoad[maxRoomRep];
    int tooBig = 0;
    for (int i = 0; i < nAll; i++) {
      if (inScope[i] && lockOf[i] < 0 && size[i] > maxRoom + epsV) {
        if (tooBig < 10) {
          out.add(String.format(Locale.ROOT, "Account \"%s\": its load %.1f%s exceeds every rep's band "
              + "upper limit (the most room is rep '%s' with %.1f%s, band %s).",
              problem.accounts().get(i).id(), size[i], u, repIds[maxRoomRep], maxRoom, u,
              band(maxRoomRep)));
        }
        tooBig++;
      }
    }
    if (tooBig > 10) {
      out.add("... and " + (tooBig - 10) + " more accounts exceed every rep's band upper limit.");
    }
    double room = 0;
    double need = 0;
    for (int r = 0; r < m; r++) {
      room += Math.max(0, hi[r] - lockedLoad[r]);
      need += Math.max(0, lo[r] - lockedLoad[r]);
    }
    if (room < freeLoad - epsV) {
      out.add(String.format(Locale.ROOT, "The free accounts carry %.1f%s but the reps' bands leave "
          + "room for only %.1f%s next to their locked accounts.", freeLoad, u, room, u));
    }
    if (need > freeLoad + epsV) {
      out.add(String.format(Locale.ROOT, "The reps need %.1f%s more to reach their band lower limits "
          + "but the free accounts carry only %.1f%s (locks hold the rest).", need, u, freeLoad, u));
    }
    if (lockedKept + ownedFree < kreq) {
      List<Integer> away = new ArrayList<>();
      for (int i = 0; i < nAll; i++) {
        if (inScope[i] && lockOf[i] >= 0 && ownerOf[i] >= 0 && lockOf[i] != ownerOf[i]) {
          away.add(i);
        }
      }
      out.add(String.format(Locale.ROOT, "minKeptShare %.3f needs %d of the %d owned accounts kept, "
          + "but %d are locked to another rep (%s), so at most %d can be kept.",
          problem.minKeptShare(), kreq, ownedTotal, away.size(), names(away), lockedKept + ownedFree));
    }
    return out;
  }

  private String names(List<Integer> rows) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < Math.min(5, rows.size()); j++) {
      sb.append(j == 0 ? "" : ", ").append('"').append(problem.accounts().get(rows.get(j)).id())
          .append('"');
    }
    if (rows.size() > 5) {
      sb.append(", ... ").append(rows.size() - 5).append(" more");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Candidates

  /** Builds the candidate lists; {@code false} (lists unchanged) when a stop came during it. */
  private boolean buildCandidates(BlockExecutor exec) {
    int blocks = BlockExecutor.blocks(nf);
    int[][] bRep = new int[blocks][];
    double[][] bCost = new double[blocks][];
    int[][] bCount = new int[blocks][];
    double[] dk = new double[nf];
    int[] unhomed = new int[m - homed];
    int[] homedIdx = new int[homed];
    for (int r = 0, u = 0, h = 0; r < m; r++) {
      if (repHome[r]) {
        homedIdx[h++] = r;
      } else {
        unhomed[u++] = r;
      }
    }
    final int kk = k;
    exec.run(blocks, b -> {
      if (stoppedInBlock()) {
        return;
      }
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(nf, from + BlockExecutor.BLOCK_ROWS);
      int[] count = new int[to - from];
      int[] reps = new int[(to - from) * Math.min(m, kk + 1 + unhomed.length)];
      double[] costs = new double[reps.length];
      int len = 0;
      int[] sel = new int[kk];
      double[] selDot = new double[kk];
      int[] tmp = new int[m];
      for (int f = from; f < to; f++) {
        int c = 0;
        if (!fLoc[f] || homed <= kk) {
          // every rep is a candidate
          for (int r = 0; r < m; r++) {
            tmp[c++] = r;
          }
          dk[f] = Double.POSITIVE_INFINITY;
        } else {
          double[] u = unit(fLat[f], fLon[f]);
          int s = 0;
          for (int r : homedIdx) {
            double dot = u[0] * rx[r] + u[1] * ry[r] + u[2] * rz[r];
            if (s < kk || dot > selDot[s - 1]) {
              int pos = s < kk ? s++ : s - 1;
              while (pos > 0 && selDot[pos - 1] < dot) {
                sel[pos] = sel[pos - 1];
                selDot[pos] = selDot[pos - 1];
                pos--;
              }
              sel[pos] = r;
              selDot[pos] = dot;
            }
          }
          for (int j = 0; j < s; j++) {
            tmp[c++] = sel[j];
          }
          dk[f] = freeDist(f, sel[s - 1]);
          for (int r : unhomed) {
            tmp[c++] = r;
          }
          if (fOwn[f] >= 0) {
            tmp[c++] = fOwn[f];
          }
          Arrays.sort(tmp, 0, c);
          int d = 0;
          for (int j = 0; j < c; j++) {
            if (d == 0 || tmp[d - 1] != tmp[j]) {
              tmp[d++] = tmp[j];
            }
          }
          c = d;
        }
        if (len + c > reps.length) {
          reps = Arrays.copyOf(reps, Math.max(2 * reps.length, len + c));
          costs = Arrays.copyOf(costs, reps.length);
        }
        for (int j = 0; j < c; j++) {
          int r = tmp[j];
          reps[len] = r;
          costs[len] = distW * freeDist(f, r) + (fOwn[f] >= 0 && fOwn[f] != r ? disr : 0);
          len++;
        }
        count[f - from] = c;
      }
      bRep[b] = Arrays.copyOf(reps, len);
      bCost[b] = Arrays.copyOf(costs, len);
      bCount[b] = count;
    });
    if (blockStop) {
      stopped();
      return false;
    }
    int totalLen = 0;
    for (int[] r : bRep) {
      totalLen += r.length;
    }
    cStart = new int[nf + 1];
    cRep = new int[totalLen];
    cCost = new double[totalLen];
    int pos = 0;
    int f = 0;
    for (int b = 0; b < blocks; b++) {
      System.arraycopy(bRep[b], 0, cRep, pos, bRep[b].length);
      System.arraycopy(bCost[b], 0, cCost, pos, bCost[b].length);
      for (int c : bCount[b]) {
        cStart[f + 1] = cStart[f] + c;
        f++;
      }
      pos += bRep[b].length;
    }
    dK = dk;
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Lagrangian dual

  private static final class Dual {
    int iterations;
    double bestBound = Double.NEGATIVE_INFINITY;
    double[] bestPi;
    double bestMu;
    final List<int[]> starts = new ArrayList<>();
  }

  /**
   * Maximises the dual of the candidate-restricted problem {@code g(pi, mu) = sum_f min_{r in C(f)}
   * (c_fr + pi_r s_f - mu [r = owner_f]) - sum_r (max(pi_r, 0) hiF_r + min(pi_r, 0) loF_r)
   * + mu kreqFree + lockedCost} by subgradient steps with Polyak step length towards an estimate of
   * the optimum; then evaluates the dual of the full problem (every rep) at the best prices for the
   * lower bound.
   */
  private Dual dual(BlockExecutor exec, double[] pi0, double mu0, int maxIt, double theta0) {
    Dual d = new Dual();
    double[] pi = pi0.clone();
    double mu = mu0;
    d.bestPi = pi.clone();
    d.bestMu = mu;
    int blocks = BlockExecutor.blocks(nf);
    double[][] bLoad = new double[blocks][m];
    double[] bC = new double[blocks];
    int[] bK = new int[blocks];
    int[] choice = new int[nf];
    double[] load = new double[m];
    double[] grad = new double[m];
    double bestG = Double.NEGATIVE_INFINITY;
    double theta = theta0;
    double windowStart = Double.NEGATIVE_INFINITY;
    int noImprove = 0;
    boolean evaluated = false;
    for (int it = 0; it < maxIt; it++) {
      if (stopped()) {
        break;
      }
      d.iterations++;
      evaluated = true;
      final double fMu = mu;
      final double[] fPi = pi;
      exec.run(blocks, b -> {
        int from = b * BlockExecutor.BLOCK_ROWS;
        int to = Math.min(nf, from + BlockExecutor.BLOCK_ROWS);
        double[] l = bLoad[b];
        Arrays.fill(l, 0.0);
        double sc = 0;
        int kept = 0;
        for (int f = from; f < to; f++) {
          double s = fs[f];
          int own = fOwn[f];
          double best = Double.POSITIVE_INFINITY;
          int br = -1;
          for (int q = cStart[f]; q < cStart[f + 1]; q++) {
            int r = cRep[q];
            double v = cCost[q] + fPi[r] * s - (r == own ? fMu : 0.0);
            if (v < best) {
              best = v;
              br = r;
            }
          }
          choice[f] = br;
          l[br] += s;
          sc += best;
          if (br == own) {
            kept++;
          }
        }
        bC[b] = sc;
        bK[b] = kept;
      });
      Arrays.fill(load, 0.0);
      double gc = 0;
      int kept = 0;
      for (int b = 0; b < blocks; b++) {
        for (int r = 0; r < m; r++) {
          load[r] += bLoad[b][r];
        }
        gc += bC[b];
        kept += bK[b];
      }
      double g = gc + constant(pi, mu);
      if (bestG == Double.NEGATIVE_INFINITY || g > bestG + 1e-12 * Math.abs(bestG)) {
        bestG = g;
        d.bestPi = pi.clone();
        d.bestMu = mu;
        noImprove = 0;
      } else if (++noImprove >= 10) {
        theta /= 2;
        noImprove = 0;
      }
      if (it == 0 || (nf <= SMALL && d.starts.size() < DIVERSE_STARTS
          && d.starts.stream().noneMatch(x -> Arrays.equals(x, choice)))) {
        d.starts.add(choice.clone());
      }
      double norm = 0;
      for (int r = 0; r < m; r++) {
        double gr;
        if (pi[r] > 0 || (pi[r] == 0 && load[r] > hiF[r])) {
          gr = load[r] - hiF[r];
        } else if (pi[r] < 0 || load[r] < loF[r]) {
          gr = load[r] - loF[r];
        } else {
          gr = 0;
        }
        grad[r] = gr;
        norm += gr * gr;
      }
      double gmu = kreqFree - kept;
      if (mu == 0 && gmu < 0) {
        gmu = 0;
      }
      norm += gmu * gmu;
      if (it % STALL_WINDOW == 0) {
        if (it > 0 && bestG - windowStart <= STALL_GAIN * Math.abs(bestG)) {
          break; // the dual value stalled
        }
        windowStart = bestG;
      }
      if (norm == 0 || theta < MIN_THETA) {
        break; // the choice meets every band at these prices (optimal), or the steps vanished
      }
      double ub = bestG + Math.max(1e-9, UB_MARGIN * Math.abs(bestG));
      double step = theta * (ub - g) / norm;
      for (int r = 0; r < m; r++) {
        double np = pi[r] + step * grad[r];
        // a price that crosses zero stops at zero (the dual is kinked there)
        pi[r] = (pi[r] > 0 && np < 0) || (pi[r] < 0 && np > 0) ? 0.0 : np;
      }
      mu = Math.max(0, mu + step * gmu);
    }
    if (nf > 0) {
      int[] atBest = new int[nf];
      exec.run(blocks, b -> {
        int to = Math.min(nf, (b + 1) * BlockExecutor.BLOCK_ROWS);
        for (int f = b * BlockExecutor.BLOCK_ROWS; f < to; f++) {
          double best = Double.POSITIVE_INFINITY;
          int br = -1;
          for (int q = cStart[f]; q < cStart[f + 1]; q++) {
            int r = cRep[q];
            double v = cCost[q] + d.bestPi[r] * fs[f] - (r == fOwn[f] ? d.bestMu : 0.0);
            if (v < best) {
              best = v;
              br = r;
            }
          }
          atBest[f] = br;
        }
      });
      d.starts.add(0, atBest);
      if (evaluated && d.starts.stream().noneMatch(x -> Arrays.equals(x, choice))) {
        d.starts.add(choice.clone());
      }
    }
    LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT,
        "territory dual: %d iterations, K=%d", d.iterations, k));
    return d;
  }

  /** Relative margin above the best dual value used as the Polyak target. */
  static final double UB_MARGIN = 0.02;
  /** Iterations over which the dual must gain {@link #STALL_GAIN} (relative) to go on. */
  static final int STALL_WINDOW = 25;
  /** Relative gain of the best dual value per window below which the dual stops. */
  static final double STALL_GAIN = 1e-6;
  /** The dual stops when its step factor falls below this. */
  static final double MIN_THETA = 1e-4;

  private double constant(double[] pi, double mu) {
    double constant = lockedCost + mu * kreqFree;
    for (int r = 0; r < m; r++) {
      constant -= Math.max(pi[r], 0) * hiF[r] + Math.min(pi[r], 0) * loF[r];
    }
    return constant;
  }

  /** The full dual at some prices, and the reps to add to candidate lists (pairs f, r). */
  private record FullPass(double bound, int[] additions) {}

  /**
   * The Lagrangian dual of the full problem (every rep open to every account) at given prices: a lower
   * bound on the objective of every assignment meeting all bands. Candidate reps use their exact
   * cost; other reps (all with a home) use the chord length {@code R |u_f - u_r|}, which never exceeds
   * the great-circle distance, so the bound stays valid. Non-candidate reps whose exact priced cost
   * beats the account's best candidate are returned (at most {@value #ADD_PER_ROUND} per account,
   * cheapest first) to be added to its candidates: column generation. Returns {@code null} when a stop
   * came during the pass.
   */
  private FullPass fullDual(BlockExecutor exec, double[] pi, double mu) {
    int blocks = BlockExecutor.blocks(nf);
    double[] part = new double[blocks];
    int[][] adds = new int[blocks][];
    exec.run(blocks, b -> {
      if (stoppedInBlock()) {
        return;
      }
      int from = b * BlockExecutor.BLOCK_ROWS;
      int to = Math.min(nf, from + BlockExecutor.BLOCK_ROWS);
      double sum = 0;
      int[] out = new int[64];
      int len = 0;
      int[] addR = new int[ADD_PER_ROUND];
      double[] addV = new double[ADD_PER_ROUND];
      for (int f = from; f < to; f++) {
        double s = fs[f];
        int own = fOwn[f];
        double candBest = Double.POSITIVE_INFINITY;
        for (int q = cStart[f]; q < cStart[f + 1]; q++) {
          int r = cRep[q];
          candBest = Math.min(candBest, cCost[q] + pi[r] * s - (r == own ? mu : 0.0));
        }
        double best = candBest;
        int na = 0;
        if (dK[f] != Double.POSITIVE_INFINITY) {
          double[] u = unit(fLat[f], fLon[f]);
          double moved = own >= 0 ? disr : 0.0;
          int q = cStart[f];
          for (int r = 0; r < m; r++) {
            while (q < cStart[f + 1] && cRep[q] < r) {
              q++;
            }
            if (q < cStart[f + 1] && cRep[q] == r) {
              continue;
            }
            double dx = u[0] - rx[r];
            double dy = u[1] - ry[r];
            double dz = u[2] - rz[r];
            double chordKm = Location.EARTH_RADIUS_KM * StrictMath.sqrt(dx * dx + dy * dy + dz * dz);
            double lb = distW * chordKm + moved + pi[r] * s;
            best = Math.min(best, lb);
            if (lb < candBest - 1e-9 * Math.max(1, Math.abs(candBest))) {
              double v = distW * freeDist(f, r) + moved + pi[r] * s;
              if (v < candBest && (na < ADD_PER_ROUND || v < addV[na - 1])) {
                int p = na < ADD_PER_ROUND ? na++ : na - 1;
                while (p > 0 && addV[p - 1] > v) {
                  addV[p] = addV[p - 1];
                  addR[p] = addR[p - 1];
                  p--;
                }
                addV[p] = v;
                addR[p] = r;
              }
            }
          }
        }
        for (int j = 0; j < na; j++) {
          if (len + 2 > out.length) {
            out = Arrays.copyOf(out, 2 * out.length);
          }
          out[len++] = f;
          out[len++] = addR[j];
        }
        sum += best;
      }
      part[b] = sum;
      adds[b] = Arrays.copyOf(out, len);
    });
    if (blockStop) {
      stopped();
      return null; // an incomplete pass gives neither a bound nor additions
    }
    double total = 0;
    int addLen = 0;
    for (int b = 0; b < blocks; b++) {
      total += part[b];
      addLen += adds[b].length;
    }
    int[] all = new int[addLen];
    int pos = 0;
    for (int[] a : adds) {
      System.arraycopy(a, 0, all, pos, a.length);
      pos += a.length;
    }
    return new FullPass(total + constant(pi, mu), all);
  }

  /**
   * Adds reps to candidate lists; {@code pairs} holds (account, rep) pairs in account order, reps
   * not yet among the account's candidates. The lists stay sorted by rep; the costs of the reps
   * already there are kept (the same numbers as computing them again). Returns {@code false}, with
   * the lists unchanged, when a stop came during it.
   */
  private boolean addCandidates(int[] pairs) {
    int extra = pairs.length / 2;
    int[] start = new int[nf + 1];
    int[] reps = new int[cRep.length + extra];
    double[] costs = new double[reps.length];
    int p = 0;
    int len = 0;
    int[] added = new int[m];
    for (int f = 0; f < nf; f++) {
      if ((f & 4095) == 0 && stopped()) {
        return false;
      }
      int na = 0;
      while (p < pairs.length && pairs[p] == f) {
        added[na++] = pairs[p + 1];
        p += 2;
      }
      if (na > 1) {
        Arrays.sort(added, 0, na);
      }
      int q = cStart[f];
      int end = cStart[f + 1];
      int j = 0;
      while (q < end || j < na) {
        int r;
        double c;
        if (j >= na || (q < end && cRep[q] <= added[j])) {
          r = cRep[q];
          c = cCost[q];
          if (j < na && added[j] == r) {
            j++; // already a candidate
          }
          q++;
        } else {
          r = added[j++];
          c = distW * freeDist(f, r) + (fOwn[f] >= 0 && fOwn[f] != r ? disr : 0);
        }
        if (len > 0 && len > start[f] && reps[len - 1] == r) {
          continue;
        }
        reps[len] = r;
        costs[len] = c;
        len++;
      }
      start[f + 1] = len;
    }
    cStart = start;
    cRep = Arrays.copyOf(reps, len);
    cCost = Arrays.copyOf(costs, len);
    return true;
  }

  /** Reps added per account and column-generation round. */
  static final int ADD_PER_ROUND = 4;
  /** Column-generation rounds (full dual pass, add reps, re-solve the dual) per candidate set. */
  static final int CG_ROUNDS = 8;

  // ---------------------------------------------------------------------------------------------
  // Local search

  private final class LocalSearch {
    final int[] a;
    final double[] load = new double[m];
    int kept;
    final int[][] members = new int[m][];
    final int[] size = new int[m];
    final int[] pos;
    final int[] scanStart = new int[m];
    /** Small instances: moves and swaps consider every rep, not only candidates. */
    final boolean full = (long) nf * m <= FULL_NEIGHBOURHOOD_LIMIT;

    LocalSearch(int[] start) {
      a = start.clone();
      pos = new int[nf];
      for (int r = 0; r < m; r++) {
        members[r] = new int[16];
      }
      for (int f = 0; f < nf; f++) {
        int r = a[f];
        load[r] += fs[f];
        if (r == fOwn[f]) {
          kept++;
        }
        add(f, r);
      }
    }

    private void add(int f, int r) {
      if (size[r] == members[r].length) {
        members[r] = Arrays.copyOf(members[r], 2 * size[r]);
      }
      pos[f] = size[r];
      members[r][size[r]++] = f;
    }

    private void remove(int f, int r) {
      int p = pos[f];
      int last = members[r][--size[r]];
      members[r][p] = last;
      pos[last] = p;
    }

    double viol(int r, double l) {
      return Math.max(0, l - hiF[r]) + Math.max(0, loF[r] - l);
    }

    int deficit(int keptCount) {
      return Math.max(0, kreqFree - keptCount);
    }

    double[] score() {
      double v = 0;
      double c = 0;
      for (int r = 0; r < m; r++) {
        v += viol(r, load[r]);
      }
      for (int f = 0; f < nf; f++) {
        c += costOf(f, a[f]);
      }
      return new double[] {v, deficit(kept), c};
    }

    /** Whether (dv, dd, dc) improves: less violation, or no more violation and better (deficit, cost). */
    boolean improves(double dv, int dd, double dc) {
      return dv < -epsV || (dv <= 0 && (dd < 0 || (dd == 0 && dc < -1e-9)));
    }

    boolean betterDelta(double dv, int dd, double dc, double bv, int bd, double bc) {
      if (dv < bv - epsV) {
        return true;
      }
      if (dv > bv + epsV) {
        return false;
      }
      return dd < bd || (dd == bd && dc < bc);
    }

    void move(int f, int q) {
      int r = a[f];
      remove(f, r);
      add(f, q);
      a[f] = q;
      load[r] -= fs[f];
      load[q] += fs[f];
      kept += (q == fOwn[f] ? 1 : 0) - (r == fOwn[f] ? 1 : 0);
    }

    void run() {
      double[] before = score();
      for (int round = 0; round < MAX_ROUNDS && !stopped(); round++) {
        boolean improved = false;
        for (int pass = 0; pass < MAX_MOVE_PASSES && !stopped(); pass++) {
          if (!movePass(false)) {
            break;
          }
          improved = true;
        }
        if (totalViolation() > epsV && movePass(true)) {
          improved = true;
        }
        if (swapPass()) {
          improved = true;
        }
        if ((long) nf * nf * m * m <= PAIR_MOVE_LIMIT && pairPass()) {
          improved = true;
        }
        if (nf <= SMALL && cyclePass()) {
          improved = true;
        }
        if (!improved) {
          break;
        }
        double[] after = score();
        boolean small = after[0] <= epsV && before[0] <= epsV && after[1] == before[1]
            && before[2] - after[2] < MIN_ROUND_GAIN * Math.abs(before[2]);
        before = after;
        if (small) {
          break;
        }
      }
    }

    double totalViolation() {
      double v = 0;
      for (int r = 0; r < m; r++) {
        v += viol(r, load[r]);
      }
      return v;
    }

    /** One pass of moves in account order; {@code global} also tries every rep for accounts of
     * reps above their band and every rep below its band for every account. */
    boolean movePass(boolean global) {
      boolean any = false;
      int[] under = new int[m];
      int nu = 0;
      if (global) {
        for (int r = 0; r < m; r++) {
          if (load[r] < loF[r] - epsV) {
            under[nu++] = r;
          }
        }
      }
      for (int f = 0; f < nf; f++) {
        if ((f & 4095) == 0 && stopped()) {
          return any;
        }
        int r = a[f];
        double s = fs[f];
        int own = fOwn[f];
        double vr0 = viol(r, load[r]);
        double vr1 = viol(r, load[r] - s);
        double cr = costOf(f, r);
        int kr = r == own ? 1 : 0;
        double bv = 0;
        int bd = 0;
        double bc = 0;
        int bq = -1;
        if (full || (global && vr0 > 0 && load[r] > hiF[r])) {
          for (int q = 0; q < m; q++) {
            if (q != r) {
              double dv = vr1 - vr0 + viol(q, load[q] + s) - viol(q, load[q]);
              int dd = deficit(kept - kr + (q == own ? 1 : 0)) - deficit(kept);
              double dc = costOf(f, q) - cr;
              if (improves(dv, dd, dc) && (bq < 0 || betterDelta(dv, dd, dc, bv, bd, bc))) {
                bv = dv;
                bd = dd;
                bc = dc;
                bq = q;
              }
            }
          }
        } else {
          for (int j = cStart[f]; j < cStart[f + 1] + (global ? nu : 0); j++) {
            int q = j < cStart[f + 1] ? cRep[j] : under[j - cStart[f + 1]];
            if (q == r) {
              continue;
            }
            double dv = vr1 - vr0 + viol(q, load[q] + s) - viol(q, load[q]);
            int dd = deficit(kept - kr + (q == own ? 1 : 0)) - deficit(kept);
            double dc = (j < cStart[f + 1] ? cCost[j] : costOf(f, q)) - cr;
            if (improves(dv, dd, dc) && (bq < 0 || betterDelta(dv, dd, dc, bv, bd, bc))) {
              bv = dv;
              bd = dd;
              bc = dc;
              bq = q;
            }
          }
        }
        if (bq >= 0) {
          move(f, bq);
          any = true;
        }
      }
      return any;
    }

    /**
     * One pass of pair moves on small instances: two accounts f and g move at once to any reps
     * (q1, q2), which escapes the local optima of single moves and swaps when accounts are large
     * relative to the bands.
     */
    boolean pairPass() {
      boolean any = false;
      double[] tl = new double[m];
      for (int f = 0; f < nf; f++) {
        for (int g = f + 1; g < nf; g++) {
          int rf = a[f];
          int rg = a[g];
          double sf = fs[f];
          double sg = fs[g];
          double cf = costOf(f, rf);
          double cg = costOf(g, rg);
          int kBase = (rf == fOwn[f] ? 1 : 0) + (rg == fOwn[g] ? 1 : 0);
          int b1 = -1;
          int b2 = -1;
          double bv = 0;
          int bd = 0;
          double bc = 0;
          for (int q1 = 0; q1 < m; q1++) {
            if (q1 == rf) {
              continue;
            }
            for (int q2 = 0; q2 < m; q2++) {
              if (q2 == rg) {
                continue;
              }
              int[] touched = {rf, rg, q1, q2};
              double before = 0;
              for (int j = 0; j < 4; j++) {
                if (!seen(touched, j)) {
                  before += viol(touched[j], load[touched[j]]);
                  tl[touched[j]] = load[touched[j]];
                }
              }
              tl[rf] -= sf;
              tl[q1] += sf;
              tl[rg] -= sg;
              tl[q2] += sg;
              double after = 0;
              for (int j = 0; j < 4; j++) {
                if (!seen(touched, j)) {
                  after += viol(touched[j], tl[touched[j]]);
                }
              }
              double dv = after - before;
              int dk = (q1 == fOwn[f] ? 1 : 0) + (q2 == fOwn[g] ? 1 : 0) - kBase;
              int dd = deficit(kept + dk) - deficit(kept);
              double dc = costOf(f, q1) - cf + costOf(g, q2) - cg;
              if (improves(dv, dd, dc) && (b1 < 0 || betterDelta(dv, dd, dc, bv, bd, bc))) {
                b1 = q1;
                b2 = q2;
                bv = dv;
                bd = dd;
                bc = dc;
              }
            }
          }
          if (b1 >= 0) {
            move(f, b1);
            move(g, b2);
            any = true;
          }
        }
      }
      return any;
    }

    /**
     * One pass of cyclic exchanges on small instances: f takes g's rep, g takes h's rep and h takes
     * f's rep (three different reps), which moves territories when every single move, swap and pair
     * move breaks a band.
     */
    boolean cyclePass() {
      boolean any = false;
      for (int f = 0; f < nf; f++) {
        for (int g = 0; g < nf; g++) {
          for (int h = 0; h < nf; h++) {
            int rf = a[f];
            int rg = a[g];
            int rh = a[h];
            if (rf == rg || rg == rh || rh == rf || f > g || f > h) {
              continue;
            }
            double dv = viol(rf, load[rf] - fs[f] + fs[h]) - viol(rf, load[rf])
                + viol(rg, load[rg] - fs[g] + fs[f]) - viol(rg, load[rg])
                + viol(rh, load[rh] - fs[h] + fs[g]) - viol(rh, load[rh]);
            int dk = (rg == fOwn[f] ? 1 : 0) - (rf == fOwn[f] ? 1 : 0)
                + (rh == fOwn[g] ? 1 : 0) - (rg == fOwn[g] ? 1 : 0)
                + (rf == fOwn[h] ? 1 : 0) - (rh == fOwn[h] ? 1 : 0);
            int dd = deficit(kept + dk) - deficit(kept);
            double dc = costOf(f, rg) - costOf(f, rf) + costOf(g, rh) - costOf(g, rg)
                + costOf(h, rf) - costOf(h, rh);
            if (improves(dv, dd, dc)) {
              move(f, rg);
              move(g, rh);
              move(h, rf);
              any = true;
            }
          }
        }
      }
      return any;
    }

    private boolean seen(int[] touched, int j) {
      for (int i = 0; i < j; i++) {
        if (touched[i] == touched[j]) {
          return true;
        }
      }
      return false;
    }

    /** One pass of swaps: account f (at r) with an account g of one of f's candidate reps q. */
    boolean swapPass() {
      return full ? fullSwapPass() : candidateSwapPass();
    }

    /** Swaps of f with any account of any other rep (small instances). */
    boolean fullSwapPass() {
      boolean any = false;
      for (int f = 0; f < nf; f++) {
        int r = a[f];
        int best = -1;
        double bv = 0;
        int bd = 0;
        double bc = 0;
        for (int g = 0; g < nf; g++) {
          int q = a[g];
          if (q == r) {
            continue;
          }
          double dv = viol(r, load[r] - fs[f] + fs[g]) - viol(r, load[r])
              + viol(q, load[q] + fs[f] - fs[g]) - viol(q, load[q]);
          int dk = (q == fOwn[f] ? 1 : 0) - (r == fOwn[f] ? 1 : 0) + (r == fOwn[g] ? 1 : 0)
              - (q == fOwn[g] ? 1 : 0);
          int dd = deficit(kept + dk) - deficit(kept);
          double dc = costOf(f, q) - costOf(f, r) + costOf(g, r) - costOf(g, q);
          if (improves(dv, dd, dc) && (best < 0 || betterDelta(dv, dd, dc, bv, bd, bc))) {
            best = g;
            bv = dv;
            bd = dd;
            bc = dc;
          }
        }
        if (best >= 0) {
          int q = a[best];
          move(f, q);
          move(best, r);
          any = true;
        }
      }
      return any;
    }

    boolean candidateSwapPass() {
      boolean any = false;
      for (int f = 0; f < nf; f++) {
        if ((f & 1023) == 0 && stopped()) {
          return any;
        }
        int r = a[f];
        double sf = fs[f];
        int ownF = fOwn[f];
        double cfr = costOf(f, r);
        int bestG = -1;
        double bv = 0;
        int bd = 0;
        double bc = 0;
        for (int j = cStart[f]; j < cStart[f + 1]; j++) {
          int q = cRep[j];
          if (q == r) {
            continue;
          }
          double dcf = cCost[j] - cfr;
          boolean promising = dcf < -1e-9 || (ownF == q && kept < kreqFree)
              || (viol(r, load[r]) > 0 && viol(q, load[q]) > 0);
          if (!promising || size[q] == 0) {
            continue;
          }
          int n = size[q];
          int scan = Math.min(n, SWAP_SCAN);
          int startAt = scanStart[q] % n;
          for (int t = 0; t < scan; t++) {
            int g = members[q][(startAt + t) % n];
            if (!isCandidate(g, r)) {
              continue;
            }
            double sg = fs[g];
            double dv = viol(r, load[r] - sf + sg) - viol(r, load[r])
                + viol(q, load[q] + sf - sg) - viol(q, load[q]);
            int ownG = fOwn[g];
            int dk = (q == ownF ? 1 : 0) - (r == ownF ? 1 : 0) + (r == ownG ? 1 : 0)
                - (q == ownG ? 1 : 0);
            int dd = deficit(kept + dk) - deficit(kept);
            double dc = dcf + costOf(g, r) - costOf(g, q);
            if (improves(dv, dd, dc) && (bestG < 0 || betterDelta(dv, dd, dc, bv, bd, bc))) {
              bestG = g;
              bv = dv;
              bd = dd;
              bc = dc;
            }
          }
          scanStart[q] += scan;
        }
        if (bestG >= 0) {
          int q = a[bestG];
          move(f, q);
          move(bestG, r);
          any = true;
        }
      }
      return any;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The plan

  private TerritoryPlan plan(int[] best, List<String> conflicts, int iterations, double bound) {
    int[] repOf = new int[nAll];
    Arrays.fill(repOf, -1);
    for (int i = 0; i < nAll; i++) {
      if (inScope[i] && lockOf[i] >= 0) {
        repOf[i] = lockOf[i];
      }
    }
    for (int f = 0; f < nf; f++) {
      repOf[fAcc[f]] = best[f];
    }
    // the distances (great-circle, the bulk of the work) in blocks on the solve's threads
    double[] distOf = new double[nAll];
    try (BlockExecutor exec = BlockExecutor.create(problem.parallelism(), null)) {
      exec.run(BlockExecutor.blocks(nAll), b -> {
        int to = Math.min(nAll, (b + 1) * BlockExecutor.BLOCK_ROWS);
        for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
          distOf[i] = repOf[i] >= 0 ? dist(i, repOf[i]) : 0.0;
        }
      });
    }
    double[] load = new double[m];
    double[] work = new double[m];
    double[] pot = new double[m];
    double[] km = new double[m];
    int[] count = new int[m];
    int[] book = new int[m];
    int[] keptR = new int[m];
    List<AccountAssignment> accounts = new ArrayList<>(nAll);
    for (int i = 0; i < nAll; i++) {
      TerritoryAccount a = problem.accounts().get(i);
      int r = repOf[i];
      double d = distOf[i];
      if (r >= 0) {
        load[r] += size[i];
        work[r] += a.workloadHours();
        pot[r] += a.potential();
        km[r] += d;
        count[r]++;
        if (ownerOf[i] >= 0) {
          book[ownerOf[i]]++;
          if (ownerOf[i] == r) {
            keptR[r]++;
          }
        }
      }
      accounts.add(new AccountAssignment(a.id(), r >= 0 ? repIds[r] : "",
          a.currentOwner().orElse(""), inScope[i] && lockOf[i] >= 0, a.workloadHours(),
          a.potential(), size[i], d));
    }
    List<RepLoad> reps = new ArrayList<>(m);
    for (int r = 0; r < m; r++) {
      reps.add(new RepLoad(repIds[r], cap[r], target[r], lo[r], hi[r], load[r], work[r], pot[r],
          count[r], km[r], book[r], keptR[r]));
    }
    List<String> explanation = new ArrayList<>(conflicts);
    // the balance and kept figures the plan derives (an account is owned when its previous rep is
    // a rep of the role, kept when it stays with that rep), without building the plan twice
    int owned = 0;
    int keptTotal = 0;
    for (int r = 0; r < m; r++) {
      owned += book[r];
      keptTotal += keptR[r];
    }
    boolean balanced = TerritoryPlan.balanced(reps, keptTotal,
        TerritoryPlan.requiredKept(problem.minKeptShare(), owned));
    TerritoryStatus status;
    if (!conflicts.isEmpty()) {
      status = TerritoryStatus.INFEASIBLE;
    } else if (cancelled) {
      status = TerritoryStatus.CANCELLED;
    } else if (timedOut) {
      status = TerritoryStatus.TIME_LIMIT;
    } else {
      status = balanced ? TerritoryStatus.BALANCED : TerritoryStatus.UNBALANCED;
    }
    if (conflicts.isEmpty() && !balanced) {
      explanation.addAll(outOfBand(reps, owned, keptTotal));
    }
    return TerritoryPlan.ofSolver(status, problem.role(), problem.balanceMeasure(),
        problem.tolerance(), distW, disr, problem.minKeptShare(), Math.max(1, k), iterations,
        balanced ? bound : Double.NaN, explanation, reps, accounts);
  }

  private List<String> outOfBand(List<RepLoad> reps, int owned, int keptCount) {
    List<String> out = new ArrayList<>();
    String u = unit();
    List<RepLoad> bad = new ArrayList<>();
    for (RepLoad r : reps) {
      if (!r.withinBand()) {
        bad.add(r);
      }
    }
    bad.sort((x, y) -> Double.compare(Math.abs(y.deviation()), Math.abs(x.deviation())));
    for (int j = 0; j < Math.min(10, bad.size()); j++) {
      RepLoad r = bad.get(j);
      out.add(String.format(Locale.ROOT, "Rep '%s': load %.1f%s is %s its band [%.1f, %.1f] (target "
          + "%.1f, deviation %+.1f%%).", r.repId(), r.load(), u,
          r.load() > r.upperLimit() ? "above" : "below", r.lowerLimit(), r.upperLimit(), r.target(),
          100 * r.deviation()));
    }
    if (bad.size() > 10) {
      out.add("... and " + (bad.size() - 10) + " more reps out of band.");
    }
    int req = TerritoryPlan.requiredKept(problem.minKeptShare(), owned);
    if (keptCount < req) {
      out.add(String.format(Locale.ROOT, "Only %d of the %d owned accounts are kept; minKeptShare %.3f "
          + "needs %d.", keptCount, owned, problem.minKeptShare(), req));
    }
    if (!bad.isEmpty()) {
      double largest = 0;
      String largestId = "";
      for (int f = 0; f < nf; f++) {
        if (fs[f] > largest) {
          largest = fs[f];
          largestId = problem.accounts().get(fAcc[f]).id();
        }
      }
      double narrowest = Double.POSITIVE_INFINITY;
      String narrowestId = "";
      for (int r = 0; r < m; r++) {
        if (hi[r] - lo[r] < narrowest) {
          narrowest = hi[r] - lo[r];
          narrowestId = repIds[r];
        }
      }
      out.add(String.format(Locale.ROOT, "No proof of infeasibility was found (stopped: %s). The largest "
          + "free account, \"%s\", carries %.1f%s; the narrowest band (rep '%s') is %.1f%s wide.",
          cancelled ? "cancelled" : timedOut ? "time limit" : "no improving move or swap", largestId,
          largest, u, narrowestId, narrowest, u));
    }
    return out;
  }
}
