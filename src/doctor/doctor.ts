import type { Redis } from 'ioredis';
import { createDataSource } from '../../ormconfig';
import { missingDatabaseHint, redact } from '../app/prepare-database';
import { ConfigError, loadConfig, type Config } from '../config';
import { createRedis, waitReady } from '../infra/redis';
import { dateOf } from '../lib/time';
import { loadCalendar } from '../services/calendar.service';
import { type Finding, sample } from './checks';
import { ReachabilityRepository } from './reachability.repository';
import { directNamespaces } from '../platforms/registry';

type Env = Record<string, string | undefined>;

/** `npm run doctor`: settings, database, Redis, calendar and roster, each with what to fix. */
export async function runDoctor(env: Env = process.env, now = new Date()): Promise<Finding[]> {
  const findings: Finding[] = [];
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [
      {
        level: 'error',
        area: 'settings',
        message: err.message,
        fix: 'correct it in .env (see .env.example)',
      },
    ];
  }
  findings.push(...settingsFindings(config));
  findings.push(...(await redisFindings(config)));
  findings.push(...(await databaseFindings(config, now)));
  return findings;
}

function settingsFindings(config: Config): Finding[] {
  const out: Finding[] = [{ level: 'ok', area: 'settings', message: 'all settings parse' }];
  if (directNamespaces(config).length === 0) {
    out.push({
      level: 'error',
      area: 'settings',
      message: 'no WeCom app and no DingTalk robot: the bot can reach nobody 1:1',
      fix: 'set the WECOM_* (or DINGTALK_*) settings, see .env.example',
    });
  }
  if (!config.adminToken) {
    out.push({
      level: 'warn',
      area: 'settings',
      message: 'ADMIN_TOKEN is not set: /api answers 503',
      fix: 'set ADMIN_TOKEN (16+ characters)',
    });
  }
  for (const notice of config.notices) out.push({ level: 'ok', area: 'settings', message: notice });
  return out;
}

async function redisFindings(config: Config): Promise<Finding[]> {
  const redis: Redis = createRedis(config.redisUrl, 'producer');
  try {
    await waitReady(redis);
  } catch (err) {
    redis.disconnect();
    return [
      {
        level: 'error',
        area: 'redis',
        message: `cannot connect to REDIS_URL: ${(err as Error).message}`,
        fix: 'start Redis or correct REDIS_URL',
      },
    ];
  }
  const out: Finding[] = [{ level: 'ok', area: 'redis', message: 'Redis answers' }];
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    out.push(
      policy === 'noeviction'
        ? { level: 'ok', area: 'redis', message: 'maxmemory-policy noeviction' }
        : {
            level: 'error',
            area: 'redis',
            message: `maxmemory-policy is ${policy}: Redis may evict queued jobs`,
            fix: 'set maxmemory-policy noeviction in redis.conf',
          },
    );
    const [, aof] = (await redis.config('GET', 'appendonly')) as [string, string];
    const [, save] = (await redis.config('GET', 'save')) as [string, string];
    out.push(
      aof === 'yes' || save.trim() !== ''
        ? { level: 'ok', area: 'redis', message: `persistence on (appendonly ${aof}, save "${save}")` }
        : {
            level: 'warn',
            area: 'redis',
            message:
              'persistence is off: after a Redis restart the queues are rebuilt from PostgreSQL (up to 10 minutes), and conversations in progress are forgotten',
            fix: 'set appendonly yes in redis.conf',
          },
    );
  } catch {
    out.push({
      level: 'warn',
      area: 'redis',
      message: 'CONFIG is disabled: eviction policy and persistence not checked',
      fix: "check your provider's settings: noeviction, persistence on",
    });
  } finally {
    redis.disconnect();
  }
  return out;
}

