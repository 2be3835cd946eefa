import { contactRateChart, MAX_BAR_ROWS, ratesChart, tierChart } from '../../../src/charts/leader-charts';
import type { RenderedChart } from '../../../src/charts/render-chart';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** The text nodes of the SVG (what resvg draws as glyphs). */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

function expectPng(chart: RenderedChart, width: number, minHeight: number): void {
  expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(chart.png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
  expect(chart.width).toBe(width);
  expect(chart.height).toBeGreaterThanOrEqual(minHeight);
  // Under the group robot's 2 MB, and a real picture rather than an empty canvas.
  expect(chart.png.length).toBeLessThan(2 * 1024 * 1024);
  expect(chart.png.length).toBeGreaterThan(8_000);
}

describe('leader charts (ECharts SSR → resvg PNG, bundled CJK font)', () => {
  const units = [
    { name: '市自然资源和规划局', response: 0.8, resolution: 0.5, satisfaction: 1 },
    { name: '雁塔区', response: 1, resolution: null, satisfaction: 0.75 },
  ];

  it('draws 三率 per unit as bars with the Chinese names and legend in its text layer', async () => {
    const chart = await ratesChart('各办理单位三率', units);
    expectPng(chart, 1080, 480);
    const t = texts(chart.svg);
    expect(t).toEqual(
      expect.arrayContaining([
        '各办理单位三率',
        '响应率',
        '解决率',
        '满意率',
        '市自然资源和规划局',
        '雁塔区',
      ]),
    );
    expect(t).toEqual(expect.arrayContaining(['80%', '100%']));
    expect(chart.svg).toContain('font-family:Noto Sans SC');
  });

  it('caps the bars and says so', async () => {
    const many = Array.from({ length: MAX_BAR_ROWS + 3 }, (_, i) => ({
      ...units[0],
      name: `第${i + 1}单位`,
    }));
    const t = texts((await ratesChart('各单位三率', many)).svg);
    expect(t).toContain(`仅列前 ${MAX_BAR_ROWS} 个`);
    expect(t).toContain('第1单位');
    expect(t).not.toContain(`第${MAX_BAR_ROWS + 1}单位`);
  });

  it('draws 一月两见 by week as a line', async () => {
    const chart = await contactRateChart('一月两见达标率（按周）', [
      { label: '第46周', rate: 0.25 },
      { label: '第47周', rate: 0.5 },
      { label: '第48周', rate: 0.875 },
    ]);
    expectPng(chart, 1080, 540);
    expect(texts(chart.svg)).toEqual(
      expect.arrayContaining(['一月两见达标率（按周）', '第46周', '第48周', '88%']),
    );
  });

  it('draws open problems by tier', async () => {
    const chart = await tierChart('在办问题分级', { normal: 4, blue: 2, yellow: 1, red: 3 });
    expectPng(chart, 1080, 540);
    expect(texts(chart.svg)).toEqual(
      expect.arrayContaining(['正常', '蓝色（临期）', '黄色预警', '红色预警', '3']),
    );
  });

  it('draws a name outside GB2312 (堃, 玥) from the full font, not as a blank', async () => {
    const common = await ratesChart('测试', [
      { name: '市某局', response: 0.5, resolution: 0.5, satisfaction: 0.5 },
    ]);
    const rare = await ratesChart('测试', [
      { name: '市堃玥局', response: 0.5, resolution: 0.5, satisfaction: 0.5 },
    ]);
    expect(texts(rare.svg)).toContain('市堃玥局');
    expect(rare.png.equals(common.png)).toBe(false);
    expect(rare.width).toBe(common.width);
  });

  it('renders the same picture for the same data (no clock, no randomness in the chart)', async () => {
    const a = await tierChart('在办问题分级', { normal: 1, blue: 0, yellow: 0, red: 1 });
    const b = await tierChart('在办问题分级', { normal: 1, blue: 0, yellow: 0, red: 1 });
    expect(a.png.equals(b.png)).toBe(true);
  });
});
