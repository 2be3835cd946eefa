import { fillExamples } from '../commands/parser/examples';
/** Fixed bot sentences, in one place so the tone stays consistent. */
export const REPLIES = {
  unknownSender:
    '您好，我是亲商助企助手。系统还不认识您的账号，请发送“绑定 手机号”（例如：绑定 13800000000）完成绑定；' +
    '手机号须与亲商助企办登记的花名册一致。如有疑问请联系亲商助企办。',
  textOnly: '我目前只能读懂文字消息。发送“帮助”查看可用的命令。',
  cancelled: '已取消。',
  nothingToCancel: '当前没有进行中的操作。',
  noOpenQuestion: '当前没有需要选择的问题。发送“帮助”查看可用的命令。',
  notAvailableYet: '这个命令暂未开放，发送“帮助”查看当前可用的命令。',
  pressed: '已处理',
  answeredPrivately: '这是您的个人清单，不在群里展示，已私信发给您，请在与我的单聊中查看。',
  nothingToUndo: '没有可以撤销的记录：“撤销”只能撤回您刚才（10分钟内）登记的走访或问题。',
  get futureVisit(): string {
    return fillExamples(
      '这是还没发生的走访，暂不登记。走访或联系之后再告诉我，例如：“今天去{firm}，了解用工”。',
    );
  },
  failed: '处理这条消息时出错了，请稍后再试；如果一直不成功，请联系亲商助企办。',
} as const;
