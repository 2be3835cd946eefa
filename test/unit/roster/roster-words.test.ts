import { rosterWords } from '../../../src/roster/roster.sheets';

describe('rosterWords', () => {
  it("gives the console's roster page the workbook's word for each stored value", () => {
    expect(rosterWords()).toEqual({
      district: '区县',
      zone: '开发区',
      department: '市级部门',
      handling: '办理单位',
      campaign: '亲商助企办',
      enterprise: '企业',
      project: '项目单位',
      wecom: '企业微信',
      dingtalk: '钉钉',
      unit: '单位群',
      leaders: '领导群',
      problem: '问题',
      request: '诉求',
      assist: '帮办',
      accompany: '陪办',
      proxy: '代办',
      green: '绿色通道',
      cadre: '干部',
      handler: '办理人',
      leader: '领导',
      admin: '管理员',
      contact: '企业联系人',
    });
  });
});
