import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import MarketEntity from '#identity/models/market_entity'

/** An account acting for a market entity. */
export default class EntityMember extends BaseModel {
  static table = 'entity_members'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare entityId: number

  @column()
  declare accountId: number

  @column()
  declare role: 'owner' | 'member'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => MarketEntity, { foreignKey: 'entityId' })
  declare entity: BelongsTo<typeof MarketEntity>
}
