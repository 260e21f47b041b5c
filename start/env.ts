/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
| Validated at boot. DATABASE_URL and REDIS_URL, when given, win over the
| DB_* and REDIS_* variables (see config/database.ts and config/redis.ts).
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),

  /*
   * Sessions live in Redis so they can be ended server-side; tests use the
   * in-process memory store, which the test clients can log in through
   */
  SESSION_DRIVER: Env.schema.enum(['redis', 'cookie', 'memory'] as const),

  /* PostgreSQL: the login role the app uses, and the owner role that migrates */
  DATABASE_URL: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_OWNER_USER: Env.schema.string.optional(),
  DB_OWNER_PASSWORD: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),
  /* A superuser connection, used only by `platform:setup` to create roles and databases */
  DATABASE_ADMIN_URL: Env.schema.string.optional(),

  /* Redis: sessions, rate limits and BullMQ queues */
  REDIS_URL: Env.schema.string.optional(),
  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  REDIS_DB: Env.schema.number.optional(),
  /* Namespaces every Redis key, so parallel test runs and deployments never mix */
  REDIS_PREFIX: Env.schema.string.optional(),

  /* The demo clock offset is refused in production (see app/core/clock.ts) */
  CLOCK_OFFSET_ALLOWED: Env.schema.boolean.optional(),

  /* OCDS ocid prefix (registered with the Open Contracting Partnership in production) */
  OCDS_PREFIX: Env.schema.string.optional(),

  /* Uploaded documents: the flydrive disk, its root folder and the largest file accepted */
  DRIVE_DISK: Env.schema.enum.optional(['fs'] as const),
  DRIVE_ROOT: Env.schema.string.optional(),
  DOCUMENT_MAX_SIZE: Env.schema.string.optional(),
})
