package dev.segmentation.core.internal;

import java.util.Arrays;

/**
 * An exact k-d tree over a fixed set of points for nearest-neighbour and k-nearest-neighbour queries
 * under squared Euclidean distance.
 *
 * <p><b>Build.</b> Each inner node splits its points at the median of the coordinate with the
 * largest spread (quickselect); leaves hold at most {@value #LEAF_SIZE} points, stored contiguously
 * in tree order so that a leaf scan reads one block of memory.
 *
 * <p><b>Exactness.</b> The search visits the nearer child first and skips a subtree only when a
 * lower bound of the distance to every point in it is strictly greater than the current best. The
 * bound is the squared distance from the query to the bounding box of the subtree's points, summed
 * in coordinate order; because floating-point subtraction, squaring and addition of non-negative
 * terms are monotone, the bound never exceeds the distance computed for any point of the box, so the
 * result equals brute force bit for bit: the same squared distance (summed over coordinates
 * {@code 0..d-1} in order) and, among points at the same distance, the lowest point index.
 *
 * <p>Instances are immutable after construction and safe to share between threads; queries allocate
 * their own scratch space.
 */
public final class KdTree {

  /** Largest number of points in a leaf. */
  public static final int LEAF_SIZE = 12;

  private final int dim;
  private final int size;
  /** Points in tree order, row-major. */
  private final double[] points;
  /** Original index of each point in tree order. */
  private final int[] index;
  // Node arrays; node 0 is the root. Leaves have split dimension -1.
  private final int[] nodeFrom;
  private final int[] nodeTo;
  private final int[] nodeDim;
  private final double[] nodeSplit;
  private final int[] nodeLeft;
  private final int[] nodeRight;
  /** Bounding box of each node's points: {@code dim} lower then {@code dim} upper corners. */
  private final double[] nodeLo;
  private final double[] nodeHi;
  private int nodeCount;

  private KdTree(double[] data, int dim, int[] rows) {
    this.dim = dim;
    this.size = rows.length;
    int[] order = rows.clone();
    int maxNodes = Math.max(1, 2 * ((size + LEAF_SIZE - 1) / LEAF_SIZE) * 2 + 1);
    nodeFrom = new int[maxNodes];
    nodeTo = new int[maxNodes];
    nodeDim = new int[maxNodes];
    nodeSplit = new double[maxNodes];
    nodeLeft = new int[maxNodes];
    nodeRight = new int[maxNodes];
    nodeLo = new double[maxNodes * dim];
    nodeHi = new double[maxNodes * dim];
    if (size > 0) {
      build(data, order, 0, size);
    }
    this.index = order;
    this.points = new double[size * dim];
    for (int i = 0; i < size; i++) {
      System.arraycopy(data, order[i] * dim, points, i * dim, dim);
    }
  }

