import { BaseSchema } from '@adonisjs/lucid/schema'
import { SCOPE_ROLES } from '#tenancy/scopes'

/**
 * The platform clock: the database's time plus an offset that only test and
 * demo deployments may set (a demo fast-forwards a trade). The mode is set
 * by the owner at deploy time; the app may change the offset but not the
 * mode, and a production row cannot hold an offset at all.
 */
export default class extends BaseSchema {
  async up() {
    const roles = Object.values(SCOPE_ROLES).join(', ')
    this.schema.raw(`
      CREATE TABLE platform_clock (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        mode text NOT NULL DEFAULT 'production' CHECK (mode IN ('production', 'test', 'demo')),
        offset_seconds bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (mode <> 'production' OR offset_seconds = 0)
      )`)
    this.schema.raw(`INSERT INTO platform_clock (id) VALUES (1)`)
    this.schema.raw(`GRANT SELECT ON platform_clock TO ${roles}`)
    this.schema.raw(`GRANT UPDATE (offset_seconds, updated_at) ON platform_clock TO ${roles}`)
    this.schema.raw(`
      CREATE FUNCTION app.platform_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT now() + make_interval(secs => coalesce(
          (SELECT offset_seconds FROM platform_clock WHERE id = 1), 0))
      $$`)
    this.schema.raw(`GRANT EXECUTE ON FUNCTION app.platform_now() TO ${roles}`)
  }

  async down() {
    this.schema.raw(`DROP FUNCTION IF EXISTS app.platform_now()`)
    this.schema.raw(`DROP TABLE IF EXISTS platform_clock`)
  }
}
