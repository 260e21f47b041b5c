import { BaseSchema } from '@adonisjs/lucid/schema'
import { SCOPE_ROLES } from '#tenancy/scopes'

/**
 * A test or demo deployment may also stop the platform clock at an instant
 * (deadline boundaries are then exact to the second). Production cannot.
 * `app.platform_exact_now()` is the statement's time, not the
 * transaction's: what judges a bid that finishes arriving.
 */
export default class extends BaseSchema {
  async up() {
    const roles = Object.values(SCOPE_ROLES).join(', ')
    this.schema.raw(`ALTER TABLE platform_clock ADD COLUMN frozen_at timestamptz`)
    this.schema.raw(`ALTER TABLE platform_clock
      ADD CONSTRAINT platform_clock_frozen_not_production CHECK (mode <> 'production' OR frozen_at IS NULL)`)
    this.schema.raw(`GRANT UPDATE (frozen_at) ON platform_clock TO ${roles}`)
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION app.platform_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT coalesce(frozen_at, now() + make_interval(secs => offset_seconds))
        FROM platform_clock WHERE id = 1
      $$`)
    this.schema.raw(`
      CREATE FUNCTION app.platform_exact_now() RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
        SELECT coalesce(frozen_at, clock_timestamp() + make_interval(secs => offset_seconds))
        FROM platform_clock WHERE id = 1
      $$`)
    this.schema.raw(`GRANT EXECUTE ON FUNCTION app.platform_exact_now() TO ${roles}`)
  }

  async down() {
    this.schema.raw(`DROP FUNCTION IF EXISTS app.platform_exact_now()`)
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION app.platform_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT now() + make_interval(secs => coalesce(
          (SELECT offset_seconds FROM platform_clock WHERE id = 1), 0))
      $$`)
    this.schema.raw(`ALTER TABLE platform_clock DROP COLUMN frozen_at`)
  }
}
