import type { Express } from 'express';
import type { FakeDingtalk } from '../../test/fakes/fake-dingtalk';
import type { FakeWecom } from '../../test/fakes/fake-wecom';
import type { ChatSandbox, SandboxRecord } from './chat-console';

/**
 * The sandbox platforms in this process (the demo's, or a test's fakes) as the chat console sees
 * them: what they accepted, merged in arrival order, and the one-shot addresses they issue.
 */
export function inProcessSandbox(wecom: FakeWecom, dingtalk?: FakeDingtalk | null): ChatSandbox {
  const log: SandboxRecord[] = [];
  let seenWecom = 0;
  let seenDingtalk = 0;
  const sync = () => {
    // Both fakes append in the order they answer; a merge by index keeps each one's order.
    for (; seenWecom < wecom.sent.length; seenWecom++) log.push(wecom.sent[seenWecom]);
    if (dingtalk)
      for (; seenDingtalk < dingtalk.sent.length; seenDingtalk++) log.push(dingtalk.sent[seenDingtalk]);
  };
  return {
    botResponseUrl: () => Promise.resolve(wecom.issueBotResponseUrl()),
    responseCode: () => Promise.resolve(wecom.issueResponseCode()),
    dingtalkSession: () => {
      if (!dingtalk) return Promise.reject(new Error('沙箱中没有钉钉'));
      return Promise.resolve(dingtalk.addSession());
    },
    records: (after) => {
      sync();
      return Promise.resolve({ records: log.slice(after), next: log.length });
    },
  };
}

/** The routes through which `npm run chat` (another process) uses the demo's sandbox. */
export function mountSandboxRoutes(app: Express, sandbox: ChatSandbox): void {
  app.post('/_sandbox/bot-response-url', (_req, res, next) => {
    sandbox.botResponseUrl().then((url) => res.json({ url }), next);
  });
  app.post('/_sandbox/response-code', (_req, res, next) => {
    sandbox.responseCode().then((code) => res.json({ code }), next);
  });
  app.post('/_sandbox/dingtalk-session', (_req, res, next) => {
    sandbox.dingtalkSession().then((session) => res.json(session), next);
  });
  app.get('/_sandbox/records', (req, res, next) => {
    const after = Number(req.query.after ?? 0);
    if (!Number.isInteger(after) || after < 0) {
      res.status(400).json({ error: 'after must be a non-negative integer' });
      return;
    }
    sandbox.records(after).then((r) => res.json(r), next);
  });
}

/** The demo's sandbox reached over HTTP, from `npm run chat`. */
export function httpSandbox(url: string): ChatSandbox {
  const call = async <T>(method: 'GET' | 'POST', route: string): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${url}${route}`, { method });
    } catch {
      throw new Error(`沙箱 ${url} 没有响应：npm run demo 是否在运行？`);
    }
    if (!res.ok) throw new Error(`沙箱 ${url}${route} 返回 ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    botResponseUrl: async () => (await call<{ url: string }>('POST', '/_sandbox/bot-response-url')).url,
    responseCode: async () => (await call<{ code: string }>('POST', '/_sandbox/response-code')).code,
    dingtalkSession: () => call('POST', '/_sandbox/dingtalk-session'),
    records: (after) => call('GET', `/_sandbox/records?after=${after}`),
  };
}
