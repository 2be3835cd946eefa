/**
 * A fictional roster of a whole city's 千人亲商助企 campaign, for benchmarks and load tests:
 * `npx tsx seeds/generate-roster.ts --generate 1000 --out DIR` writes one with 1,000 cadres (three
 * firms each, a tenth of them project units), every district, county and zone of a city the size
 * of Xi'an, its city departments as handling units, leaders, handlers, enterprise contacts and group
 * chats; then `npm run import -- DIR` loads it. Deterministic for a given size; every name, mobile
 * and code is made up, and short names are whole words (uniqueShortNames).
 */
import { pinyin } from 'pinyin-pro';
import { withCheckChar } from '../src/lib/credit-code';
import { uniqueShortNames } from '../src/roster/short-name';

/** Districts and counties (区县) and development zones (开发区), with made-up region codes. */
const AREAS: [string, '区县' | '开发区', string][] = [
  ['新城区', '区县', '610102'],
  ['碑林区', '区县', '610103'],
  ['莲湖区', '区县', '610104'],
  ['灞桥区', '区县', '610111'],
  ['未央区', '区县', '610112'],
  ['雁塔区', '区县', '610113'],
  ['阎良区', '区县', '610114'],
  ['临潼区', '区县', '610115'],
  ['长安区', '区县', '610116'],
  ['高陵区', '区县', '610117'],
  ['鄠邑区', '区县', '610118'],
  ['蓝田县', '区县', '610122'],
  ['周至县', '区县', '610124'],
  ['高新区', '开发区', '610131'],
  ['经开区', '开发区', '610132'],
  ['曲江新区', '开发区', '610133'],
  ['浐灞生态区', '开发区', '610134'],
  ['国际港务区', '开发区', '610135'],
  ['航天基地', '开发区', '610136'],
  ['航空基地', '开发区', '610137'],
];

const DEPARTMENTS = [
  '市发展和改革委员会',
  '市工业和信息化局',
  '市教育局',
  '市科学技术局',
  '市公安局',
  '市民政局',
  '市司法局',
  '市财政局',
  '市人力资源和社会保障局',
  '市自然资源和规划局',
  '市生态环境局',
  '市住房和城乡建设局',
  '市城市管理和综合执法局',
  '市交通运输局',
  '市水务局',
  '市农业农村局',
  '市商务局',
  '市文化和旅游局',
  '市卫生健康委员会',
  '市应急管理局',
  '市审计局',
  '市市场监督管理局',
  '市统计局',
  '市行政审批服务局',
  '市地方金融管理局',
  '市征收办',
  '市税务局',
  '市数据局',
  '市投资合作局',
  '市供电公司',
];

const PLACES = [
  '秦创',
  '长安',
  '曲江',
  '丝路',
  '雁塔',
  '大雁',
  '古城',
  '终南',
  '汉唐',
  '西咸',
  '碑林',
  '钟楼',
  '未央',
  '浐灞',
  '太白',
  '骊山',
  '华清',
  '大唐',
  '沣东',
  '渭水',
  '秦岭',
  '朱雀',
  '含光',
  '明德',
  '兴庆',
  '灞河',
  '青龙',
  '长乐',
  '万年',
  '天坛',
  '凤城',
  '玉祥',
  '星火',
  '东仪',
  '草滩',
  '鱼化',
  '丈八',
  '锦业',
  '唐延',
  '紫薇',
  '含元',
  '芙蓉',
  '大明宫',
  '文景',
  '小寨',
  '鼓楼',
  '永宁',
  '安远',
  '朝阳',
  '开元',
  '延平',
  '丰庆',
  '劳动',
  '土门',
  '枣园',
  '三桥',
  '韦曲',
  '郭杜',
  '引镇',
  '细柳',
  '斗门',
  '沣峪',
  '子午',
  '翠华',
  '南山',
  '白鹿',
  '灞桥',
  '洪庆',
  '新筑',
  '临潼',
  '骊苑',
  '阎良',
  '关山',
  '高陵',
  '泾河',
  '渭北',
  '草堂',
  '户县',
  '甘亭',
  '周至',
  '楼观',
  '蓝关',
  '汤峪',
  '辋川',
];

