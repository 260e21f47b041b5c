import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { TenantNotFoundException } from '#tenancy/exceptions'
import { enabledPluginIds } from '#plugin_host/queries/enabled_plugins'

/**
 * A plugin's routes exist only where the plugin is enabled: elsewhere they
 * answer the same 404 as an unknown page (ARCHITECTURE.md §5).
 */
export default class PluginEnabledMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { pluginId: string }) {
    const enabled = await enabledPluginIds(ctx.tenant!.id)
    if (!enabled.has(options.pluginId)) throw new PluginNotEnabledException()
    return next()
  }
}

class PluginNotEnabledException extends TenantNotFoundException {
  static code = 'E_PLUGIN_NOT_ENABLED'
}
