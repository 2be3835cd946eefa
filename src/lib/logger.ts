import pino, { type Logger } from 'pino';
import type pinoPretty from 'pino-pretty';

export type { Logger };

/**
 * The process logger: English messages, never secrets. JSON lines when stdout is a pipe or a file
 * (log collectors, systemd's journal); readable coloured lines when a person watches a terminal.
 */
export function createLogger(level: string, name = 'qinshang', tty = process.stdout.isTTY === true): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: ['*.secret', '*.token', '*.accessToken', '*.access_token', 'config.wecom', 'config.dingtalk'],
      censor: '[redacted]',
    },
  };
  if (!tty) return pino(options);
  // Loaded for a terminal only: the processes that log JSON lines (services, tests) never load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously
  const pretty = require('pino-pretty') as typeof pinoPretty;
  return pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
}
