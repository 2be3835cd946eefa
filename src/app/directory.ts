import type { Directory } from '../commands/account/bind.feature';
import { DingtalkDirectory } from '../platforms/dingtalk/dingtalk-directory';
import { createDingtalkTokenCache } from '../platforms/dingtalk/dingtalk-token';
import { WecomDirectory } from '../platforms/wecom/wecom-directory';
import { createWecomTokenCache } from '../platforms/wecom/wecom-token';
import type { Container } from './container';

/** The platforms' member directories 绑定 asks to confirm a mobile (null where a platform is off). */
export function buildDirectory(c: Container): Directory {
  const { config, redis, clock } = c;
  const prefix = config.queuePrefix;
  return {
    wecom: config.wecom
      ? new WecomDirectory({
          apiBase: config.wecomApiBase,
          tokens: createWecomTokenCache(redis, {
            apiBase: config.wecomApiBase,
            prefix,
            clock,
            ...config.wecom,
          }),
        })
      : null,
    dingtalk: config.dingtalk
      ? new DingtalkDirectory({
          oapiBase: config.dingtalkOapiBase,
          tokens: createDingtalkTokenCache(redis, {
            apiBase: config.dingtalkApiBase,
            prefix,
            clock,
            ...config.dingtalk,
          }),
        })
      : null,
  };
}
