/** The console menu's label of each page (App.vue); the browser tests click the menu by these. */
export const MENU_LABELS: Record<string, string> = {
  problems: '工作台账',
  visits: '走访台账',
  compliance: '一月两见',
  stats: '统计',
  roster: '名册',
  assessment: '考核',
  outreach: '政策与现场办公',
};
