import 'reflect-metadata';
import '../lib/load-env';
import { formatFindings } from '../doctor/checks';
import { runDoctor } from '../doctor/doctor';

/** `npm run doctor`: checks what the service needs, with the service's settings; exit 1 on any error. */
runDoctor().then(
  (findings) => {
    for (const line of formatFindings(findings)) console.log(line);
    process.exit(findings.some((f) => f.level === 'error') ? 1 : 0);
  },
  (err: unknown) => {
    console.error(`doctor failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
