import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A plugin enabled (or once enabled, now disabled) for one tenant. */
export default class TenantPlugin extends BaseModel {
  static table = 'tenant_plugins'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare rootTenantId: number

  @column()
  declare tenantId: number

  @column()
  declare pluginId: string

  @column()
  declare enabled: boolean

  @column()
  declare settings: Record<string, unknown>

  @column()
  declare changedBy: number | null

  @column.dateTime()
  declare enabledAt: DateTime | null

  @column.dateTime()
  declare disabledAt: DateTime | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
