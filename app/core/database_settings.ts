/**
 * Reads the PostgreSQL settings from the environment. DATABASE_URL (the app's
 * login role) wins over the DB_* variables; the owner and the superuser admin
 * connection reuse its host, port and database.
 */
export interface ConnectionSettings {
  host: string
  port: number
  user: string
  password?: string
  database: string
}

interface EnvReader {
  get(key: string): any
}

export function databaseSettings(env: EnvReader) {
  const url = env.get('DATABASE_URL') ? new URL(env.get('DATABASE_URL')) : undefined
  const host = url?.hostname || env.get('DB_HOST') || '127.0.0.1'
  const port = Number(url?.port || env.get('DB_PORT') || 5432)
  const database = (url?.pathname.replace(/^\//, '') || env.get('DB_DATABASE') || 'ggzy') as string

  const app: ConnectionSettings = {
    host,
    port,
    database,
    user: (url?.username && decodeURIComponent(url.username)) || env.get('DB_USER') || 'ggzy_app',
    password:
      (url?.password && decodeURIComponent(url.password)) || env.get('DB_PASSWORD') || undefined,
  }
  const owner: ConnectionSettings = {
    host,
    port,
    database,
    user: env.get('DB_OWNER_USER') || 'ggzy_owner',
    password: env.get('DB_OWNER_PASSWORD') || undefined,
  }
  const adminUrl = new URL(
    env.get('DATABASE_ADMIN_URL') || `postgres://postgres@${host}:${port}/postgres`
  )
  const admin: ConnectionSettings = {
    host: adminUrl.hostname,
    port: Number(adminUrl.port || 5432),
    user: decodeURIComponent(adminUrl.username || 'postgres'),
    password: adminUrl.password ? decodeURIComponent(adminUrl.password) : undefined,
    database: adminUrl.pathname.replace(/^\//, '') || 'postgres',
  }
  return { app, owner, admin, poolMax: Number(env.get('DB_POOL_MAX') || 10) }
}

/**
 * Redis settings: REDIS_URL wins over REDIS_HOST/REDIS_PORT/REDIS_DB.
 */
export function redisSettings(env: EnvReader) {
  const url = env.get('REDIS_URL') ? new URL(env.get('REDIS_URL')) : undefined
  return {
    host: url?.hostname || env.get('REDIS_HOST') || '127.0.0.1',
    port: Number(url?.port || env.get('REDIS_PORT') || 6379),
    password:
      (url?.password && decodeURIComponent(url.password)) || env.get('REDIS_PASSWORD') || undefined,
    db: Number(url?.pathname.replace(/^\//, '') || env.get('REDIS_DB') || 0),
    prefix: (env.get('REDIS_PREFIX') || 'ggzy') as string,
  }
}
