/**
 * Whether `short` is how people abbreviate `full`: its characters appear in order in the full name
 * (曲江文旅 in 西安曲江文化旅游股份有限公司). Three characters at least, or too much would match.
 */
export function isAbbreviationOf(short: string, full: string): boolean {
  if (short.length < 3 || short.length >= full.length) return false;
  let at = 0;
  for (const c of short) {
    at = full.indexOf(c, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}
