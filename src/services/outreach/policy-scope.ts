import type { EnterpriseKind } from '../../entities/enums';

/** What a typed 范围 ("雁塔区、制造业、项目单位") says before the roster is consulted. */
export interface ScopeWords {
  all: boolean;
  kind: EnterpriseKind | null;
  creditCodes: string[];
  /** Words that are a district or an industry (the roster decides which). */
  names: string[];
}

const ALL_WORDS = new Set(['全部', '所有', '全市', '全部企业', '所有企业', '全市企业']);
const KIND_WORDS: Record<string, EnterpriseKind> = {
  企业: 'enterprise',
  项目单位: 'project',
  项目: 'project',
};
const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Splits a 范围 into its words (、，,；; and spaces) and sorts out the ones that need no roster. */
export function readScopeWords(text: string): ScopeWords {
  const words = text
    .split(/[、,，;；\s]+/)
    .map((w) => w.trim())
    .filter((w) => w !== '');
  const out: ScopeWords = { all: false, kind: null, creditCodes: [], names: [] };
  for (const word of words) {
    const upper = word.toUpperCase();
    if (ALL_WORDS.has(word)) out.all = true;
    else if (KIND_WORDS[word]) out.kind = KIND_WORDS[word];
    else if (CREDIT_CODE_RE.test(upper)) out.creditCodes.push(upper);
    else out.names.push(word);
  }
  return out;
}
