import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import { redisSettings } from '#core/database_settings'

const settings = redisSettings(env)

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      host: settings.host,
      port: settings.port,
      password: settings.password,
      db: settings.db,
      keyPrefix: `${settings.prefix}:`,
      retryStrategy(times) {
        return times > 10 ? null : times * 50
      },
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