/** Trades: the firm's name part and its industry. */
const TRADES: [string, string][] = [
  ['智能装备', '高端装备制造'],
  ['半导体', '集成电路'],
  ['文化传媒', '文化创意'],
  ['国际物流', '现代物流'],
  ['生物医药', '生物医药'],
  ['软件科技', '软件和信息服务'],
  ['新能源', '新能源'],
  ['光电科技', '光电子'],
  ['航空科技', '航空航天'],
  ['新材料', '新材料'],
  ['教育科技', '教育服务'],
  ['商业管理', '商贸服务'],
  ['汽车零部件', '汽车制造'],
  ['环保科技', '节能环保'],
  ['数据科技', '大数据'],
  ['食品', '食品加工'],
  ['医疗器械', '医疗器械'],
  ['建筑设计', '工程设计'],
  ['电子科技', '电子信息'],
  ['精密机械', '机械制造'],
  ['生态农业', '现代农业'],
  ['金融服务', '金融服务'],
  ['检测技术', '检验检测'],
  ['健康科技', '大健康'],
  ['水务科技', '水务'],
  ['智能制造', '智能制造'],
  ['供应链', '供应链管理'],
  ['光伏科技', '光伏'],
  ['信息技术', '软件和信息服务'],
  ['储能科技', '新能源'],
  ['纺织', '纺织服装'],
  ['机器人', '机器人'],
  ['仪器仪表', '仪器仪表'],
  ['电商', '电子商务'],
  ['冷链物流', '现代物流'],
  ['云计算', '云计算'],
  ['通信技术', '通信设备'],
  ['芯片设计', '集成电路'],
  ['人工智能', '人工智能'],
  ['置业', '房地产开发'],
  ['医药', '生物医药'],
  ['酒店管理', '住宿餐饮'],
  ['建材', '建材家居'],
  ['重型机械', '装备制造'],
  ['汽车销售', '汽车销售'],
  ['动漫', '数字创意'],
  ['零售', '商贸服务'],
  ['印刷包装', '印刷包装'],
];

const PROJECT_KINDS: [string, string][] = [
  ['产业园', '产业园区'],
  ['城市更新', '城市更新'],
  ['棚户区改造', '城市更新'],
  ['配套学校', '教育'],
  ['商业综合体', '商业综合体'],
  ['停车场', '市政配套'],
  ['供热管网', '市政配套'],
  ['安置小区', '城市更新'],
  ['污水处理厂', '市政配套'],
  ['物流园', '现代物流'],
];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '建国 晓东 海燕 志强 丽娟 文博 雪梅 国栋 静怡 振华 红霞 立新 春燕 宏伟 秀兰 子轩 思远 佳琪 明辉 玉洁 浩然 慧敏 永刚 晓峰 彩霞 俊杰 丹丹 鹏飞 嘉欣 德胜 亚楠 锦程 欣然 卫东 淑芬 世杰 若曦 建军 美玲 天宇 雨桐 小龙 晓燕 景明 婉清 泽宇 凤英 书豪 梦瑶 长林 秋菊 志华 雅琴 国强 文静 少华 桂兰 新民 晓丽 海涛'.split(
    ' ',
  );

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const orgPart = (n: number) => {
  let s = '';
  for (let i = 0; i < 7; i++, n = Math.floor(n / CHARSET.length)) s = CHARSET[n % CHARSET.length] + s;
  return s;
};

const CATEGORIES: (string | number)[][] = [
  ['规划', '市自然资源和规划局', 10, '规划、规划许可、规划调整、容积率、方案审查、控规、红线'],
  ['建设', '市住房和城乡建设局', 10, '施工许可、开工、竣工验收、质量监督、消防验收、建设手续'],
  ['土地', '市自然资源和规划局', 15, '用地、土地、出让、供地、地块、不动产、土地证'],
  ['教育', '市教育局', 10, '学校、幼儿园、学位、入学、配套学校、教育'],
  ['社会事业', '市卫生健康委员会', 10, '医院、卫生、社区、养老、托育、社会事业'],
  ['城管执法', '市城市管理和综合执法局', 5, '渣土、出土、运土、占道、城管、执法、扬尘、违建'],
  ['征地拆迁', '市征收办', 20, '征地、拆迁、征收、补偿、安置、遗留问题'],
  ['市政配套', '市住房和城乡建设局', 10, '道路、供水、供气、供暖、管网、配套设施'],
  ['审批', '市行政审批服务局', 5, '审批、立项、备案、许可证、证照、核准、环评'],
  ['融资', '市地方金融管理局', 10, '融资、贷款、资金、担保、上市、银行、授信'],
  ['用工', '市人力资源和社会保障局', 10, '招工、用工、社保、人才、技能培训、稳岗'],
  ['用电', '市供电公司', 5, '用电、供电、电力、增容、停电、变压器'],
  ['税务', '市税务局', 10, '税、发票、退税、留抵、减免'],
  ['诉求', '市亲商助企办', 10, '诉求、建议、反映'],
  ['绿色通道', '市行政审批服务局', 3, '绿色通道、加急、急办、特事特办'],
];

