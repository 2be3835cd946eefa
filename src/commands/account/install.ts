import type { FeatureInstaller } from '../feature-kit';
import { bindFeature } from './bind.feature';

/** 绑定 and the admins' 审核/解除绑定. */
export const installAccount: FeatureInstaller = (kit) => [
  bindFeature({
    ds: kit.ds,
    redis: kit.redis,
    prefix: kit.config.queuePrefix,
    sender: kit.sender,
    directory: kit.directory,
    platforms: kit.platforms,
    logger: kit.logger,
  }),
];
