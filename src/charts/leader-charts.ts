import { renderChart, type ChartSize, type RenderedChart } from './render-chart';

/** What draws a chart's option (the renderer; benchmarks pass the old one to compare). */
export type ChartRenderer = (option: Record<string, unknown>, size: ChartSize) => Promise<RenderedChart>;

/** One bar group of the 三率 chart: a unit or district and its rates (0–1, null = nothing to count). */
export interface RatesRow {
  name: string;
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
}

/** One point of the 一月两见 line: a week's label and the share of pairs met by its end (0–1). */
export interface RatePoint {
  label: string;
  rate: number;
}

/** Open problems per tier now. */
export interface TierCounts {
  normal: number;
  blue: number;
  yellow: number;
  red: number;
}

/** Rows drawn at most; a longer list is cut (the text lists everything). */
export const MAX_BAR_ROWS = 15;

const percent = (r: number | null) => (r === null ? null : Math.round(r * 100));
const TITLE = { left: 'center', top: 8, textStyle: { fontSize: 18, fontWeight: 'bold' } };
const LEGEND = { top: 40 };

/** 三率 per unit or district, as horizontal bars (long Chinese names stay readable). */
export function ratesChart(
  title: string,
  rows: readonly RatesRow[],
  render: ChartRenderer = renderChart,
): Promise<RenderedChart> {
  const shown = rows.slice(0, MAX_BAR_ROWS).reverse();
  const height = Math.max(320, 110 + shown.length * 54);
  const series = (name: string, pick: (r: RatesRow) => number | null, color: string) => ({
    name,
    type: 'bar',
    data: shown.map((r) => percent(pick(r))),
    itemStyle: { color },
    label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
    barMaxWidth: 14,
  });
  return render(
    {
      title: {
        text: title,
        subtext: rows.length > MAX_BAR_ROWS ? `仅列前 ${MAX_BAR_ROWS} 个` : '',
        ...TITLE,
      },
      legend: LEGEND,
      grid: { left: 16, right: 48, top: 72, bottom: 24, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { fontSize: 13 } },
      series: [
        series('响应率', (r) => r.response, '#3b6fd8'),
        series('解决率', (r) => r.resolution, '#2e9e5b'),
        series('满意率', (r) => r.satisfaction, '#e8a317'),
      ],
    },
    { width: 720, height },
  );
}

/** 一月两见 达标率 week by week, as a line. */
export function contactRateChart(
  title: string,
  points: readonly RatePoint[],
  render: ChartRenderer = renderChart,
): Promise<RenderedChart> {
  return render(
    {
      title: { text: title, ...TITLE },
      grid: { left: 16, right: 32, top: 64, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.label), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '一月两见达标率',
          type: 'line',
          data: points.map((p) => percent(p.rate)),
          label: { show: true, formatter: '{c}%' },
          lineStyle: { width: 3, color: '#3b6fd8' },
          itemStyle: { color: '#3b6fd8' },
          symbolSize: 8,
        },
      ],
    },
    { width: 720, height: 360 },
  );
}

/** Open problems by tier (正常, 蓝, 黄, 红) in the tier's colour. */
export function tierChart(
  title: string,
  counts: TierCounts,
  render: ChartRenderer = renderChart,
): Promise<RenderedChart> {
  const bars = [
    { name: '正常', value: counts.normal, color: '#8c8c8c' },
    { name: '蓝色（临期）', value: counts.blue, color: '#3b6fd8' },
    { name: '黄色预警', value: counts.yellow, color: '#e8a317' },
    { name: '红色预警', value: counts.red, color: '#d9363e' },
  ];
  return render(
    {
      title: { text: title, ...TITLE },
      grid: { left: 16, right: 32, top: 64, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { fontSize: 13 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: '在办问题',
          type: 'bar',
          barMaxWidth: 56,
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
          label: { show: true, position: 'top', fontSize: 13 },
        },
      ],
    },
    { width: 720, height: 360 },
  );
}