/** The CSV text of each sheet (file name → content) of a roster with `cadres` cadres. */
export function cityRoster(cadres: number): Record<string, string> {
  if (!Number.isInteger(cadres) || cadres < AREAS.length) {
    throw new Error(`--generate needs a whole number of cadres, at least ${AREAS.length}`);
  }
  const office = '市亲商助企办';
  const units: string[][] = [[office, '亲商助企办', '']];
  for (const [name, kind] of AREAS) units.push([name, kind, '']);
  for (const d of DEPARTMENTS) units.push([d, '办理单位', '']);
  for (const [name] of AREAS) units.push([`${name}行政审批服务局`, '办理单位', name]);

  // 企业: three per cadre, every tenth a project unit, spread over the areas.
  const firmCount = cadres * 3;
  const firms: { name: string; area: number; industry: string; kind: string; code: string }[] = [];
  const names = new Set<string>();
  for (let i = 0; firms.length < firmCount; i++) {
    const j = Math.floor(i / 10);
    const area = (i % 10 === 9 ? j : i) % AREAS.length;
    let name: string;
    let industry: string;
    let kind = '企业';
    if (i % 10 === 9) {
      const [what, ind] = PROJECT_KINDS[Math.floor(j / AREAS.length) % PROJECT_KINDS.length];
      const place = PLACES[(j * 7 + Math.floor(j / (AREAS.length * PROJECT_KINDS.length))) % PLACES.length];
      const phase = Math.floor(j / (AREAS.length * PROJECT_KINDS.length * PLACES.length));
      name = `${AREAS[area][0]}${place}${what}${phase ? `${phase + 1}期` : ''}项目`;
      industry = ind;
      kind = '项目单位';
    } else {
      const place = PLACES[i % PLACES.length];
      const [trade, ind] = TRADES[Math.floor(i / PLACES.length) % TRADES.length];
      const round = Math.floor(i / (PLACES.length * TRADES.length));
      const extra = round ? PLACES[(round * 13) % PLACES.length] : '';
      name = `西安${place}${extra}${trade}有限公司`;
      industry = ind;
    }
    if (names.has(name)) continue;
    names.add(name);
    const code =
      kind === '企业'
        ? withCheckChar(`91${AREAS[area][2]}MA${orgPart(i + 1000)}`)
        : withCheckChar(`12${AREAS[area][2]}MB${orgPart(i + 1000)}`);
    firms.push({ name, area, industry, kind, code });
  }
  const shorts = uniqueShortNames(firms.map((f) => f.name));

  // 人员
  const people: string[][] = [];
  const ids = new Set<string>();
  let serial = 0;
  const person = (unit: string, roles: string, firm = '') => {
    const i = serial++;
    const name = SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 11 + Math.floor(i / 97)) % GIVEN.length];
    const mobile = `137${String(i + 1).padStart(8, '0')}`;
    const base = pinyin(name, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v');
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}${n}`;
    ids.add(id);
    people.push([name, mobile, unit, roles, id, '', firm]);
    return mobile;
  };
  person(office, '管理员、领导');
  person(office, '管理员');
  person(office, '领导');
  for (const [name] of AREAS) person(name, '领导');
  for (const d of DEPARTMENTS) for (let k = 0; k < 2; k++) person(d, '办理人');
  for (const [name] of AREAS) person(`${name}行政审批服务局`, '办理人');
  const cadreMobiles: string[][] = AREAS.map(() => []);
  for (let c = 0; c < cadres; c++) {
    const area = c % AREAS.length;
    cadreMobiles[area].push(person(AREAS[area][0], '干部'));
  }
  // One contact for every fifth firm (a firm's 单位 is its area).
  firms.forEach((f, i) => {
    if (i % 5 === 0) person(AREAS[f.area][0], '企业联系人', f.code);
  });

  // 包联: the firms of an area shared out among its cadres.
  const used = AREAS.map(() => 0);
  const pairs = firms.map((f, i) => {
    const pool = cadreMobiles[f.area];
    const cadre = pool[used[f.area]++ % pool.length];
    return [cadre, i % 3 === 0 ? shorts[i] : f.code];
  });

  const hook = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=city-${key}`;
  const chats: string[][] = [];
  firms
    .slice(0, 40)
    .forEach((f, i) =>
      chats.push(['企业微信', `wrcity-ent-${i + 1}`, '企业群', f.code, hook(`ent-${i + 1}`), '']),
    );
  DEPARTMENTS.forEach((d, i) =>
    chats.push(['企业微信', `wrcity-unit-${i + 1}`, '单位群', d, hook(`unit-${i + 1}`), '']),
  );
  AREAS.forEach(([a], i) =>
    chats.push(['企业微信', `wrcity-dist-${i + 1}`, '区县群', a, hook(`dist-${i + 1}`), '']),
  );
  chats.push(['企业微信', 'wrcity-leaders', '领导群', '领导小组', hook('leaders'), '']);

  const csv = (header: string[], rows: (string | number)[][]) => {
    const cell = (v: string | number) =>
      /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
    return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
  };
  return {
    '单位.csv': csv(['名称*', '类型*', '上级单位'], units),
    '人员.csv': csv(['姓名*', '手机*', '单位*', '角色*', '企业微信账号', '钉钉账号', '所属企业'], people),
    '企业.csv': csv(
      ['企业名称*', '简称', '统一社会信用代码*', '所属区县*', '行业', '类型'],
      firms.map((f, i) => [f.name, shorts[i], f.code, AREAS[f.area][0], f.industry, f.kind]),
    ),
    '包联.csv': csv(['干部手机*', '企业*'], pairs),
    '问题类别.csv': csv(['类别*', '牵头单位*', '办理时限（工作日）*', '关键词'], CATEGORIES),
    '群聊.csv': csv(['平台*', '群ID*', '用途*', '绑定对象*', '群机器人地址', '群机器人密钥'], chats),
  };
}
