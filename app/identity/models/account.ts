import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import StaffMembership from '#identity/models/staff_membership'
import EntityMember from '#identity/models/entity_member'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email', 'mobile'],
  passwordColumnName: 'password',
})

/** One account per person, city-wide: log in once, act in every tenant. */
export default class Account extends compose(BaseModel, AuthFinder) {
  static table = 'accounts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string | null

  @column()
  declare mobile: string | null

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare displayName: string

  @column()
  declare locale: 'zh-CN' | 'en'

  @column()
  declare status: 'active' | 'disabled'

  @column.dateTime()
  declare disabledAt: DateTime | null

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => StaffMembership)
  declare memberships: HasMany<typeof StaffMembership>

  @hasMany(() => EntityMember)
  declare entityMemberships: HasMany<typeof EntityMember>

  get isDisabled() {
    return this.status === 'disabled'
  }
}
