/**
 * Writes the fictional Xi'an demo roster to seeds/roster/*.csv (`npx tsx seeds/generate-roster.ts`).
 * Deterministic, so the committed CSVs are reproducible; every name, mobile and code is made up.
 *
 * `npx tsx seeds/generate-roster.ts --generate 1000 --out DIR` writes a whole city's roster with
 * 1,000 cadres instead (seeds/city-roster.ts), for benchmarks: load it with `npm run import -- DIR`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cityRoster } from './city-roster';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { withCheckChar } from '../src/lib/credit-code';
import { uniqueShortNames } from '../src/roster/short-name';

const OUT = path.join(__dirname, 'roster');

const DISTRICTS = [
  { name: '雁塔区', kind: '区县', code: '610113' },
  { name: '碑林区', kind: '区县', code: '610103' },
  { name: '未央区', kind: '区县', code: '610112' },
  { name: '新城区', kind: '区县', code: '610102' },
  { name: '曲江新区', kind: '开发区', code: '610113' },
  { name: '高新区', kind: '开发区', code: '610131' },
  { name: '经开区', kind: '开发区', code: '610132' },
];

const HANDLING = [
  '市自然资源和规划局',
  '市住房和城乡建设局',
  '市教育局',
  '市城市管理和综合执法局',
  '市行政审批服务局',
  '市地方金融管理局',
  '市卫生健康委员会',
  '市征收办',
  '市发展和改革委员会',
  '市市场监督管理局',
  '市工业和信息化局',
];

const OFFICE = '市亲商助企办';
const DINGTALK_DISTRICT = '曲江新区';

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '建国',
  '晓东',
  '海燕',
  '志强',
  '丽娟',
  '文博',
  '雪梅',
  '国栋',
  '静怡',
  '振华',
  '红霞',
  '立新',
  '春燕',
  '宏伟',
  '秀兰',
  '子轩',
  '思远',
  '佳琪',
  '明辉',
  '玉洁',
  '浩然',
  '慧敏',
  '永刚',
  '晓峰',
  '彩霞',
  '俊杰',
  '丹丹',
  '鹏飞',
  '嘉欣',
  '德胜',
  '亚楠',
  '锦程',
  '欣然',
  '卫东',
  '淑芬',
  '世杰',
  '若曦',
  '建军',
  '美玲',
  '天宇',
  '雨桐',
  '小龙',
  '晓燕',
  '景明',
  '婉清',
  '泽宇',
  '凤英',
  '书豪',
  '梦瑶',
  '长林',
];

const FIRM_WORDS = [
  ['秦创', '智能装备', '高端装备制造'],
  ['长安', '半导体', '集成电路'],
  ['曲江', '文化传媒', '文化创意'],
  ['丝路', '国际物流', '现代物流'],
  ['雁塔', '生物医药', '生物医药'],
  ['大雁', '软件科技', '软件和信息服务'],
  ['古城', '新能源', '新能源'],
  ['终南', '光电科技', '光电子'],
  ['汉唐', '航空科技', '航空航天'],
  ['西咸', '新材料', '新材料'],
  ['碑林', '教育科技', '教育服务'],
  ['钟楼', '商业管理', '商贸服务'],
  ['未央', '汽车零部件', '汽车制造'],
  ['浐灞', '环保科技', '节能环保'],
  ['太白', '数据科技', '大数据'],
  ['骊山', '食品', '食品加工'],
  ['华清', '医疗器械', '医疗器械'],
  ['大唐', '建筑设计', '工程设计'],
  ['沣东', '电子科技', '电子信息'],
  ['渭水', '精密机械', '机械制造'],
  ['秦岭', '生态农业', '现代农业'],
  ['朱雀', '金融服务', '金融服务'],
  ['含光', '检测技术', '检验检测'],
  ['明德', '健康科技', '大健康'],
  ['兴庆', '文旅发展', '文化旅游'],
  ['灞河', '水务科技', '水务'],
  ['青龙', '智能制造', '智能制造'],
  ['长乐', '供应链', '供应链管理'],
  ['万年', '光伏科技', '光伏'],
  ['天坛', '信息技术', '软件和信息服务'],
  ['凤城', '储能科技', '新能源'],
  ['玉祥', '纺织', '纺织服装'],
  ['星火', '机器人', '机器人'],
  ['东仪', '仪器仪表', '仪器仪表'],
  ['红庙坡', '电商', '电子商务'],
  ['草滩', '冷链物流', '现代物流'],
  ['鱼化', '云计算', '云计算'],
  ['丈八', '通信技术', '通信设备'],
  ['锦业', '芯片设计', '集成电路'],
  ['唐延', '人工智能', '人工智能'],
  ['紫薇', '置业', '房地产开发'],
  ['含元', '医药', '生物医药'],
  ['芙蓉', '酒店管理', '住宿餐饮'],
  ['大明宫', '建材', '建材家居'],
  ['经开', '重型机械', '装备制造'],
  ['凤城二路', '汽车销售', '汽车销售'],
  ['文景', '动漫', '数字创意'],
  ['小寨', '零售', '商贸服务'],
];

const PROJECTS = [
  ['曲江文化创意产业园二期项目', '曲江新区', '文化创意'],
  ['高新区集成电路产业园项目', '高新区', '集成电路'],
  ['经开区新能源汽车配套产业园项目', '经开区', '汽车制造'],
  ['未央区汉城湖片区城市更新项目', '未央区', '城市更新'],
  ['雁塔区电子城片区棚户区改造项目', '雁塔区', '城市更新'],
  ['碑林区长乐坊历史街区改造项目', '碑林区', '城市更新'],
  ['新城区幸福林带配套学校项目', '新城区', '教育'],
  ['高新区丝路科学城综合体项目', '高新区', '商业综合体'],
  ['曲江池遗址公园周边停车场项目', '曲江新区', '市政配套'],
  ['经开区泾渭新城供热管网项目', '经开区', '市政配套'],
  ['未央区北客站枢纽商业项目', '未央区', '商业综合体'],
  ['雁塔区大雁塔北广场提升项目', '雁塔区', '文化旅游'],
];

/** 17 characters of 0-9/A-Z without I, O, S, V, Z, then the GB 32100 check character. */
function creditCode(region: string, serial: number): string {
  const body = `MA6${serial.toString(36).toUpperCase().padStart(6, '0')}`
    .replace(/I/g, '1')
    .replace(/O/g, '0')
    .replace(/S/g, '5')
    .replace(/V/g, 'W')
    .replace(/Z/g, '2');
  return withCheckChar(`91${region}${body}`);
}

