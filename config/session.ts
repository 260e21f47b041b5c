import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'

/**
 * One session cookie serves every tenant (log in once, trade anywhere).
 * Sessions live in Redis so app servers stay stateless (ARCHITECTURE.md §10).
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'ggzy-session',
  clearWithBrowser: false,
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    cookie: stores.cookie(),
    redis: stores.redis({ connection: 'main' }),
  },
})

export default sessionConfig
