/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
| Order matters: the request transaction opens after the body, session,
| shield and locale are in place, and before anything reads the database
| (the account lookup included).
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/inertia_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('#middleware/locale_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#tenancy/middleware/request_transaction_middleware'),
  () => import('#identity/middleware/silent_auth_middleware'),
])

export const middleware = router.named({
  tenant: () => import('#tenancy/middleware/tenant_middleware'),
  cityTenant: () => import('#tenancy/middleware/city_tenant_middleware'),
  pluginEnabled: () => import('#plugin_host/middleware/plugin_enabled_middleware'),
  auth: () => import('#identity/middleware/auth_middleware'),
  guest: () => import('#identity/middleware/guest_middleware'),
})
