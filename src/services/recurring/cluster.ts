import { featuresOf, tfidf, type SparseVector } from './text-vectors';

/** One problem as the clustering sees it. */
export interface ClusterInput {
  id: string;
  /** The reporting firm: a cluster counts distinct firms, not reports. */
  firmId: string;
  /** Only problems of the same category are compared (null: uncategorised, compared among themselves). */
  categoryId: string | null;
  text: string;
}

/** Tuning of the clustering; the defaults are the ones the labelled benchmark set was measured with. */
export interface ClusterOptions {
  /** Cosine similarity at or above which two problems describe the same trouble. */
  threshold: number;
  /** Cosine between two clusters' centres at or above which they are merged. */
  mergeThreshold: number;
  /** Assignment passes after the merge (k-means steps). */
  rounds: number;
  /** A cluster must come from at least this many distinct firms. */
  minFirms: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 0.15,
  mergeThreshold: 0.2,
  rounds: 2,
  minFirms: 2,
};

/** A group of problems from different firms that describe the same trouble (一类事). */
export interface ProblemCluster {
  categoryId: string | null;
  ids: string[];
  firms: number;
  /** The problem nearest the cluster's centre: its text names the trouble. */
  representativeId: string;
  /** The heaviest words of the cluster's centre (no bigram features). */
  keywords: string[];
}

/**
 * Groups problems of one category by their TF-IDF vectors (words and in-word character bigrams):
 * a single pass joins each problem to the cluster whose centre (mean vector) is nearest when the
 * cosine reaches the threshold, or starts a cluster; a second pass moves every problem to its
 * nearest centre (one k-means step), so the order of arrival matters little. Centres are found
 * through an inverted index of their terms, so only clusters sharing a word are ever compared.
 * Keeps the groups reported by at least `minFirms` firms, largest first.
 */
export function clusterProblems(
  items: readonly ClusterInput[],
  options: Partial<ClusterOptions> = {},
): ProblemCluster[] {
  const opts = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const { vectors, vocab } = tfidf(items.map((p) => featuresOf(p.text)));
  const byCategory = new Map<string, number[]>();
  items.forEach((p, i) => {
    const key = p.categoryId ?? '';
    const list = byCategory.get(key);
    if (list) list.push(i);
    else byCategory.set(key, [i]);
  });
  const clusters: ProblemCluster[] = [];
  for (const members of byCategory.values()) {
    for (const group of centroidClusters(members, vectors, opts)) {
      if (group.length < 2) continue;
      const firms = new Set(group.map((i) => items[i].firmId)).size;
      if (firms < opts.minFirms) continue;
      const centre = centroid(group.map((i) => vectors[i]));
      let best = group[0];
      let bestSim = -1;
      for (const i of group) {
        const s = dotWith(vectors[i], centre);
        if (s > bestSim) [best, bestSim] = [i, s];
      }
      const keywords = [...centre]
        .filter(([id]) => !vocab[id].startsWith('~') && vocab[id].length > 1)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([id]) => vocab[id]);
      clusters.push({
        categoryId: items[group[0]].categoryId,
        ids: group.map((i) => items[i].id),
        firms,
        representativeId: items[best].id,
        keywords,
      });
    }
  }
  return clusters.sort((a, b) => b.firms - a.firms || b.ids.length - a.ids.length);
}

/** Cluster centres (sums of member vectors) with an inverted index from term to centre. */
class Centres {
  readonly sums: Map<number, number>[] = [];
  private readonly norms: number[] = [];
  private readonly postings = new Map<number, Set<number>>();

  /** A centre for these vectors; returns its index. */
  add(vs: readonly SparseVector[]): number {
    const c = this.sums.push(new Map()) - 1;
    this.norms.push(0);
    for (const v of vs) this.grow(c, v, false);
    this.renorm(c);
    return c;
  }