const usedIds = new Set<string>();
function wecomId(name: string): string {
  const base = pinyin(name, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v');
  let id = base;
  for (let n = 2; usedIds.has(id); n++) id = `${base}${n}`;
  usedIds.add(id);
  return id;
}

let personSerial = 0;
const mobile = () => `1392900${String(++personSerial).padStart(4, '0')}`;
let nameSerial = 0;
function nextName(): string {
  const i = nameSerial++;
  return SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 11) % GIVEN.length];
}

function csv(file: string, header: string[], rows: (string | number)[][]): void {
  const cell = (v: string | number) =>
    /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
  writeFileSync(path.join(OUT, file), text, 'utf8');
}

const generateAt = process.argv.indexOf('--generate');
if (generateAt >= 0) {
  const cadres = Number(process.argv[generateAt + 1]);
  const outAt = process.argv.indexOf('--out');
  const out = path.resolve(outAt >= 0 ? process.argv[outAt + 1] : `roster-${cadres}`);
  mkdirSync(out, { recursive: true });
  const sheets = cityRoster(cadres);
  for (const [file, text] of Object.entries(sheets)) writeFileSync(path.join(out, file), text, 'utf8');
  const rows = (file: string) => sheets[file].trim().split('\n').length - 1;
  console.log(
    `wrote ${out}: ${rows('人员.csv')} people (${cadres} cadres), ${rows('企业.csv')} enterprises, ` +
      `${rows('单位.csv')} units; load it with: npm run import -- ${out}`,
  );
  process.exit(0);
}

