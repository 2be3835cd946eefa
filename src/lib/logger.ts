import pino, { type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines on stdout, English messages, never secrets. */
export function createLogger(level: string, name = 'qinshang'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['*.secret', '*.token', '*.accessToken', '*.access_token', 'config.wecom', 'config.dingtalk'],
      censor: '[redacted]',
    },
  });
}
