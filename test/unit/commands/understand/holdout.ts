/**
 * The hold-out split: written before the pipeline was tuned and never tuned against. Same line format as
 * corpus.ts (see corpus-kit.ts): `sender[+context] | text | intent slot:value …`. Today is Tuesday 2026-12-01
 * unless a `today:` slot says otherwise.
 */
export const HOLDOUT = `
c | 下午去秦创智能坐了一会儿，聊了聊今年的订单 | visit f:qc d:12-01 m:onsite
c | 昨天跟陕鼓动力视频了一下 | visit f:sg d:11-30 m:video
c | 前天给汉丰食品打了个电话问问用工 | visit f:hf d:11-29 m:phone
c | 上周五去曲江文旅现场看了看 | visit f:qj d:11-27 m:onsite
c | 大前天和秦创智能开了个腾讯会议 | visit f:qc d:11-28 m:video
c | 今天电联了陕鼓动力，企业反映目前经营正常，暂无困难 | visit f:sg d:12-01 m:phone
c | 一周前去汉丰食品走访过，没有发现问题 | visit f:hf d:11-24 m:onsite
c | 上上周五在曲江文旅开了个座谈会 | visit f:qj d:11-20 m:meeting
c | 昨儿个去刘总那儿坐了坐 | visit f:qc d:11-30 m:onsite
c | 前两天跟王经理微信语音聊了下融资的事 | visit f:sg d:11-29 m:phone
c | 没去现场，昨天电话沟通的，秦创智能那边说一切正常 | visit f:qc d:11-30 m:phone
c | 今天跑了秦创智能和汉丰食品两家 | visit f:qc,hf d:12-01 m:onsite ?
c | 上午走访了陕鼓动力、曲江文旅，了解用工 | visit f:sg,qj d:12-01 m:onsite ?
c | 等级走访 秦创智能 昨天 上门 了解订单 | visit f:qc d:11-30 m:onsite
c | 登记 走访 汉丰食品 今天 电话 询问用电 | visit f:hf d:12-01 m:phone
c | 嗯 那个 昨天去了趟陕鼓动力 | visit f:sg d:11-30 m:onsite
c | 昨天给秦创只能打了电话 | visit f:qc d:11-30 m:phone
c | 今天用钉钉视频和汉丰食品沟通了一下 | visit f:hf d:12-01 m:video
c | 11月28日去曲江文旅现场办公 | visit f:qj d:11-28 m:meeting
c | 12月6日去了秦创智能 | future
c | 明天去陕鼓动力走访 | future
c | 下周准备去汉丰食品看看 | future
c | 今天本来要去秦创智能，没去成 | none
c | 昨天没联系上陕鼓动力 | none
c | 好的，谢谢 | none
c | 今天天气真冷啊 | none
c | 在吗 | none
c | 哈哈哈👍 | none
c | 秦创智能那边的土地证还没下来，帮忙反映一下 | report f:qc c:土地
c | 汉丰食品反映银行不放款，资金周转困难 | report f:hf c:融资
c | 报个问题 陕鼓动力 施工证一直办不下来 | report f:sg c:建设
c | 问题上报：曲江文旅员工的娃上学没有学位 | report f:qj c:教育
c | 反映问题 秦创智能 拿地太难了 | report f:qc c:土地
c | 帮汉丰食品报一下，门口道路一直没修 | report f:hf c:市政配套
c | 我联系的企业有哪些 | myEnterprises
c | 我包了哪几家企业 | myEnterprises
c | 我的待办有啥 | myTasks
c | 看下W20261123-0007 | show k:W20261123-0007
c | W20261123-0007现在到哪一步了 | show k:W20261123-0007
c | 怎么用 | help
c | 这个机器人咋用啊 | help
c | 催一下W20261123-0007 | urge k:W20261123-0007
c | 帮我催催W20261123-0007，企业等急了 | urge k:W20261123-0007
c | 撤销 | undo
c | 刚才那条登错了，撤销 | undo
c | 不要了 | cancel
c+confirm | 1 | yes
c+confirm | 对的 | yes
c+confirm | 是的，没错 | yes
c+confirm | 不对 | cancel
c+choice | 2 | choice n:2
c+choice | 第三个 | choice n:3
c | 今天去秦创智能了，企业说想申请技改资金 | visit f:qc d:12-01 m:onsite
c | 上周三到汉丰食品了解了一下生产情况 | visit f:hf d:11-25 m:onsite
c | 11.30 电话 陕鼓动力 询问订单 | visit f:sg d:11-30 m:phone
c | 刚和曲江文旅视频了一下，聊了文旅项目 | visit f:qj d:12-01 m:video
c | 三天前去隆基绿能走访了 | visit f:~隆基绿能 d:11-28 m:onsite
c | 昨天下午去李总那边喝了杯茶 | visit f:~隆基绿能 d:11-30 m:onsite
cg | 今天上门了，聊了聊用工 | visit f:qj d:12-01 m:onsite
cg | 昨天电话回访过了 | visit f:qj d:11-30 m:phone
cg | 这家企业的规划许可还没批，我来报一下 | report f:qj c:规划
e | 我们的环评等了一个月了 | report f:qj c:审批
e | 我们厂门口的渣土车天天扬尘，希望管一管 | report f:qj c:城管执法
e | 想问一下员工孩子入学的事情怎么办 | report f:qj c:教育
e | 公司贷款一直批不下来，能不能帮忙协调 | report f:qj c:融资
e | 我要反映个问题，供电老是停 | report f:qj c:市政配套
e | 你好 | none
e | 谢谢你们的帮助 | none
e | 今天干部来过了，挺好的 | none
e | 昨天王科长上门了，确认一下 | confirmVisit
e | 确认 走访 | confirmVisit
e | 给干部打5分，服务很好 | rateCadre
e | 干部评价 四星 | rateCadre
e | 我们的问题现在到哪一步了 | myTasks
e | 那个问题办得怎么样了 | myTasks
e | 问题已经自己解决了，撤回吧 | withdraw
e+rate | 满意，谢谢 | rate v:satisfied
e+rate | 还可以吧 | rate v:basic
e+rate | 不满意，证还没拿到 | rate v:unsatisfied
e+rate | 挺好的，很快就办好了 | rate v:satisfied
e+rate | 一般般吧 | rate v:basic
e+rate | 不太满意，拖了很久 | rate v:unsatisfied
e+rate | 非常满意👍 | rate v:satisfied
e+rate | 没解决，不满意 | rate v:unsatisfied
eg | 群里说一下，我们的消防验收卡住了 | report f:qj c:建设
eg | 我们这边土地证办了半年还没下来 | report f:qj c:土地
eg | 大家好 | none
eg | 收到，谢谢 | none
eg+rate | 满意 | rate v:satisfied
eg+rate | 基本满意吧 | rate v:basic
h+1 | 收到 | accept
h+1 | 好的，马上办 | accept
h+1 | 已经办好了，给企业回了电话 | answer
h+1 | 办好了，已通知企业领取证照 | answer
h+1 | 这个不是我们的事 | return
h+1 | 不归我们管，应该找住建局 | return
h+1 | 能不能宽限几天 | extend
h+1 | 需要延期5个工作日，等专家评审 | extend
h | 收到 | none
h | 我的待办 | myTasks
h | 我手上有哪些问题 | myTasks
h | 受理 W20261123-0007 | accept k:W20261123-0007
h | W20261123-0007 转给住建局 | transfer k:W20261123-0007 u:市住房和城乡建设局
h | 把W20261123-0007转到自然资源局 | transfer k:W20261123-0007 u:市自然资源和规划局
h | W20261123-0007请审批局协办 | coHandle k:W20261123-0007 u:市行政审批服务局
h | 怎么操作 | help
h | 辛苦了 | none
l | W20261123-0007 督办一下 | supervise k:W20261123-0007
l | 督办 W20261123-0007 | supervise k:W20261123-0007
l | 同意延期 W20261123-0007 | decideExtension k:W20261123-0007
l | 不同意 W20261123-0007 延期，按期办结 | decideExtension k:W20261123-0007
l | 有哪些待我审批的 | myTasks
l | 帮助 | help
l | 好的 | none
a | 查看W20261123-0007 | show k:W20261123-0007
a | 登记走访 秦创智能 昨天 电话 了解情况 | visit f:qc d:11-30 m:phone
a | 在干嘛呢 | none
c | 今天去了秦创智能，企业反映用地指标不够，还有孩子入学难 | visit f:qc d:12-01 m:onsite
c | 秦创智能反映两个问题：一是土地证没办下来，二是贷款难 | report f:qc ?
c | 上月底去陕鼓动力走访了一次 | visit f:sg d:11-30 m:onsite
c | 礼拜一去曲江文旅转了一圈 | visit f:qj d:11-30 m:onsite
c | 周日给汉丰食品打电话拜年 | visit f:hf d:11-29 m:phone
c | 下午在视频号上跟秦创智能连线了 | visit f:qc d:12-01 m:video
c | 今儿上午去陕古动力了 | visit f:sg d:12-01 m:onsite
c | 晌午去汉丰看了看 | visit f:hf d:12-01 m:onsite
c | 昨天去秦创智能，发现他们招工难 | visit f:qc d:11-30 m:onsite
c | 去过曲江文旅了 | visit f:qj d:12-01 m:onsite ?
c | 明天约了刘总见面 | future
c | 打算下个月去陕鼓动力 | future
c | 本来打算今天给汉丰食品打电话，忘了 | none
c | 秦创智能挺好的 | none
c | 收到 | none
c | 好嘞 | none
c | 陕鼓动力的联系人是谁 | none
c | W20261123-0007 | show k:W20261123-0007
c | 查一下问题W20261123-0007 | show k:W20261123-0007
c | 我的企业 | myEnterprises
c | 有哪些企业还没走访 | myEnterprises
c | 我这个月走访了几家 | myEnterprises
c | 本月初去秦创智能走访了 | visit f:qc d:12-01 m:onsite
c | 昨天晚上和陕鼓动力的王丽通了电话 | visit f:sg d:11-30 m:phone
c | 汉丰食品赵经理说施工许可办不下来，帮忙报一下 | report f:hf c:建设
c | 曲江文旅想融资，银行不放款 | report f:qj c:融资
c | 秦创智能员工娃上学难 | report f:qc c:教育
c | 秦创智能需要拿地建二期 | report f:qc c:土地
e | 有个诉求，希望开通公交 | report f:qj
e | 怎么反映问题 | help
e | 帮助 | help
e | 取消 | cancel
e | 不用了 | cancel
e+rate | 满意满意 | rate v:satisfied
e+rate | 还行 | rate v:basic
e+rate | 不满意，还是没通电 | rate v:unsatisfied
e+rate | 好的，谢谢 | rate v:satisfied ?
h+1 | 这事归规划局管，不是我们 | return
h+1 | 好，我们来处理 | accept
h+1 | 已答复企业，问题解决了 | answer
h+1 | 能否延期三天 | extend
h+1 | 谢谢 | none
l | W20261123-0007 催一下 | urge k:W20261123-0007
l | 最近有什么事 | myTasks
cg | 帮忙反映：企业用电增容一直没批 | report f:qj c:市政配套
cg | 今天和企业负责人座谈了 | visit f:qj d:12-01 m:meeting
cg | 明天再来 | future
c | 嗯嗯 | none
c | 登记走访 | visit ?
c | 上报问题 | report ?
`;
