import { BaseSchema } from '@adonisjs/lucid/schema'
import { SCOPE_ROLES } from '#tenancy/scopes'

/**
 * The city admin maintains the working-day calendar (domain.md §0.2). Its
 * requests run in the city scope, so only that role may write; district
 * requests (tenant scope) and global jobs keep reading. A year is published
 * or withdrawn whole, never edited in place: no UPDATE on calendar_years.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`GRANT INSERT, UPDATE, DELETE ON calendar_days TO ${SCOPE_ROLES.city}`)
    this.schema.raw(`GRANT INSERT, DELETE ON calendar_years TO ${SCOPE_ROLES.city}`)
  }

  async down() {
    this.schema.raw(`REVOKE INSERT, UPDATE, DELETE ON calendar_days FROM ${SCOPE_ROLES.city}`)
    this.schema.raw(`REVOKE INSERT, DELETE ON calendar_years FROM ${SCOPE_ROLES.city}`)
  }
}
