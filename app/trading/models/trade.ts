import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#tenancy/models/tenant_owned'

/** A trade (交易) run through a procedure's state machine. */
export default class Trade extends compose(BaseModel, TenantOwned) {
  static table = 'trades'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare procedureId: string

  /** The project the trade serves; null for trades without one */
  @column()
  declare projectId: number | null

  @column()
  declare category: string

  @column()
  declare title: string

  @column()
  declare state: string

  /** ISO instants the procedure's periods count from, by name */
  @column()
  declare milestones: Record<string, string>

  @column.dateTime()
  declare suspendedAt: DateTime | null

  @column()
  declare suspendedReason: string | null

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isSuspended() {
    return this.suspendedAt !== null
  }
}
