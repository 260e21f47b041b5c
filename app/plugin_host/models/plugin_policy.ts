import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** The city's decision whether districts may enable a plugin. */
export default class PluginPolicy extends BaseModel {
  static table = 'plugin_policies'

  @column({ isPrimary: true })
  declare pluginId: string

  @column()
  declare districtsAllowed: boolean

  @column()
  declare updatedBy: number | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