  /**
   * Builds a tree over some rows of a row-major matrix.
   *
   * @param data row-major values, {@code dim} per row, all finite for the chosen rows
   * @param dim the number of coordinates, {@code >= 1}
   * @param rows the rows to index (distinct); results report these row numbers
   * @return the tree
   */
  public static KdTree build(double[] data, int dim, int[] rows) {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be >= 1, was " + dim);
    }
    return new KdTree(data, dim, rows);
  }

  /**
   * Returns the number of indexed points.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  private int build(double[] data, int[] order, int from, int to) {
    int node = nodeCount++;
    nodeFrom[node] = from;
    nodeTo[node] = to;
    int best = 0;
    double bestSpread = -1;
    for (int j = 0; j < dim; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        double v = data[order[i] * dim + j];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      nodeLo[node * dim + j] = lo;
      nodeHi[node * dim + j] = hi;
      if (hi - lo > bestSpread) {
        bestSpread = hi - lo;
        best = j;
      }
    }
    if (to - from <= LEAF_SIZE || bestSpread <= 0) {
      // few points, or every point identical (a leaf however large)
      nodeDim[node] = -1;
      return node;
    }
    int mid = (from + to) >>> 1;
    select(data, order, from, to - 1, mid, best);
    nodeDim[node] = best;
    nodeSplit[node] = data[order[mid] * dim + best];
    nodeLeft[node] = build(data, order, from, mid);
    nodeRight[node] = build(data, order, mid, to);
    return node;
  }

  /** Quickselect: afterwards order[k] holds the k-th smallest coordinate, smaller ones before it. */
  private void select(double[] data, int[] order, int lo, int hi, int k, int j) {
    while (hi > lo) {
      int m = (lo + hi) >>> 1;
      // median of three as pivot
      double a = data[order[lo] * dim + j];
      double b = data[order[m] * dim + j];
      double c = data[order[hi] * dim + j];
      double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
      int i = lo;
      int r = hi;
      while (i <= r) {
        while (data[order[i] * dim + j] < pivot) {
          i++;
        }
        while (data[order[r] * dim + j] > pivot) {
          r--;
        }
        if (i <= r) {
          int t = order[i];
          order[i] = order[r];
          order[r] = t;
          i++;
          r--;
        }
      }
      if (k <= r) {
        hi = r;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  /**
   * Returns the leaf whose cell holds a query point (following the split planes), a cheap spatial
   * key: processing queries in leaf order lets consecutive searches reuse the same tree nodes and
   * points from the CPU caches. Results do not depend on the order.
   *
   * @param query the coordinates
   * @param offset where the query starts in {@code query}
   * @return the leaf's node number, or 0 for an empty tree
   */
  public int leafOf(double[] query, int offset) {
    int node = 0;
    while (size > 0 && nodeDim[node] >= 0) {
      node = query[offset + nodeDim[node]] < nodeSplit[node] ? nodeLeft[node] : nodeRight[node];
    }
    return node;
  }

  /**
   * Finds the nearest point to a query.
   *
   * @param query {@code dim} finite coordinates
   * @param offset where the query starts in {@code query}
   * @param exclude an original row to skip (leave-one-out), or -1
   * @param result receives {@code [row, squaredDistance]} as {@code result[0]} (the row as a double)
   *     and {@code result[1]}; row -1 and distance {@code +Infinity} when no point qualifies
   */
  public void nearest(double[] query, int offset, int exclude, double[] result) {
    Nearest s = new Nearest(this, query, offset, exclude);
    if (size > 0) {
      s.visit(0);
    }
    result[0] = s.bestRow;
    result[1] = s.best;
  }

  /**
   * Finds the {@code k} nearest points to a query, nearest first, ties by lowest row.
   *
   * @param query {@code dim} finite coordinates
   * @param offset where the query starts in {@code query}
   * @param k how many, {@code >= 1}
   * @param exclude an original row to skip, or -1
   * @param rows receives up to {@code k} rows (length {@code >= k}); unused slots get -1
   * @param squaredDistances receives their squared distances (length {@code >= k}); unused slots
   *     {@code +Infinity}
   * @return the number of neighbours found, {@code min(k, size - excluded)}
   */
  public int nearest(double[] query, int offset, int k, int exclude, int[] rows,
      double[] squaredDistances) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    Search s = new Search(query, offset, k, exclude);
    if (size > 0) {
      s.visit(0);
    }
    int found = 0;
    for (int i = 0; i < k; i++) {
      rows[i] = s.rows[i];
      squaredDistances[i] = s.dist[i];
      if (s.rows[i] >= 0) {
        found++;
      }
    }
    return found;
  }

  /**
   * Brute force nearest neighbour: the reference for tests and benchmarks.
   *
   * @param data row-major matrix
   * @param dim coordinates per row
   * @param rows candidate rows
   * @param query the query
   * @param offset where the query starts
   * @param exclude a row to skip, or -1
   * @param result receives {@code [row, squaredDistance]}
   */
  public static void bruteForceNearest(double[] data, int dim, int[] rows, double[] query,
      int offset, int exclude, double[] result) {
    int bestRow = -1;
    double best = Double.POSITIVE_INFINITY;
    for (int r : rows) {
      if (r == exclude) {
        continue;
      }
      double s = squaredDistance(data, r * dim, query, offset, dim);
      if (s < best || (s == best && r < bestRow)) {
        best = s;
        bestRow = r;
      }
    }
    result[0] = bestRow;
    result[1] = best;
  }

  /**
   * The squared Euclidean distance, summed over coordinates in order.
   *
   * @param a first array
   * @param ao offset of the first point
   * @param b second array
   * @param bo offset of the second point
   * @param dim coordinates
   * @return the squared distance
   */
  public static double squaredDistance(double[] a, int ao, double[] b, int bo, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      double t = a[ao + j] - b[bo + j];
      s += t * t;
    }
    return s;
  }

  /**
   * The single-nearest-neighbour search, the hot path of lookalike scoring: the tree's arrays in
   * final fields of one small object and the best so far in two scalars.
   */
  private static final class Nearest {
    final int dim;
    final double[] points;
    final int[] index;
    final int[] nodeFrom;
    final int[] nodeTo;
    final int[] nodeDim;
    final int[] nodeLeft;
    final int[] nodeRight;
    final double[] nodeLo;
    final double[] nodeHi;
    final double[] nodeSplit;
    final double[] q;
    final int qo;
    final int exclude;
    double best = Double.POSITIVE_INFINITY;
    int bestRow = -1;

    Nearest(KdTree t, double[] q, int qo, int exclude) {
      this.dim = t.dim;
      this.points = t.points;
      this.index = t.index;
      this.nodeFrom = t.nodeFrom;
      this.nodeTo = t.nodeTo;
      this.nodeDim = t.nodeDim;
      this.nodeLeft = t.nodeLeft;
      this.nodeRight = t.nodeRight;
      this.nodeLo = t.nodeLo;
      this.nodeHi = t.nodeHi;
      this.nodeSplit = t.nodeSplit;
      this.q = q;
      this.qo = qo;
      this.exclude = exclude;
    }

    double bound(int node, double limit) {
      int base = node * dim;
      double s = 0;
      for (int j = 0; j < dim; j++) {
        double v = q[qo + j];
        double lo = nodeLo[base + j];
        double hi = nodeHi[base + j];
        double t = v < lo ? lo - v : v > hi ? v - hi : 0.0;
        s += t * t;
        if (s > limit) {
          return s;
        }
      }
      return s;
    }

    void visit(int node) {
      int d = nodeDim[node];
      if (d < 0) {
        scan(nodeFrom[node], nodeTo[node]);
        return;
      }
      // the child on the query's side of the split first; each bound is computed only when needed,
      // the far one after the near subtree has lowered the best distance
      int near;
      int far;
      if (q[qo + d] < nodeSplit[node]) {
        near = nodeLeft[node];
        far = nodeRight[node];
      } else {
        near = nodeRight[node];
        far = nodeLeft[node];
      }
      if (bound(near, best) <= best) {
        visit(near);
      }
      if (bound(far, best) <= best) {
        visit(far);
      }
    }

    void scan(int from, int to) {
      for (int i = from; i < to; i++) {
        int p = i * dim;
        double s = 0;
        int j = 0;
        for (; j < dim; j++) {
          double t = points[p + j] - q[qo + j];
          s += t * t;
          if (s > best) {
            break;
          }
        }
        if (j < dim) {
          continue;
        }
        int row = index[i];
        if (row == exclude || (s == best && row > bestRow)) {
          continue;
        }
        best = s;
        bestRow = row;
      }
    }
  }

  /** One query's state: the k best so far (sorted), the cell offsets and the query. */
  private final class Search {
    final double[] q;
    final int qo;
    final int k;
    final int exclude;
    final int[] rows;
    final double[] dist;

    Search(double[] q, int qo, int k, int exclude) {
      this.q = q;
      this.qo = qo;
      this.k = k;
      this.exclude = exclude;
      this.rows = new int[k];
      this.dist = new double[k];
      Arrays.fill(rows, -1);
      Arrays.fill(dist, Double.POSITIVE_INFINITY);
    }

    /** Squared distance from the query to a node's box; stops early once above {@code limit}. */
    double bound(int node, double limit) {
      int base = node * dim;
      double s = 0;
      for (int j = 0; j < dim; j++) {
        double v = q[qo + j];
        double lo = nodeLo[base + j];
        double t;
        if (v < lo) {
          t = lo - v;
        } else {
          double hi = nodeHi[base + j];
          if (v > hi) {
            t = v - hi;
          } else {
            continue;
          }
        }
        s += t * t;
        if (s > limit) {
          return s;
        }
      }
      return s;
    }

    void visit(int node) {
      if (nodeDim[node] < 0) {
        scan(nodeFrom[node], nodeTo[node]);
        return;
      }
      int left = nodeLeft[node];
      int right = nodeRight[node];
      double bl = bound(left, dist[k - 1]);
      double br = bound(right, dist[k - 1]);
      int first = left;
      int second = right;
      double secondBound = br;
      if (br < bl) {
        first = right;
        second = left;
        secondBound = bl;
        bl = br;
      }
      if (bl <= dist[k - 1]) {
        visit(first);
      }
      if (secondBound <= dist[k - 1]) {
        visit(second);
      }
    }

    void scan(int from, int to) {
      double worst = dist[k - 1];
      for (int i = from; i < to; i++) {
        int row = index[i];
        if (row == exclude) {
          continue;
        }
        int p = i * dim;
        double s = 0;
        boolean over = false;
        for (int j = 0; j < dim; j++) {
          double t = points[p + j] - q[qo + j];
          s += t * t;
          if (s > worst) {
            over = true;
            break;
          }
        }
        if (over || (s == worst && row > rows[k - 1] && rows[k - 1] >= 0)) {
          continue;
        }
        insert(row, s);
        worst = dist[k - 1];
      }
    }

    void insert(int row, double s) {
      int pos = k - 1;
      while (pos > 0 && (dist[pos - 1] > s || (dist[pos - 1] == s && rows[pos - 1] > row))) {
        dist[pos] = dist[pos - 1];
        rows[pos] = rows[pos - 1];
        pos--;
      }
      dist[pos] = s;
      rows[pos] = row;
    }
  }
}
