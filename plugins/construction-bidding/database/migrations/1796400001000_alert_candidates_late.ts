import { BaseSchema } from '@adonisjs/lucid/schema'

/** Candidates not published within 3 days of the signed report (条例 Art. 54) is an alert too */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE cb_alerts DROP CONSTRAINT cb_alerts_kind_check,
        ADD CONSTRAINT cb_alerts_kind_check
          CHECK (kind IN ('contract_overdue', 'candidates_late', 'objection_unanswered'))`)
  }

  async down() {
    this.schema.raw(`
      ALTER TABLE cb_alerts DROP CONSTRAINT cb_alerts_kind_check,
        ADD CONSTRAINT cb_alerts_kind_check
          CHECK (kind IN ('contract_overdue', 'objection_unanswered'))`)
  }
}
