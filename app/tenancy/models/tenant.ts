import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type TenantLevel = 'city' | 'district'
export type TenantStatus = 'active' | 'suspended'

/**
 * A trading platform: the city (root) or one of its districts and counties.
 * Global table: every scope reads it; the city provisions it.
 */
export default class Tenant extends BaseModel {
  static table = 'tenants'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare rootId: number

  @column()
  declare parentId: number | null

  @column()
  declare code: string

  @column()
  declare nameZh: string

  @column()
  declare nameEn: string

  @column()
  declare level: TenantLevel

  @column()
  declare status: TenantStatus

  @column()
  declare suspendedReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isCity() {
    return this.level === 'city'
  }

  get isSuspended() {
    return this.status === 'suspended'
  }

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameZh
  }
}