mkdirSync(OUT, { recursive: true });

// 单位
const units: string[][] = [[OFFICE, '亲商助企办', '']];
for (const d of DISTRICTS) units.push([d.name, d.kind, '']);
for (const h of HANDLING) units.push([h, '办理单位', '']);
units.push(['雁塔区行政审批服务局', '办理单位', '雁塔区'], ['高新区政务服务中心', '办理单位', '高新区']);
csv('单位.csv', ['名称*', '类型*', '上级单位'], units);

// 企业: 48 firms and 12 project units, spread over the districts
const enterprises: { name: string; short: string; code: string; district: string }[] = [];
const firmRows: string[][] = [];
FIRM_WORDS.forEach(([place, trade, industry], i) => {
  const district = DISTRICTS[i % DISTRICTS.length];
  const name = `西安${place}${trade}有限公司`;
  const code = creditCode(district.code, 1000 + i * 37);
  enterprises.push({ name, short: '', code, district: district.name });
  firmRows.push([name, '', code, district.name, industry, '企业']);
});
PROJECTS.forEach(([name, districtName, industry], i) => {
  const district = DISTRICTS.find((d) => d.name === districtName)!;
  const short = '';
  const code = withCheckChar(`12${district.code}MB${String(2000 + i * 53).padStart(7, '0')}`);
  enterprises.push({ name, short, code, district: districtName });
  firmRows.push([name, short, code, districtName, industry, '项目单位']);
});
// Short names cut after whole words (长安半导体, never 长安半导), unique across the roster.
uniqueShortNames(enterprises.map((e) => e.name)).forEach((short, i) => {
  enterprises[i].short = short;
  firmRows[i][1] = short;
});
csv('企业.csv', ['企业名称*', '简称', '统一社会信用代码*', '所属区县*', '行业', '类型'], firmRows);

// 人员
const people: string[][] = [];
const person = (unit: string, roles: string, enterprise = '', withWecom = true) => {
  const name = nextName();
  const m = mobile();
  const id = withWecom ? wecomId(name) : '';
  // 曲江新区 works on DingTalk (its district group is a DingTalk group): its people have accounts there too.
  people.push([name, m, unit, roles, id, unit === DINGTALK_DISTRICT ? id : '', enterprise]);
  return { name, mobile: m };
};
person(OFFICE, '管理员、领导');
person(OFFICE, '管理员');
const leaders = [
  person(OFFICE, '领导'),
  person('雁塔区', '领导'),
  person('高新区', '领导'),
  person('曲江新区', '领导'),
];
for (const h of HANDLING) person(h, '办理人');
person('雁塔区行政审批服务局', '办理人');
person('高新区政务服务中心', '办理人');
const cadres = DISTRICTS.flatMap((d, i) =>
  Array.from({ length: i < 4 ? 4 : 5 }, (_, k) => ({
    ...person(d.name, k === 0 && i === 0 ? '干部、领导' : '干部'),
    district: d.name,
  })),
);
// a few enterprise contacts, with WeCom accounts for the group chats (单位 is required: their district)
for (const e of enterprises.slice(0, 6)) person(e.district, '企业联系人', e.short);
csv('人员.csv', ['姓名*', '手机*', '单位*', '角色*', '企业微信账号', '钉钉账号', '所属企业'], people);

// 包联: one cadre per enterprise, from the enterprise's own district
const load = new Map<string, number>();
const pairs = enterprises.map((e, i) => {
  const local = cadres.filter((c) => c.district === e.district);
  const pool = local.length ? local : cadres;
  const pick = pool.reduce(
    (best, c) => ((load.get(c.mobile) ?? 0) < (load.get(best.mobile) ?? 0) ? c : best),
    pool[i % pool.length],
  );
  load.set(pick.mobile, (load.get(pick.mobile) ?? 0) + 1);
  return [pick.mobile, i % 3 === 0 ? e.short : e.name];
});
csv('包联.csv', ['干部手机*', '企业*'], pairs);

