/** One finding of `npm run doctor`: ok, a warning (works, but fix it) or an error (it will not work). */
export interface Finding {
  level: 'ok' | 'warn' | 'error';
  area: string;
  message: string;
  /** What to do about it. */
  fix?: string;
}

const MARK = { ok: '✓', warn: '!', error: '✗' } as const;

/** The report as printed: one line per finding, the fix indented under it, and a summary line. */
export function formatFindings(findings: Finding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${MARK[f.level]} [${f.area}] ${f.message}`);
    if (f.fix) lines.push(`    fix: ${f.fix}`);
  }
  const errors = findings.filter((f) => f.level === 'error').length;
  const warns = findings.filter((f) => f.level === 'warn').length;
  lines.push(
    errors || warns ? `${errors} error(s), ${warns} warning(s): see "fix" above` : 'all checks passed',
  );
  return lines;
}

/** Up to n names, then how many more. */
export function sample(items: string[], n = 10): string {
  return items.length > n ? `${items.slice(0, n).join('、')} … (+${items.length - n})` : items.join('、');
}