async function databaseFindings(config: Config, now: Date): Promise<Finding[]> {
  const ds = createDataSource(config.databaseUrl);
  try {
    await ds.initialize();
  } catch (err) {
    return [
      {
        level: 'error',
        area: 'database',
        message: `cannot connect to DATABASE_URL (${redact(config.databaseUrl)}): ${(err as Error).message}`,
        fix:
          missingDatabaseHint(err, config.databaseUrl).replace(/^ — /, '') ||
          'start PostgreSQL or correct DATABASE_URL',
      },
    ];
  }
  try {
    const out: Finding[] = [{ level: 'ok', area: 'database', message: 'PostgreSQL answers' }];
    const rows: { migrated: boolean }[] = await ds.query(
      `SELECT to_regclass('migrations') IS NOT NULL AS migrated`,
    );
    if (!rows[0]?.migrated || (await ds.showMigrations())) {
      out.push({
        level: 'error',
        area: 'database',
        message: 'migrations are pending',
        fix: 'npm run migrate',
      });
      return out;
    }
    out.push({ level: 'ok', area: 'database', message: 'schema is up to date' });

    const calendar = await loadCalendar(ds);
    const year = Number(dateOf(now).slice(0, 4));
    for (const y of [year, year + 1]) {
      out.push(
        calendar.isCovered(y)
          ? { level: 'ok', area: 'calendar', message: `${y} holidays known` }
          : {
              level: y === year ? 'error' : 'warn',
              area: 'calendar',
              message: `no holiday schedule for ${y}: its working days are computed Mon–Fri`,
              fix: `add ${y}'s schedule (with its 春节 rows) to the roster's 节假日 sheet and re-import`,
            },
      );
    }
    out.push(...(await rosterFindings(new ReachabilityRepository(ds), config)));
    return out;
  } finally {
    await ds.destroy();
  }
}

async function rosterFindings(repo: ReachabilityRepository, config: Config): Promise<Finding[]> {
  // The account namespaces a configured platform writes to 1:1 (the registry's answer for these settings).
  const platforms = directNamespaces(config);
  const counts = await repo.counts();
  if (counts.people === 0) {
    return [
      {
        level: 'error',
        area: 'roster',
        message: 'the roster is empty',
        fix: 'npm run import -- roster.xlsx',
      },
    ];
  }
  const out: Finding[] = [
    {
      level: 'ok',
      area: 'roster',
      message: `${counts.active} active people of ${counts.people}, ${counts.units} units, ${counts.pairs} open pairs`,
    },
  ];
  const people = await repo.peopleWithoutAccount(platforms);
  if (people.length) {
    out.push({
      level: 'warn',
      area: 'roster',
      message: `${people.length} active people have no account on a configured platform: ${sample(people.map((p) => `${p.name}（${p.mobile}）`))}`,
      fix: 'fill 企业微信账号 / 钉钉账号 in the 人员 sheet and re-import, or have them send “绑定 手机号” to the bot',
    });
  } else out.push({ level: 'ok', area: 'roster', message: 'everyone has an account' });
  const units = await repo.unitsWithoutRoute(platforms);
  if (units.length) {
    out.push({
      level: 'warn',
      area: 'roster',
      message: `${units.length} handling units have no route (no unit group with a robot, no handler or leader with an account): ${sample(units)}`,
      fix: 'bind a 单位群 with a 群机器人地址 in the 群聊 sheet, or give a 办理人 an account',
    });
  } else out.push({ level: 'ok', area: 'roster', message: 'every handling unit has a route' });
  const office = await repo.officeRoutes(platforms);
  if (office.admins === 0) {
    out.push({
      level: 'error',
      area: 'roster',
      message: 'no reachable 管理员: failures and reassignments reach nobody',
      fix: 'give a 管理员 an account in the 人员 sheet',
    });
  }
  if (!office.leadersGroup) {
    out.push({
      level: 'warn',
      area: 'roster',
      message: 'no 领导群 with a robot: the whole-city digest goes only to leaders 1:1',
      fix: 'bind a 领导群 in the 群聊 sheet',
    });
  }
  return out;
}