// 问题类别
csv(
  '问题类别.csv',
  ['类别*', '牵头单位*', '办理时限（工作日）*', '关键词'],
  [
    ['规划', '市自然资源和规划局', 10, '规划、规划许可、规划调整、容积率、方案审查、控规、红线'],
    ['建设', '市住房和城乡建设局', 10, '施工许可、开工、竣工验收、质量监督、消防验收、建设手续'],
    ['土地', '市自然资源和规划局', 15, '用地、土地、出让、供地、地块、不动产、土地证'],
    ['教育', '市教育局', 10, '学校、幼儿园、学位、入学、配套学校、教育'],
    ['社会事业', '市卫生健康委员会', 10, '医院、卫生、社区、养老、托育、社会事业'],
    ['城管执法', '市城市管理和综合执法局', 5, '渣土、出土、运土、占道、城管、执法、扬尘、违建'],
    ['征地拆迁', '市征收办', 20, '征地、拆迁、征收、补偿、安置、遗留问题'],
    ['市政配套', '市住房和城乡建设局', 10, '道路、供水、供电、供气、供暖、管网、配套设施'],
    ['审批', '市行政审批服务局', 5, '审批、立项、备案、许可证、证照、核准、环评'],
    ['融资', '市地方金融管理局', 10, '融资、贷款、资金、担保、上市、银行、授信'],
    ['诉求', OFFICE, 10, '诉求、建议、反映'],
    ['帮办', '市行政审批服务局', 5, '帮办、帮忙办理、协助办理'],
    ['陪办', '市行政审批服务局', 3, '陪办、陪同办理'],
    ['代办', '市行政审批服务局', 5, '代办、代为办理、全程代办'],
    ['绿色通道', '市行政审批服务局', 3, '绿色通道、加急、急办、特事特办'],
  ],
);

// 群聊
const hook = (n: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-${n}`;
const chats: string[][] = enterprises
  .slice(0, 8)
  .map((e, i) => [
    '企业微信',
    `wrdemo-ent-${String(i + 1).padStart(2, '0')}`,
    '企业群',
    e.short,
    hook(`ent-${i + 1}`),
    '',
  ]);
chats.push(
  ['企业微信', 'wrdemo-unit-zrzy', '单位群', '市自然资源和规划局', hook('unit-zrzy'), ''],
  ['企业微信', 'wrdemo-unit-zjj', '单位群', '市住房和城乡建设局', hook('unit-zjj'), ''],
  ['企业微信', 'wrdemo-unit-spj', '单位群', '市行政审批服务局', hook('unit-spj'), ''],
  ['企业微信', 'wrdemo-dist-yanta', '区县群', '雁塔区', hook('dist-yanta'), ''],
  ['企业微信', 'wrdemo-dist-gaoxin', '区县群', '高新区', hook('dist-gaoxin'), ''],
  [
    '钉钉',
    'cidDemoQujiang000001',
    '区县群',
    '曲江新区',
    'https://oapi.dingtalk.com/robot/send?access_token=demo-dist-qujiang',
    'SECdemo0000000000000000000000000000000000000000000000000000000000',
  ],
  ['企业微信', 'wrdemo-leaders', '领导群', '领导小组', hook('leaders'), ''],
);
csv('群聊.csv', ['平台*', '群ID*', '用途*', '绑定对象*', '群机器人地址', '群机器人密钥'], chats);

// 节假日: chinese-days has no 2027 data yet; New Year's Day is certain, the rest awaits the State Council
csv('节假日.csv', ['日期*', '类型*', '名称'], [['2027-01-01', '休', '元旦']]);

console.log(
  `wrote ${OUT}: ${people.length} people (${cadres.length} cadres, ${leaders.length} leaders), ${enterprises.length} enterprises`,
);
