import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An expert acts on the platform (confirms or declines a draw, signs in to
 * evaluate) through one account. The link is optional (an expert imported
 * from the national pool may have no account yet) and unique: one account
 * speaks for one expert, so a confirmation cannot be made on someone else's
 * seat. Set by `expert_admin` only.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `ALTER TABLE experts ADD COLUMN account_id bigint UNIQUE REFERENCES accounts (id)`
    )
  }

  async down() {
    this.schema.raw(`ALTER TABLE experts DROP COLUMN IF EXISTS account_id`)
  }
}
