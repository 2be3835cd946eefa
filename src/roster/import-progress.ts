import { Presets, SingleBar } from 'cli-progress';
import type { ImportProgress } from './roster-import.service';

/** Rows below which a progress bar is only noise. */
export const PROGRESS_THRESHOLD = 5000;

/** A terminal progress bar fed by `onProgress`, one sheet after another. */
export class ImportProgressBar {
  private readonly bar = new SingleBar(
    { format: '{sheet} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  private sheet: string | null = null;

  readonly onProgress = (p: ImportProgress): void => {
    if (p.sheet !== this.sheet) {
      if (this.sheet === null) this.bar.start(p.total, p.done, { sheet: p.sheet });
      else this.bar.setTotal(p.total);
      this.sheet = p.sheet;
    }
    this.bar.update(p.done, { sheet: p.sheet });
  };

  /** Ends the bar; safe to call twice. */
  stop(): void {
    if (this.sheet !== null) this.bar.stop();
    this.sheet = null;
  }
}
