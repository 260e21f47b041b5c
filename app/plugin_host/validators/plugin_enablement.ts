import vine from '@vinejs/vine'

export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

/** Settings are checked by the plugin's own schema; here only their shape */
export const enablePluginValidator = vine.create({
  settings: vine.record(vine.any()).optional(),
})

export const districtPolicyValidator = vine.create({
  districtsAllowed: vine.boolean(),
})
