import { Jieba } from '@node-rs/jieba';
import { DEFAULT_CATEGORY_WORDS } from '../../commands/understand/category-lexicon';
import { baseDictionary } from '../../commands/understand/segmenter';

/**
 * Trouble words the base dictionary splits badly (用电报装 → 用/电报/装); with the categories'
 * synonyms they are single tokens. Its own jieba instance, so chat understanding is unaffected.
 */
const DOMAIN_WORDS = [
  '报装',
  '用电',
  '办电',
  '接电',
  '通电',
  '增容',
  '供电',
  '供水',
  '接水',
  '通水',
  '自来水',
  '用水',
  '供水管网',
  '渣土',
  '出土',
  '运土',
  '土方',
  '施工许可',
  '施工许可证',
  '消防验收',
  '不动产证',
  '不动产权证',
  '不动产登记',
  '土地证',
  '子女',
  '入学',
  '学位',
  '贷款',
  '续贷',
  '抽贷',
  '授信',
  '担保',
  '接入',
];

let jieba: Jieba | null = null;

/** Words that name a trouble (the domain list and the categories' synonyms): they weigh more. */
const TROUBLE_WORDS = new Set([...DOMAIN_WORDS, ...Object.values(DEFAULT_CATEGORY_WORDS).flat()]);

function segment(text: string): string[] {
  if (!jieba) {
    jieba = Jieba.withDict(baseDictionary());
    jieba.loadDict(Buffer.from([...TROUBLE_WORDS].map((w) => `${w} 200000 n`).join('\n')));
  }
  return jieba.cut(text, false);
}

/**
 * Words that say nothing about which trouble a firm has: courtesy, hedges, pronouns, and the
 * campaign's own vocabulary that every report carries.
 */
const STOP = new Set(
  (
    '我们 我司 公司 企业 本公司 你们 他们 目前 现在 一直 非常 比较 特别 已经 还是 还 都 也 就 很 太 有 没有 ' +
    '问题 情况 反映 希望 请求 请 帮助 帮忙 协调 解决 尽快 能否 是否 可以 需要 一下 相关 部门 方面 进行 存在 ' +
    '导致 影响 造成 由于 因为 所以 但是 而且 以及 或者 这个 那个 这些 什么 怎么 如何 为什么 多次 一些 ' +
    '了 的 地 得 着 过 吗 呢 吧 啊 在 是 和 与 及 对 把 被 让 给 从 向 到 于 为 等 个 一 不 没'
  ).split(/\s+/),
);

/** Characters too common in problem texts to tell two troubles apart. */
const STOP_CHARS = new Set(
  '的了是在不有无没一个们我司公企业问题办理请求希望能够要求进行时间太很长慢难'.split(''),
);

const PUNCT = /^[\s\p{P}\p{S}\d]+$/u;

/**
 * The features of a problem text: jieba words (not stop words or punctuation) and the character
 * bigrams inside words of three or more characters, so 报装 matches inside 用电报装 and 电力报装.
 */
export function featuresOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of segment(text.toLowerCase())) {
    const w = raw.trim();
    if (!w || STOP.has(w) || PUNCT.test(w)) continue;
    if (w.length === 1) {
      out.push(w);
      continue;
    }
    out.push(w);
    if (w.length >= 3) for (let i = 0; i + 2 <= w.length; i++) out.push(`~${w.slice(i, i + 2)}`);
    for (const ch of w) if (!STOP_CHARS.has(ch)) out.push(`^${ch}`);
  }
  return out;
}

/** A sparse, L2-normalised TF-IDF vector: term ids ascending with their weights. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** TF-IDF vectors of a set of documents (sub-linear tf, smoothed idf), with the vocabulary's df. */
export function tfidf(docs: readonly string[][]): {
  vectors: SparseVector[];
  df: Int32Array;
  vocab: string[];
} {
  const index = new Map<string, number>();
  const vocab: string[] = [];
  const termIds = docs.map((terms) =>
    terms.map((t) => {
      let id = index.get(t);
      if (id === undefined) {
        id = vocab.length;
        index.set(t, id);
        vocab.push(t);
      }
      return id;
    }),
  );
  const df = new Int32Array(vocab.length);
  for (const ids of termIds) for (const id of new Set(ids)) df[id]++;
  const n = docs.length;
  const vectors = termIds.map((ids) => {
    const tf = new Map<number, number>();
    for (const id of ids) tf.set(id, (tf.get(id) ?? 0) + 1);
    const entries = [...tf].sort((a, b) => a[0] - b[0]);
    const weights = new Float64Array(entries.length);
    let norm = 0;
    entries.forEach(([id, count], i) => {
      const w = (1 + Math.log(count)) * (Math.log((1 + n) / (1 + df[id])) + 1) * kindWeight(vocab[id]);
      weights[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    return { ids: Int32Array.from(entries.map((e) => e[0])), weights };
  });
  return { vectors, df, vocab };
}

/** Single characters (^) and in-word bigrams (~) back up the words; they must not outvote them. */
const FEATURE_WEIGHTS = { trouble: 1.5, word: 1, bigram: 0.8, char: 0.7 } as const;

function kindWeight(term: string): number {
  if (term.startsWith('^')) return FEATURE_WEIGHTS.char;
  if (term.startsWith('~')) return FEATURE_WEIGHTS.bigram;
  return TROUBLE_WORDS.has(term) ? FEATURE_WEIGHTS.trouble : FEATURE_WEIGHTS.word;
}
