import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import EntityMember from '#identity/models/entity_member'

export type EntityType = 'legal_person' | 'other_org' | 'individual_business' | 'natural_person'

/** A market entity, registered once city-wide by its code. */
export default class MarketEntity extends BaseModel {
  static table = 'market_entities'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare codeType: 'uscc' | 'id_card'

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare entityType: EntityType

  @column()
  declare regionCode: string | null

  @column()
  declare address: string | null

  @column()
  declare legalRepresentative: string | null

  @column()
  declare registeredBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => EntityMember, { foreignKey: 'entityId' })
  declare members: HasMany<typeof EntityMember>
}
