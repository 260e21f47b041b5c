import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Tenant from '#tenancy/models/tenant'
import type { StaffRole } from '#access/roles'

/** A staff role held by an account in one tenant. */
export default class StaffMembership extends BaseModel {
  static table = 'staff_memberships'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare accountId: number

  @column()
  declare tenantId: number

  @column()
  declare role: StaffRole

  @column()
  declare department: string | null

  @column()
  declare categories: string[]

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Tenant)
  declare tenant: BelongsTo<typeof Tenant>
}
