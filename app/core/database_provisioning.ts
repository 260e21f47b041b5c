import pg from 'pg'
import { Redis } from 'ioredis'
import { databaseSettings, redisSettings, type ConnectionSettings } from '#core/database_settings'
import { SCOPE_ROLES } from '#tenancy/scopes'

interface EnvReader {
  get(key: string): any
}

async function connect(settings: ConnectionSettings) {
  const client = new pg.Client({ ...settings, connectionTimeoutMillis: 3000 })
  await client.connect()
  return client
}

function redisClient(env: EnvReader) {
  const redis = redisSettings(env)
  const client = new Redis({
    host: redis.host,
    port: redis.port,
    password: redis.password,
    db: redis.db,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
  })
  client.on('error', () => {})
  return client
}

/**
 * A fresh database numbers its outbox rows from 1 again, so jobs an earlier
 * run left in Redis under the same prefix would pass for the new rows' jobs.
 * Deletes the keys of this prefix only: queues (`{prefix}:…`) and cache and
 * sessions (`prefix:…`).
 */
async function clearRedisPrefix(env: EnvReader) {
  const { prefix } = redisSettings(env)
  const client = redisClient(env)
  let deleted = 0
  try {
    await client.connect()
    for (const pattern of [`{${prefix}}:*`, `${prefix}:*`]) {
      let cursor = '0'
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
        cursor = next
        if (keys.length) deleted += await client.unlink(...keys)
      } while (cursor !== '0')
    }
  } finally {
    client.disconnect()
  }
  return deleted
}

/**
 * One message per missing service, saying how to provide it.
 */
export async function preflight(env: EnvReader): Promise<string[]> {
  const problems: string[] = []
  const { admin } = databaseSettings(env)
  try {
    const client = await connect(admin)
    await client.end()
  } catch (error) {
    problems.push(
      `PostgreSQL is not reachable at ${admin.host}:${admin.port} as "${admin.user}" ` +
        `(${(error as Error).message}). Start PostgreSQL, or point DATABASE_ADMIN_URL ` +
        `(a superuser, used once to create roles) and DATABASE_URL or DB_HOST/DB_PORT at yours.`
    )
  }
  const redis = redisSettings(env)
  const client = redisClient(env)
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    problems.push(
      `Redis is not reachable at ${redis.host}:${redis.port} (${(error as Error).message}). ` +
        `Start Redis (redis-server), or set REDIS_URL or REDIS_HOST/REDIS_PORT.`
    )
  } finally {
    client.disconnect()
  }
  return problems
}

function quoteIdent(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe identifier "${name}"`)
  return `"${name}"`
}

async function ensureRole(client: pg.Client, name: string, attributes: string, password?: string) {
  const exists = await client.query('select 1 from pg_roles where rolname = $1', [name])
  const pass = password ? ` PASSWORD ${client.escapeLiteral(password)}` : ''
  if (exists.rowCount) {
    await client.query(`ALTER ROLE ${quoteIdent(name)} ${attributes}${pass}`)
    return false
  }
  await client.query(`CREATE ROLE ${quoteIdent(name)} ${attributes}${pass}`)
  return true
}

/**
 * Roles (cluster-wide) and the database, created once as superuser.
 * The login role is NOINHERIT and holds no grants: it reaches tables only by
 * switching to a scope role inside a transaction.
 */
export async function provisionDatabase(env: EnvReader, options: { fresh?: boolean } = {}) {
  const { admin, app, owner } = databaseSettings(env)
  const report: string[] = []
  const client = await connect(admin)
  try {
    if (
      await ensureRole(
        client,
        owner.user,
        'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB',
        owner.password
      )
    ) {
      report.push(`created owner role ${owner.user}`)
    }
    if (
      await ensureRole(
        client,
        app.user,
        'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT',
        app.password
      )
    ) {
      report.push(`created login role ${app.user}`)
    }
    for (const scope of Object.values(SCOPE_ROLES)) {
      if (await ensureRole(client, scope, 'NOLOGIN NOINHERIT NOBYPASSRLS')) {
        report.push(`created scope role ${scope}`)
      }
      await client.query(`GRANT ${quoteIdent(scope)} TO ${quoteIdent(app.user)}`)
    }

    const database = app.database
    if (options.fresh) {
      await client.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
        [database]
      )
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`)
      report.push(`dropped database ${database}`)
      report.push(`cleared ${await clearRedisPrefix(env)} Redis keys of this database's prefix`)
    }
    const exists = await client.query('select 1 from pg_database where datname = $1', [database])
    if (!exists.rowCount) {
      await client.query(`CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(owner.user)}`)
      report.push(`created database ${database}`)
    }
    await client.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`)
    await client.query(
      `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(app.user)}`
    )
  } finally {
    await client.end()
  }

  // The owner creates objects in `public`; nobody else may.
  const dbAdmin = await connect({ ...admin, database: app.database })
  try {
    await dbAdmin.query(`ALTER SCHEMA public OWNER TO ${quoteIdent(owner.user)}`)
    await dbAdmin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
  } finally {
    await dbAdmin.end()
  }
  if (!report.length) report.push(`database ${app.database} and its roles already exist`)
  return report
}
