import { restOfList } from '../../../src/commands/leader/leader.feature';
import { cappedMap } from '../../../src/services/leader/format';
import { WECOM_APP_MARKDOWN_BYTES } from '../../../src/platforms/wecom/wecom.render';
import { splitUtf8, utf8Bytes } from '../../../src/lib/utf8';

describe('a leader list longer than the chat shows', () => {
  it('says nothing more when the list fits', () => {
    expect(restOfList(20, 'https://qs.example.cn', 'problems')).toEqual([]);
  });

  it('points to the console page with the whole count, linked when the service has an address', () => {
    expect(restOfList(980, 'https://qs.example.cn', 'compliance')).toEqual([
      '完整清单共 980 项：[在工作台查看](https://qs.example.cn/console/compliance)',
    ]);
    expect(restOfList(21, null, 'problems')).toEqual(['完整清单共 21 项，请在工作台“工作台账”页查看。']);
  });

  it("carries the list's filter, so the page opens on the same month", () => {
    expect(restOfList(980, 'https://qs.example.cn', 'compliance', { month: '2026-12' })).toEqual([
      '完整清单共 980 项：[在工作台查看](https://qs.example.cn/console/compliance?month=2026-12)',
    ]);
  });

  it('a 1,000-cadre 一月两见 list reaches a WeCom app as whole lines within 2,048 bytes a part', () => {
    const cadres = Array.from({ length: 1000 }, (_, i) => ({
      name: `干部${i}`,
      unit: '市自然资源和规划局（不动产登记中心）',
      firms: ['西安某某新材料科技股份有限公司（2次）', '陕西某某建设工程集团有限公司（0次）'],
    }));
    const lines = [
      '### 本月一月两见（截至12月3日（周四））',
      ...cappedMap(cadres, 20, (c) => `- ${c.name}（${c.unit}）：2/2 家，${c.firms.join('、').slice(0, 40)}`),
      ...restOfList(cadres.length, null, 'compliance'),
    ];
    const parts = splitUtf8(lines.join('\n'), WECOM_APP_MARKDOWN_BYTES);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(utf8Bytes(part)).toBeLessThanOrEqual(WECOM_APP_MARKDOWN_BYTES);
      for (const line of part.split('\n')) expect(lines).toContain(line); // no line cut in two
    }
    expect(parts.at(-1)).toContain('完整清单共 1000 项');
  });
});
