import { addWords } from './segmenter';

/** A firm as the understanding pipeline knows it: names people use and its contacts' names. */
export interface RosterFirm {
  id: string;
  name: string;
  shortName: string | null;
  /** The names of the firm's contact persons (企业联系人), e.g. 刘建国. */
  contacts: readonly string[];
}

/** What a roster word points at. `alias` words (刘总, 汉丰) count only when they point at one firm. */
interface WordEntry {
  ids: string[];
  via: 'name' | 'contact';
  alias: boolean;
}

/** The roster's firm words, for finding firms in a sentence; built once per roster version. */
export interface RosterIndex {
  firms: ReadonlyMap<string, RosterFirm>;
  words: ReadonlyMap<string, WordEntry>;
  /** Length of the longest word, to bound the token windows tried. */
  longest: number;
}

const TITLES = ['总', '经理', '董', '董事长', '厂长', '主任', '书记', '老板', '总经理'];

/** 西安秦创智能装备有限公司 → 秦创智能装备: the name without its place and its legal form. */
export function coreName(name: string): string {
  return name
    .replace(/^(?:陕西省?|西安市?|中国|省|市)/, '')
    .replace(/(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)+$/, '');
}

function add(map: Map<string, WordEntry>, word: string, id: string, via: WordEntry['via'], alias: boolean) {
  if (word.length < 2) return;
  const entry = map.get(word);
  if (!entry) map.set(word, { ids: [id], via, alias });
  else if (!entry.ids.includes(id)) entry.ids.push(id);
}

/** Indexes the firms' names, short names, core names, contacts' names and "刘总"-style titles. */
export function buildRosterIndex(firms: readonly RosterFirm[]): RosterIndex {
  const words = new Map<string, WordEntry>();
  for (const f of firms) {
    add(words, f.name, f.id, 'name', false);
    if (f.shortName) add(words, f.shortName, f.id, 'name', false);
    const core = coreName(f.name);
    if (core.length >= 3) add(words, core, f.id, 'name', false);
    const short = f.shortName ?? core;
    if (short.length >= 4) add(words, short.slice(0, 2), f.id, 'name', true);
    for (const c of f.contacts) {
      if (c.length < 2) continue;
      add(words, c, f.id, 'contact', false);
      for (const t of TITLES) add(words, `${c[0]}${t}`, f.id, 'contact', true);
    }
  }
  addWords(words.keys());
  const longest = Math.max(0, ...[...words.keys()].map((w) => w.length));
  return { firms: new Map(firms.map((f) => [f.id, f])), words, longest };
}
