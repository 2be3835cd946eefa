import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

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
  return tty
    ? pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }))
    : pino(options);
}
