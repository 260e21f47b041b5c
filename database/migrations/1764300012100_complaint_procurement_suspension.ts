import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A government procurement complaint may suspend its procurement activity
 * for at most 30 days (采购法 Art. 57, domain.md §9.2): the day it began, the
 * last day allowed, and the day it was lifted.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`ALTER TABLE complaints
      ADD COLUMN procurement_suspended_on date,
      ADD COLUMN procurement_suspension_ends date,
      ADD COLUMN procurement_resumed_on date,
      ADD CHECK (procurement_suspension_ends <= procurement_suspended_on + 30)`)
  }

  async down() {
    this.schema.raw(`ALTER TABLE complaints DROP COLUMN IF EXISTS procurement_suspended_on,
      DROP COLUMN IF EXISTS procurement_suspension_ends,
      DROP COLUMN IF EXISTS procurement_resumed_on`)
  }
}
