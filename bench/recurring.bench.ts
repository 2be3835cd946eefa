import { clusterProblems, pairwiseScores } from '../src/services/recurring/cluster';
import { LABELLED_PROBLEMS } from '../test/fixtures/recurring/labelled-problems';

const OPENERS = ['', '我公司', '企业反映：', '近期', '本企业', '走访中企业提出，', '项目方说'];
const TAILS = ['', '，请协调。', '，盼尽快解决', '。', '，已经影响正常经营', '，多次反映未果'];
const FILLERS =
  '原料 订单 客户 设备 车间 仓储 物流 员工 食堂 宿舍 展会 出口 研发 专利 品牌 认证 税务 社保'.split(' ');

/** A deterministic pseudo-random sequence, so every run clusters the same 10,000 texts. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * 一类事 clustering: pairwise precision and recall on the labelled set (≥ 200 texts written for
 * it; target ≥ 0.8 both), then the time to cluster 10,000 problems (target ≤ 5 s) built from
 * those texts with different openers, endings and unrelated words, spread over 2,000 firms.
 */
export async function benchRecurring(): Promise<void> {
  const items = LABELLED_PROBLEMS.map((p, i) => ({
    id: `p${i}`,
    firmId: `f${i}`,
    categoryId: p.category,
    text: p.text,
  }));
  const labels = new Map(LABELLED_PROBLEMS.map((p, i) => [`p${i}`, p.label]));
  const t0 = performance.now();
  const clusters = clusterProblems(items);
  const s = pairwiseScores(clusters, labels);
  console.log(
    `recurring labelled set: ${items.length} texts, ${new Set(LABELLED_PROBLEMS.map((p) => p.label)).size - 1} troubles + unrelated; ` +
      `${clusters.length} clusters; precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} ` +
      `(${s.predictedPairs} pairs predicted, ${s.truePairs} true; ${(performance.now() - t0).toFixed(0)} ms incl. dictionary load)`,
  );

  const rand = rng(18);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const big = Array.from({ length: 10_000 }, (_, i) => {
    const base = pick(LABELLED_PROBLEMS);
    const filler = rand() < 0.5 ? `${pick(FILLERS)}${pick(FILLERS)}方面也有困难，` : '';
    return {
      id: `b${i}`,
      firmId: `f${Math.floor(rand() * 2000)}`,
      categoryId: base.category,
      text: `${pick(OPENERS)}${filler}${base.text}${pick(TAILS)}`,
    };
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const found = clusterProblems(big);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  console.log(
    `recurring 10,000 problems: ${found.length} clusters in ${wall.toFixed(0)} ms wall, ` +
      `${((used.user + used.system) / 1000).toFixed(0)} ms CPU (target ≤ 5000 ms)`,
  );
  await Promise.resolve();
}
