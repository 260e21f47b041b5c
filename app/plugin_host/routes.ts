import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { installedPlugins } from '#plugin_host/installed'

const TenantPluginsController = () => import('#plugin_host/controllers/tenant_plugins_controller')
const PluginCatalogueController = () =>
  import('#plugin_host/controllers/plugin_catalogue_controller')

const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

function adminRoutes() {
  router.get('/admin/plugins', [TenantPluginsController, 'index'])
  router.post('/admin/plugins/:pluginId/enable', [TenantPluginsController, 'enable'])
  router.post('/admin/plugins/:pluginId/disable', [TenantPluginsController, 'disable'])
  router
    .group(() => {
      router.get('/admin/plugin-catalogue', [PluginCatalogueController, 'index'])
      router.post('/admin/plugin-catalogue/:pluginId/policy', [
        PluginCatalogueController,
        'updatePolicy',
      ])
    })
    .use(middleware.cityTenant())
}

for (const [prefix, name] of [
  ['/t/:code', 'plugins'],
  ['/api/v1/t/:code', 'api.plugins'],
]) {
  router
    .group(adminRoutes)
    .prefix(prefix)
    .as(name)
    .where('pluginId', PLUGIN_ID)
    .use([middleware.auth(), middleware.tenant()])
}

/**
 * Each installed plugin's routes, mounted under /t/:code behind the check
 * that the plugin is enabled for that tenant, and again under /api/v1/t/:code
 * for API clients (which choose their language with Accept-Language there).
 */
for (const { manifest } of await installedPlugins()) {
  if (!manifest.routes) continue
  const { default: register } = await manifest.routes()
  for (const [prefix, name] of [
    ['/t/:code', manifest.id],
    ['/api/v1/t/:code', `api.${manifest.id}`],
  ]) {
    router
      .group(() => register(router))
      .prefix(prefix)
      .as(name)
      .use([middleware.tenant(), middleware.pluginEnabled({ pluginId: manifest.id })])
  }
}
