/**
 * The tuning corpus: messages as cadres, handlers, leaders, admins and enterprise staff type them, in 1:1 and
 * group chats. Line format in corpus-kit.ts. Today is Tuesday 2026-12-01 unless `today:` says otherwise.
 */
export const CORPUS = `
# visits in sentences, no command word
c | 上午去了秦创智能，跟他们聊了用工 | visit f:qc d:12-01 m:onsite
c | 刚和陕鼓动力视频了一下 | visit f:sg d:12-01 m:video
c | 昨天给汉丰食品打了电话 | visit f:hf d:11-30 m:phone
c | 昨天给曲江文旅打了个电话，问了问用电 | visit f:qj d:11-30 m:phone
c | 今天上午到秦创智能走了一趟 | visit f:qc d:12-01 m:onsite
c | 下午去陕鼓动力，了解了订单情况 | visit f:sg d:12-01 m:onsite
c | 前天去汉丰食品看了看生产线 | visit f:hf d:11-29 m:onsite
c | 大前天跟曲江文旅开了腾讯会议 | visit f:qj d:11-28 m:video
c | 前两天去秦创智能了解融资需求 | visit f:qc d:11-29 m:onsite
c | 一周前给陕鼓动力打电话问过用工 | visit f:sg d:11-24 m:phone
c | 上上周五去汉丰食品座谈 | visit f:hf d:11-20 m:meeting
c | 本月初去曲江文旅走访了一次 | visit f:qj d:12-01 m:onsite
c | 昨天钉钉视频联系了秦创智能 | visit f:qc d:11-30 m:video
c | 今天在视频号直播间和陕鼓动力连线了 | visit f:sg d:12-01 m:video
c | 上午电联汉丰食品，了解复工情况 | visit f:hf d:12-01 m:phone
c | 昨天跟曲江文旅微信语音聊了半小时 | visit f:qj d:11-30 m:phone
c | 没去现场，电话沟通的，秦创智能说订单不错 | visit f:qc d:12-01 m:phone
c | 昨天没去现场，跟陕鼓动力电话沟通的 | visit f:sg d:11-30 m:phone
c | 今天在汉丰食品开了座谈会 | visit f:hf d:12-01 m:meeting
c | 昨天去曲江文旅现场办公 | visit f:qj d:11-30 m:meeting
c | 去刘总那里坐了坐 | visit f:qc d:12-01 m:onsite ?
c | 今天去刘总那里坐了坐 | visit f:qc d:12-01 m:onsite
c | 昨天下午去王经理那边聊了聊 | visit f:sg d:11-30 m:onsite
c | 上午和赵经理通了电话 | visit f:hf d:12-01 m:phone
c | 昨天跟张总视频了一下 | visit f:qj d:11-30 m:video
c | 昨天去找刘建国聊了聊扩产的事 | visit f:qc d:11-30 m:onsite
c | 上周三去秦创智能走访 | visit f:qc d:11-25 m:onsite
c | 上周五下午和陕鼓动力开了个线上会议 | visit f:sg d:11-27 m:video
c | 周一去汉丰食品了 | visit f:hf d:11-30 m:onsite
c | 11月27日去曲江文旅了解用工 | visit f:qj d:11-27 m:onsite
c | 11月30号给秦创智能打了个电话 | visit f:qc d:11-30 m:phone
c | 30号去了陕鼓动力 | visit f:sg d:11-30 m:onsite
c | 3天前去汉丰食品走访 | visit f:hf d:11-28 m:onsite
c | 两天前和曲江文旅通了电话 | visit f:qj d:11-29 m:phone
c | 上个月底去秦创智能转了一圈 | visit f:qc d:11-30 m:onsite
c | 今天跑了秦创智能和陕鼓动力两家 | visit f:qc,sg d:12-01 m:onsite ?
c | 今天去了汉丰食品、曲江文旅，了解用工 | visit f:hf,qj d:12-01 m:onsite ?
c | 昨天给秦创智能、汉丰食品分别打了电话 | visit f:qc,hf d:11-30 m:phone ?
c | 上午走访了秦创智能，下午去了陕鼓动力 | visit f:qc,sg d:12-01 m:onsite ?
c | 今天去秦创智能了 | visit f:qc d:12-01 m:onsite
c | 去过陕鼓动力了 | visit f:sg d:12-01 m:onsite ?
c | 和汉丰食品聊了聊 | visit f:hf d:12-01 m:onsite ?
c | 今天去秦创只能了 | visit f:qc d:12-01 m:onsite
c | 昨天去陕古动力看了看 | visit f:sg d:11-30 m:onsite
c | 今天给汉风食品打电话了 | visit f:hf d:12-01 m:phone
c | 今天去曲江闻旅走访 | visit f:qj d:12-01 m:onsite
c | 今早去秦创看了下 | visit f:qc d:12-01 m:onsite
c | 下午去汉丰坐了会儿 | visit f:hf d:12-01 m:onsite
c | 昨天去隆基绿能了解了一下 | visit f:~隆基绿能 d:11-30 m:onsite
c | 今天给李总打了个电话 | visit f:~隆基绿能 d:12-01 m:phone
c | 今天去秦创智能，企业反映目前经营正常，暂无困难 | visit f:qc d:12-01 m:onsite
c | 昨天去陕鼓动力走访，没有发现问题 | visit f:sg d:11-30 m:onsite
c | 上午去了汉丰食品，一切正常 | visit f:hf d:12-01 m:onsite
c | 今天去秦创智能，企业反映用地指标紧张 | visit f:qc d:12-01 m:onsite
c | 昨天到陕鼓动力调研了一下产能 | visit f:sg d:11-30 m:onsite
c | 昨个去汉丰食品喝了杯茶，聊了聊 | visit f:hf d:11-30 m:onsite
c | 昨儿个去曲江文旅串了个门 | visit f:qj d:11-30 m:onsite
c | 今儿上午给秦创智能去了个电话 | visit f:qc d:12-01 m:phone
c | 今天上门拜访了陕鼓动力 | visit f:sg d:12-01 m:onsite
c | 嗯 那个 今天去了趟汉丰食品 | visit f:hf d:12-01 m:onsite
c | 就是 昨天去了曲江文旅 | visit f:qj d:11-30 m:onsite
c | 今天去秦创智能了👍 | visit f:qc d:12-01 m:onsite
c | 今天和陕鼓动力开了个碰头会 | visit f:sg d:12-01 m:meeting
c | 昨天参加了汉丰食品的座谈 | visit f:hf d:11-30 m:meeting
c | 刚刚跟曲江文旅那边通了个电话 | visit f:qj d:12-01 m:phone
c | 昨天通过腾讯会议和秦创智能对接了项目 | visit f:qc d:11-30 m:video
c | 今天跟陕鼓动力线上沟通了一下 | visit f:sg d:12-01 m:video
c | 上周四去汉丰食品走访，企业说招工难 | visit f:hf d:11-26 m:onsite
c | 昨天去曲江文旅看了看项目进度 | visit f:qj d:11-30 m:onsite
# visits, command-shaped, with variants
c | 登记走访 秦创智能 昨天 上门 了解用工情况 | visit f:qc d:11-30 m:onsite
c | 等级走访 陕鼓动力 今天 电话 了解订单 | visit f:sg d:12-01 m:phone
c | 登记 走访 汉丰食品 昨天 上门 | visit f:hf d:11-30 m:onsite
c | 登 记 走 访 曲江文旅 今天 座谈 | visit f:qj d:12-01 m:meeting
c | 登记走访秦创智能昨天上门了解用工 | visit f:qc d:11-30 m:onsite
c | 登记走访 陕鼓动力 前两天 腾讯会议 | visit f:sg d:11-29 m:video
c | 登记走访 汉丰食品 大前天 微信语音 | visit f:hf d:11-28 m:phone
c | 登记走访 曲江文旅 一周前 视频号 | visit f:qj d:11-24 m:video
c | 登记走访 秦创智能 上上周五 现场办公 | visit f:qc d:11-20 m:meeting
c | 登记走访 陕鼓动力 本月初 上门 | visit f:sg d:12-01 m:onsite
c | 登记走访 秦创智能和陕鼓动力 今天 上门 | visit f:qc,sg d:12-01 m:onsite ?
c | 登记走访 秦创智能 12月6日 上门 | future
c | 登记走访 陕鼓动力 明天 上门 | future
c | 登记走访 汉丰食品 12月1日 电话 | visit f:hf d:12-01 m:phone
c | 登记走访 曲江文旅 11月28日 电话 | visit f:qj d:11-28 m:phone
c | 登记走访 秦创智能 12月28日 上门 | visit f:qc d:2026-12-28 m:onsite today:2027-01-03
c | 登记走访 | visit ?
c | 走访登记 | visit ?
c | 登记走访 秦创智能 昨天 上门 没有发现问题 | visit f:qc d:11-30 m:onsite
c | 电话联系了陕鼓动力，了解用工 | visit f:sg d:12-01 m:phone
c | 走访 汉丰食品 昨天 | visit f:hf d:11-30 m:onsite
c | 拜访 曲江文旅 今天 | visit f:qj d:12-01 m:onsite
a | 登记走访 秦创智能 今天 上门 | visit f:~秦创智能 d:12-01 m:onsite
a | 昨天给陕鼓动力打了电话 | visit f:~陕鼓动力 d:11-30 m:phone
cg | 今天上门走访了 | visit f:qj d:12-01 m:onsite
cg | 昨天打过电话了 | visit f:qj d:11-30 m:phone
cg | 今天来企业座谈，了解用工 | visit f:qj d:12-01 m:meeting
cg | 登记走访 今天 上门 了解情况 | visit f:qj d:12-01 m:onsite
cg | 上午视频连线了一下 | visit f:qj d:12-01 m:video
cg | 今天去秦创智能了 | visit f:qc d:12-01 m:onsite
# future, negated, plans
c | 12月6日去了秦创智能 | future
c | 12月10日去陕鼓动力 | future
c | 明天去汉丰食品 | future
c | 明天上午去曲江文旅走访 | future
c | 后天给秦创智能打电话 | future
c | 下周去陕鼓动力调研 | future
c | 下周三和汉丰食品开座谈会 | future
c | 准备去曲江文旅看看 | future
c | 打算这周去秦创智能 | future
c | 计划下个月走访陕鼓动力 | future
c | 约了刘总明天见面 | future
c | 过两天再去汉丰食品 | future
c | 回头去曲江文旅看看 | future
c | 今天没去成秦创智能 | none
c | 本来要去陕鼓动力，临时取消了 | none
c | 给汉丰食品打电话没打通 | none
c | 昨天没联系上曲江文旅 | none
c | 忘了给秦创智能打电话 | none
c | 今天没去陕鼓动力 | none
c | 秦创智能今天没人，改天再去 | none
# reports by cadres
c | 秦创智能那边的土地证还没下来，帮忙反映一下 | report f:qc c:土地
c | 报个问题 陕鼓动力 用地指标紧张 | report f:sg c:土地
c | 问题上报 汉丰食品 施工证办不下来 | report f:hf c:建设
c | 反映问题 曲江文旅 娃上学没学位 | report f:qj c:教育
c | 上报问题 秦创智能 银行不放款 | report f:qc c:融资
c | 上报问题 陕鼓动力 【土地】 厂房用地指标迟迟未批 | report f:sg c:土地
c | 秦创智能拿地很难 | report f:qc c:土地
c | 陕鼓动力员工孩子入学难 | report f:sg c:教育
c | 汉丰食品银行不放款，急需资金 | report f:hf c:融资
c | 曲江文旅的施工证一直没下来 | report f:qj c:建设
c | 秦创智能的环评卡住了，帮忙协调一下 | report f:qc c:审批
c | 陕鼓动力门口的路一直没修，帮忙反映 | report f:sg c:市政配套
c | 汉丰食品厂区老是停电 | report f:hf c:市政配套
c | 曲江文旅周边渣土车扬尘严重 | report f:qj c:城管执法
c | 秦创智能的规划许可迟迟未批 | report f:qc c:规划
c | 帮陕鼓动力报一下，消防验收一直过不了 | report f:sg c:建设
c | 汉丰食品想申请贷款，银行一直不批 | report f:hf c:融资
c | 曲江文旅反映拆迁补偿还没落实 | report f:qj c:征地拆迁
c | 刘总说他们的土地证还没下来 | report f:qc c:土地
c | 王经理反映员工子女入学难 | report f:sg c:教育
c | 上报问题 汉丰食品 一是土地证没办，二是贷款难 | report f:hf ?
c | 秦创智能反映两个问题：一是环评没批，二是缺技术工人 | report f:qc ?
c | 陕鼓动力有几个问题：1、用电增容 2、道路没修 | report f:sg ?
c | 上报问题 用地指标紧张 | report ?
c | 帮忙反映一下，用电增容一直没批 | report ?
c | 隆基绿能的用地指标还没批 | report f:~隆基绿能 c:土地
cg | 企业反映施工许可办不下来，帮忙报一下 | report f:qj c:建设
cg | 上报问题 用地指标紧张 | report f:qj c:土地
cg | 这家的贷款还没批，报一下 | report f:qj c:融资
a | 上报问题 秦创智能 用地指标紧张 | report f:~秦创智能 c:土地
# reports by enterprise staff
e | 我们的环评等了一个月了 | report f:qj c:审批
e | 我们的土地证还没下来 | report f:qj c:土地
e | 公司员工的娃上学没学位，能不能帮忙 | report f:qj c:教育
e | 银行不放款，资金周转困难 | report f:qj c:融资
e | 施工证一直办不下来 | report f:qj c:建设
e | 上报问题 厂区道路破损 | report f:qj c:市政配套
e | 反映个问题，门口渣土车太多了 | report f:qj c:城管执法
e | 有个诉求，希望增加公交线路 | report f:qj
e | 我们想拿地建二期，找谁 | report f:qj c:土地
e | 消防验收卡住了，怎么办 | report f:qj c:建设
e | 规划许可迟迟未批 | report f:qj c:规划
e | 我们这边老是停水 | report f:qj c:市政配套
e | 孩子入学的事情能帮忙吗 | report f:qj c:教育
e | 问题：贷款批不下来 | report f:qj c:融资
eg | 我们的环评等了一个月了 | report f:qj c:审批
eg | 土地证办了大半年了还没下来 | report f:qj c:土地
eg | 上报问题 供电不稳定 | report f:qj c:市政配套
eg | 麻烦反映一下，施工许可一直不批 | report f:qj c:建设
eg | 我们有两个问题：一是贷款难，二是用工难 | report f:qj ?
# ratings after the bot asked
e+rate | 满意 | rate v:satisfied
e+rate | 评价 W20261123-0007 满意 | rate v:satisfied k:W20261123-0007
e+rate | W20261123-0007 满意 | rate v:satisfied k:W20261123-0007
e+rate | 满意，谢谢 | rate v:satisfied
e+rate | 很满意，办得很快 | rate v:satisfied
e+rate | 非常满意！ | rate v:satisfied
e+rate | 还可以吧 | rate v:basic
e+rate | 还行 | rate v:basic
e+rate | 基本满意 | rate v:basic
e+rate | 一般 | rate v:basic
e+rate | 马马虎虎 | rate v:basic
e+rate | 不满意，证还没拿到 | rate v:unsatisfied
e+rate | 不满意 | rate v:unsatisfied
e+rate | 不太满意，太慢了 | rate v:unsatisfied
e+rate | 问题没解决 | rate v:unsatisfied
e+rate | 挺好的 | rate v:satisfied
e+rate | 不错不错 | rate v:satisfied
e+rate | 谢谢 | rate v:satisfied ?
e+rate | 感谢感谢 | rate v:satisfied ?
e+rate | 👍👍满意 | rate v:satisfied
eg+rate | 满意 | rate v:satisfied
eg+rate | 还行吧 | rate v:basic
eg+rate | 不满意，还是停电 | rate v:unsatisfied
eg+rate | 很好，点赞 | rate v:satisfied
e | 评价 W20261123-0007 满意 | rate v:satisfied k:W20261123-0007
e | 满意 | rate v:satisfied
# cadre ratings and visit confirmations by contacts
e | 评价干部 5分 服务很周到 | rateCadre
e | 给干部打5分 | rateCadre
e | 干部服务很好，打五星 | rateCadre
e | 给干部评4分，挺负责的 | rateCadre
e | 确认走访 | confirmVisit
e | 确认一下走访 | confirmVisit
e | 干部今天上门了，我确认一下 | confirmVisit
eg | 确认走访 | confirmVisit
eg | 刚才刘干部来过，确认 | confirmVisit
# withdraw
e | 撤回 W20261123-0007 问题已自行解决 | withdraw k:W20261123-0007
e | 问题已经自己解决了，撤回 | withdraw
e | 这个问题不用办了，撤回吧 | withdraw
eg | 我们自行解决了，撤单 | withdraw
# handler steps in words with one pending problem
h+1 | 收到 | accept
h+1 | 好的，马上办 | accept
h+1 | 收到，马上处理 | accept
h+1 | 好的 | accept
h+1 | 我们来处理 | accept
h+1 | 已签收 | accept
h+1 | 已经办好了，给企业回了电话 | answer
h+1 | 办好了，证已经发了 | answer
h+1 | 已办结，企业已拿到许可证 | answer
h+1 | 处理完了，已通知企业 | answer
h+1 | 搞定了，路已经修好 | answer
h+1 | 这个不是我们的事 | return
h+1 | 不归我们管 | return
h+1 | 不属于我单位职责，请转自然资源局 | return
h+1 | 找错单位了 | return
h+1 | 能不能宽限几天 | extend ?
h+1 | 申请延期5个工作日，等专家评审 | extend
h+1 | 需要延长3天 | extend
h+1 | 能否多给几天时间 | extend ?
h+1 | 宽限两个工作日吧，材料还没齐 | extend
h+1 | 辛苦了 | none
h+1 | 谢谢 | none
# handler commands and queries
h | 受理 W20261123-0007 | accept k:W20261123-0007
h | 受理 | accept
h | 答复 W20261123-0007 已协调供电公司，下周通电 | answer k:W20261123-0007
h | 退回 W20261123-0007 不属于本单位职责 | return k:W20261123-0007
h | 申请延期 W20261123-0007 5个工作日 等待规划审批 | extend k:W20261123-0007
h | 转办 W20261123-0007 市住房和城乡建设局 | transfer k:W20261123-0007 u:市住房和城乡建设局
h | W20261123-0007 转给住建 | transfer k:W20261123-0007 u:市住房和城乡建设局
h | W20261123-0007转到资规局 | transfer k:W20261123-0007 u:市自然资源和规划局
h | 把W20261123-0007交给教育局 | transfer k:W20261123-0007 u:市教育局
h | W20261123-0007 请城管局协办 | coHandle k:W20261123-0007 u:市城市管理和综合执法局
h | 协办 W20261123-0007 住建局 | coHandle k:W20261123-0007 u:市住房和城乡建设局
h | W20261123-0007 已办结，企业已通电 | answer k:W20261123-0007
h | W20261123-0007 收到 | accept k:W20261123-0007
h | 我的待办 | myTasks
h | 待办 | myTasks
h | 我手上有什么问题 | myTasks
h | 有啥要我办的 | myTasks
h | 查看 W20261123-0007 | show k:W20261123-0007
h | W20261123-0007 什么进度 | show k:W20261123-0007
h | 收到 | none
h | 好的 | none
h | 怎么用 | help
h | 帮助 | help
h | 你好 | none
# leaders
l | 督办 W20261123-0007 | supervise k:W20261123-0007
l | W20261123-0007 要督办 | supervise k:W20261123-0007
l | 同意延期 W20261123-0007 | decideExtension k:W20261123-0007
l | W20261123-0007 同意延期 | decideExtension k:W20261123-0007
l | 不同意延期 W20261123-0007 请按期办结 | decideExtension k:W20261123-0007
l | W20261123-0007 延期不同意 | decideExtension k:W20261123-0007
l | 我的待办 | myTasks
l | 有什么要我审批的 | myTasks
l | 查看 W20261123-0007 | show k:W20261123-0007
l | W20261123-0007 怎么样了 | show k:W20261123-0007
l | 催一下 W20261123-0007 | urge k:W20261123-0007
l | 怎么用 | help
l | 辛苦了 | none
l | 收到 | none
# cadre queries, help, cancel, undo
c | 我的企业 | myEnterprises
c | 我联系的企业有哪些 | myEnterprises
c | 我包联的企业 | myEnterprises
c | 我负责哪些企业 | myEnterprises
c | 哪些企业还没走访 | myEnterprises
c | 这个月走访了几家 | myEnterprises
c | 我的待办 | myTasks
c | 我的问题 | myTasks
c | 那个问题现在到哪一步了 | myTasks
c | 问题办得怎么样了 | myTasks
c | 查看 W20261123-0007 | show k:W20261123-0007
c | W20261123-0007 | show k:W20261123-0007
c | w202611230007 | show k:W20261123-0007
c | 看看 W20261123-0007 | show k:W20261123-0007
c | W20261123-0007 到哪一步了 | show k:W20261123-0007
c | 催办 W20261123-0007 | urge k:W20261123-0007
c | W20261123-0007 催一下 | urge k:W20261123-0007
c | 转办 W20261123-0007 市自然资源和规划局 | transfer k:W20261123-0007 u:市自然资源和规划局
c | 协办 W20261123-0007 市住房和城乡建设局 | coHandle k:W20261123-0007 u:市住房和城乡建设局
c | 怎么用 | help
c | 怎么登记走访 | help
c | 这个怎么操作 | help
c | 帮助 | help
c | ? | help
c | 菜单 | help
c | 取消 | cancel
c | 算了 | cancel
c | 不用了 | cancel
c | 撤销 | undo
c | 撤销刚才那条 | undo
c | 刚才登错了，撤销 | undo
c | 绑定 13800138000 | bind
e | 绑定 13800138000 | bind
cg | 绑定企业 曲江文旅 | bindGroup
# answers to questions the bot asked
c+confirm | 1 | yes
c+confirm | 是 | yes
c+confirm | 对 | yes
c+confirm | 确认 | yes
c+confirm | 好的 | yes
c+confirm | 没错 | yes
c+confirm | 不是 | cancel
c+confirm | 取消 | cancel
c+confirm | 不对，是昨天 | cancel
c+choice | 1 | choice n:1
c+choice | 3 | choice n:3
c+choice | 第二个 | choice n:2
c+choice | 第2个 | choice n:2
c+choice | 陕鼓动力 | choice n:2
c+choice | 汉丰食品 | choice n:3
c+choice | 秦创 | choice n:1
e+confirm | 1 | yes
h+confirm | 是的 | yes
c | 2 | choice n:2
# chit-chat and remarks: never a command
c | 你好 | none
c | 在吗 | none
c | 谢谢 | none
c | 好的 | none
c | 收到 | none
c | 辛苦了 | none
c | 哈哈哈 | none
c | 👍 | none
c | 早上好 | none
c | 今天好冷 | none
c | 中午吃什么 | none
c | 秦创智能不错 | none
c | 陕鼓动力的刘总人挺好 | none
c | 汉丰食品在哪 | none
c | 曲江文旅的电话是多少 | none
c | 今天开了一天会 | none
c | 明天开会 | none
c | 我在路上 | none
c | 等会儿说 | none
c | ok | none
e | 你好 | none
e | 在吗 | none
e | 谢谢 | none
e | 好的，谢谢 | none
e | 干部昨天来过了，人很好 | none
e | 今天天气不错 | none
e | 收到 | none
e | 辛苦了 | none
eg | 大家好 | none
eg | 收到 | none
eg | 谢谢领导 | none
eg | 好的好的 | none
eg | 明天上午开会 | none
cg | 大家好 | none
cg | 收到 | none
a | 你好 | none
a | 测试 | none
# more wording: dialect, typos, punctuation, emoji
c | 俺昨天去秦创智能转了转 | visit f:qc d:11-30 m:onsite
c | 昨天后晌去陕鼓动力坐了坐 | visit f:sg d:11-30 m:onsite
c | 今儿早上给汉丰食品去了电话 | visit f:hf d:12-01 m:phone
c | 前个儿去曲江文旅了 | visit f:qj d:11-29 m:onsite
c | 昨天去秦创智能那达了解了下情况 | visit f:qc d:11-30 m:onsite
c | 昨天，秦创智能，上门，了解用工 | visit f:qc d:11-30 m:onsite
c | 昨天 陕鼓动力 电话 了解订单 | visit f:sg d:11-30 m:phone
c | 【走访】汉丰食品 今天 上门 | visit f:hf d:12-01 m:onsite
c | 今天去秦创智能！！！ | visit f:qc d:12-01 m:onsite
c | 今天去陕鼓动力了～ | visit f:sg d:12-01 m:onsite
c | 今天去汉丰食品了[强] | visit f:hf d:12-01 m:onsite
c | 上午与曲江文旅负责人座谈 | visit f:qj d:12-01 m:meeting
c | 上午和秦创智能刘总见了一面 | visit f:qc d:12-01 m:onsite
c | 今天陪同区领导到陕鼓动力调研 | visit f:sg d:12-01 m:onsite
c | 昨天通过钉钉会议跟汉丰食品沟通了扩产 | visit f:hf d:11-30 m:video
c | 周五和曲江文旅电话联系过 | visit f:qj d:11-27 m:phone
c | 上礼拜五去秦创智能了 | visit f:qc d:11-27 m:onsite
c | 上星期二给陕鼓动力打了电话 | visit f:sg d:11-24 m:phone
c | 十一月二十号去汉丰食品走访 | visit f:hf d:11-20 m:onsite
c | 11.28 去曲江文旅上门走访 | visit f:qj d:11-28 m:onsite
c | 2026-11-26 电话 秦创智能 | visit f:qc d:11-26 m:phone
c | 上个月25号去陕鼓动力座谈 | visit f:sg d:11-25 m:meeting
c | 五天前和汉丰食品视频了 | visit f:hf d:11-26 m:video
c | 两周前去曲江文旅走访 | visit f:qj d:11-17 m:onsite
c | 刚从秦创智能回来 | visit f:qc d:12-01 m:onsite
c | 刚从陕鼓动力出来，聊得不错 | visit f:sg d:12-01 m:onsite
c | 今天去王丽那边了解了下订单 | visit f:sg d:12-01 m:onsite
c | 上午跟赵敏通了电话 | visit f:hf d:12-01 m:phone
c | 今天和张伟视频沟通了 | visit f:qj d:12-01 m:video
c | 今天去秦创智能和汉丰食品走访 | visit f:qc,hf d:12-01 m:onsite ?
c | 今天跑了三家：秦创智能、陕鼓动力、汉丰食品 | visit f:qc,sg,hf d:12-01 m:onsite ?
c | 今天去曲江文旅了，企业暂无困难 | visit f:qj d:12-01 m:onsite
c | 昨天去秦创智能，没有什么问题 | visit f:qc d:11-30 m:onsite
c | 今天给陕鼓动力打电话，生产经营正常 | visit f:sg d:12-01 m:phone
c | 今天去秦创智能，发现问题：环评没批 | visit f:qc d:12-01 m:onsite
c | 下个礼拜去秦创智能 | future
c | 这周五去陕鼓动力 | future
c | 准备明天给汉丰食品打电话 | future
c | 下午打算去曲江文旅 | future
c | 周末约了王经理吃饭 | future
c | 想去秦创智能看看 | future
c | 12月20日和陕鼓动力开座谈会 | future
c | 昨天想去汉丰食品，结果没去成 | none
c | 秦创智能的人今天都不在，没见上 | none
c | 陕鼓动力电话一直没打通 | none
c | 今天去秦创智能的路上堵车了 | none
c | 汉丰食品的地址是哪里 | none
c | 刘总的电话是多少 | none
c | 秦创智能的刘总是谁 | none
c | 我今天请假 | none
c | 收到，马上去 | none
c | 好的，知道了 | none
c | 明白 | none
c | 这个月任务重啊 | none
c | 😂😂 | none
c | [抱拳] | none
c | 。。。 | none
c | 原本准备今天电话联系陕鼓动力，后来忘了 | none
c | 今天计划给秦创智能打电话 | future
c | 本想今天去汉丰食品走访，临时有事取消了 | none
c | 打算今天和曲江文旅视频会议 | future
# more reports
c | 秦创智能二期拿地遇到困难 | report f:qc c:土地
c | 陕鼓动力说孩子上学的事还没着落 | report f:sg c:教育
c | 汉丰食品反映：银行抽贷，资金紧张 | report f:hf c:融资
c | 曲江文旅的竣工验收拖了两个月 | report f:qj c:建设
c | 秦创智能希望协调一下用电增容 | report f:qc c:市政配套
c | 陕鼓动力厂区周边占道经营严重 | report f:sg c:城管执法
c | 汉丰食品的排污许可迟迟没批 | report f:hf c:审批
c | 帮秦创智能反映个事，员工宿舍拆迁补偿没到位 | report f:qc c:征地拆迁
c | 陕鼓动力的刘总反映融资难 | report f:sg c:融资
c | 报一下：汉丰食品用地指标不够 | report f:hf c:土地
e | 我们的施工许可证办了三个月还没下来 | report f:qj c:建设
e | 厂区门口天天有渣土车，尘土很大 | report f:qj c:城管执法
e | 想问下员工子女入学怎么办理 | report f:qj c:教育
e | 我司贷款遇到困难，希望政府帮忙对接银行 | report f:qj c:融资
e | 二期用地一直批不下来 | report f:qj c:土地
e | 环评报告交上去一个多月了没消息 | report f:qj c:审批
eg | 问一下，我们的土地证什么时候能办下来 | report f:qj c:土地
eg | 公司门口的路灯坏了好久了 | report f:qj c:市政配套
eg | 帮忙反映一下，企业融资需求 | report f:qj c:融资
cg | 企业说施工许可一直没批 | report f:qj c:建设
# more context replies
e+rate | 满意，辛苦了 | rate v:satisfied
e+rate | 还凑合吧 | rate v:basic
e+rate | 不满意，到现在还没通电 | rate v:unsatisfied
e+rate | 很不满意 | rate v:unsatisfied
e+rate | 比较满意 | rate v:basic
e+rate | 满意！效率很高 | rate v:satisfied
eg+rate | 不满意，没人联系我们 | rate v:unsatisfied
h+1 | 收到，今天就办 | accept
h+1 | 好的收到 | accept
h+1 | 明白，马上落实 | accept
h+1 | 已经处理好了 | answer
h+1 | 问题已解决，企业已通电 | answer
h+1 | 这事不归我们局管 | return
h+1 | 这个应该找住建局，不是我们 | return
h+1 | 材料还没齐，申请延期3个工作日 | extend
h+1 | 能不能晚几天 | extend ?
a+1 | 收到 | accept
c+choice | 陕鼓 | choice n:2
c+choice | 第一个 | choice n:1
c+choice | 3号 | choice n:3
c+confirm | 对的，登记吧 | yes
c+confirm | 嗯 | yes
c+confirm | 算了 | cancel
e+confirm | 是的 | yes
l | W20261123-0007 同意 延期 | decideExtension k:W20261123-0007
l | 驳回 W20261123-0007 的延期申请 | decideExtension k:W20261123-0007
l | W20261123-0007 督办一下，抓紧 | supervise k:W20261123-0007
l | 帮我看一下 W20261123-0007 | show k:W20261123-0007
h | 查一下W20261123-0007 | show k:W20261123-0007
h | W20261123-0007 交给审批局 | transfer k:W20261123-0007 u:市行政审批服务局
h | 我这有几个问题没办 | myTasks
c | W20261123-0007 赶紧催一下 | urge k:W20261123-0007
c | 我名下的企业 | myEnterprises
c | 我包联的企业有几家 | myEnterprises
e | 我们的问题办得怎么样了 | myTasks
e | 怎么评价干部 | help
e | 撤销 | undo
`;
