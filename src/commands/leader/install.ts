import type { FeatureInstaller } from '../feature-kit';
import { installProblems } from '../problems/install';
import { leaderFeature } from './leader.feature';

/** Leaders' questions: 本月统计 / 本周统计, 红黑榜, 超期问题 (+ 查看 N), 一月两见, 查询企业. */
export const installLeader: FeatureInstaller = (kit) => {
  // 查看 N opens the N-th listed problem exactly as 查看 <编号> does: the problem feature's handler.
  const show = installProblems(kit).find((f) => f.commands.show)?.commands.show;
  if (!show) throw new Error('the problem features must handle 查看');
  return [
    leaderFeature({
      ds: kit.ds,
      redis: kit.redis,
      prefix: kit.config.queuePrefix,
      calendar: kit.calendar,
      tiers: kit.config.tiers,
      followUp: kit.config.followUp,
      publicBaseUrl: kit.config.publicBaseUrl,
      show,
    }),
  ];
};
