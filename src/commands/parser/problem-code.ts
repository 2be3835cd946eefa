/** A problem code as people type it: W20261123-0007, w202611230007, with or without the dash. */
const CODE_RE = /(?:编号\s*[:：#]?\s*)?(?<![A-Za-z0-9])W(\d{8})-?(\d{4,})(?![0-9])/i;

/** The canonical form of a problem code (upper case, with the dash), or null when the text is not one. */
export function normalizeProblemCode(text: string): string | null {
  const m = CODE_RE.exec(text.trim());
  return m !== null && m[0].length === text.trim().length ? `W${m[1]}-${m[2]}` : null;
}

/** Takes the first problem code out of a text: the canonical code (or null) and the text without it. */
export function takeProblemCode(text: string): { code: string | null; rest: string } {
  const m = CODE_RE.exec(text);
  if (m === null) return { code: null, rest: text };
  return { code: `W${m[1]}-${m[2]}`, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}` };
}
