import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseFontBuild, setChartFontCacheDir } from '../../../src/charts/chart-font';
import { tierChart } from '../../../src/charts/leader-charts';

describe('the chart base font (cut once per machine, in a child process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qs-font-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is cut on the first chart, found on disk by the next process, and cut again when removed', async () => {
    setChartFontCacheDir(dir);
    const first = await tierChart('在办问题分级', { normal: 1, blue: 2, yellow: 3, red: 4 });
    const cut = baseFontBuild();
    expect(cut).toMatchObject({ built: true });
    // The GB2312 cut: a quarter of the 10 MB font, measured in its own process.
    expect(statSync(cut!.file).size).toBeGreaterThan(1_000_000);
    expect(statSync(cut!.file).size).toBeLessThan(4_000_000);
    expect(cut!.peakRss).toBeGreaterThan(0);

    setChartFontCacheDir(dir); // as a new process would start
    const again = await tierChart('在办问题分级', { normal: 1, blue: 2, yellow: 3, red: 4 });
    expect(baseFontBuild()).toMatchObject({ built: false, file: cut!.file });
    expect(again.png.equals(first.png)).toBe(true);

    rmSync(cut!.file); // a temp-directory cleaner
    const after = await tierChart('在办问题分级', { normal: 1, blue: 2, yellow: 3, red: 4 });
    expect(existsSync(cut!.file)).toBe(true);
    expect(after.png.equals(first.png)).toBe(true);
  }, 120_000);
});