  grow(c: number, v: SparseVector, renorm = true): void {
    const sum = this.sums[c];
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k];
      sum.set(id, (sum.get(id) ?? 0) + v.weights[k]);
      let cs = this.postings.get(id);
      if (!cs) this.postings.set(id, (cs = new Set()));
      cs.add(c);
    }
    if (renorm) this.renorm(c);
  }

  private renorm(c: number): void {
    let n = 0;
    for (const w of this.sums[c].values()) n += w * w;
    this.norms[c] = Math.sqrt(n) || 1;
  }

  /** The centre nearest a vector (cosine), or [-1, 0] when none shares a term. */
  nearest(v: SparseVector): [number, number] {
    const dots = new Map<number, number>();
    for (let k = 0; k < v.ids.length; k++) {
      const cs = this.postings.get(v.ids[k]);
      if (!cs) continue;
      for (const c of cs) dots.set(c, (dots.get(c) ?? 0) + v.weights[k] * (this.sums[c].get(v.ids[k]) ?? 0));
    }
    let best = -1;
    let bestSim = 0;
    for (const [c, dot] of dots) {
      const sim = dot / this.norms[c];
      if (sim > bestSim) [best, bestSim] = [c, sim];
    }
    return [best, bestSim];
  }

  /** Pairs of centres whose cosine reaches `min`. */
  *similarPairs(min: number): Generator<[number, number]> {
    for (let a = 0; a < this.sums.length; a++) {
      const dots = new Map<number, number>();
      for (const [id, w] of this.sums[a]) {
        for (const b of this.postings.get(id) ?? []) {
          if (b > a) dots.set(b, (dots.get(b) ?? 0) + w * (this.sums[b].get(id) ?? 0));
        }
      }
      for (const [b, dot] of dots) if (dot / (this.norms[a] * this.norms[b]) >= min) yield [a, b];
    }
  }
}

/**
 * One category's clusters as lists of indexes into `vectors`: a single pass, then rounds of
 * merging alike centres and moving every problem to its nearest centre (k-means steps).
 */
function centroidClusters(
  members: readonly number[],
  vectors: readonly SparseVector[],
  opts: ClusterOptions,
) {
  let centres = new Centres();
  let groups: number[][] = [];
  for (const i of members) {
    const [c, sim] = centres.nearest(vectors[i]);
    if (c >= 0 && sim >= opts.threshold) {
      centres.grow(c, vectors[i]);
      groups[c].push(i);
    } else {
      centres.add([vectors[i]]);
      groups.push([i]);
    }
  }
  for (let round = 0; round < opts.rounds; round++) {
    // Merge clusters whose centres are alike (the same trouble started twice in different words).
    const parent = groups.map((_, c) => c);
    const root = (c: number): number => (parent[c] === c ? c : (parent[c] = root(parent[c])));
    for (const [a, b] of centres.similarPairs(opts.mergeThreshold)) parent[root(b)] = root(a);
    const merged = new Map<number, number[]>();
    groups.forEach((g, c) => {
      const r = root(c);
      merged.set(r, [...(merged.get(r) ?? []), ...g]);
    });
    centres = new Centres();
    for (const g of merged.values()) centres.add(g.map((i) => vectors[i]));
    // Every problem to its nearest centre; those near none stand alone.
    const next = new Map<number, number[]>();
    for (const i of members) {
      const [c, sim] = centres.nearest(vectors[i]);
      const key = c >= 0 && sim >= opts.threshold ? c : -1 - i;
      next.set(key, [...(next.get(key) ?? []), i]);
    }
    groups = [...next.values()];
    centres = new Centres();
    for (const g of groups) centres.add(g.map((i) => vectors[i]));
  }
  return groups;
}

function centroid(vs: readonly SparseVector[]): Map<number, number> {
  const sum = new Map<number, number>();
  for (const v of vs) v.ids.forEach((id, k) => sum.set(id, (sum.get(id) ?? 0) + v.weights[k] / vs.length));
  return sum;
}

function dotWith(v: SparseVector, c: ReadonlyMap<number, number>): number {
  let s = 0;
  v.ids.forEach((id, k) => (s += v.weights[k] * (c.get(id) ?? 0)));
  return s;
}

/**
 * Pairwise precision and recall of a clustering against labels (null label: unrelated to every
 * other text): precision = same-label pairs among pairs put together; recall = pairs put together
 * among same-label pairs.
 */
export function pairwiseScores(
  clusters: readonly { ids: readonly string[] }[],
  labels: ReadonlyMap<string, string | null>,
): { precision: number; recall: number; predictedPairs: number; truePairs: number } {
  let predicted = 0;
  let correct = 0;
  for (const c of clusters) {
    for (let a = 0; a < c.ids.length; a++) {
      for (let b = a + 1; b < c.ids.length; b++) {
        predicted++;
        const la = labels.get(c.ids[a]);
        if (la && la === labels.get(c.ids[b])) correct++;
      }
    }
  }
  const sizes = new Map<string, number>();
  for (const l of labels.values()) if (l) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  return {
    precision: predicted ? correct / predicted : 1,
    recall: truePairs ? correct / truePairs : 1,
    predictedPairs: predicted,
    truePairs,
  };
}
