import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from './src/config';
import { ENTITIES } from './src/entities';
import { SnakeNamingStrategy } from './src/entities/naming';
import { MIGRATIONS } from './src/migrations';

/** The options of the one DataSource: the app, the TypeORM CLI and the tests differ only in the URL. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsTransactionMode: 'each',
    extra: { max: 10, application_name: 'qinshang-bot' },
    ...extra,
  } as DataSourceOptions;
}

/** A DataSource for a database URL. */
export function createDataSource(url: string, extra: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(url, extra));
}

/** The default export is what `typeorm -d ormconfig.ts` loads: the app's database from the settings. */
export default createDataSource(loadConfig().databaseUrl);
