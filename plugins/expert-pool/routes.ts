import type { Router } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'

const ExpertsController = () => import('./app/controllers/experts_controller.js')

/** Mounted by the host under /t/:code, only where the plugin is enabled */
export default function expertPoolRoutes(router: Router) {
  router
    .group(() => {
      router.get('/expert-pool', [ExpertsController, 'page'])
      router.get('/expert-pool/api/experts', [ExpertsController, 'index'])
      router.post('/expert-pool/api/experts', [ExpertsController, 'store'])
      router.get('/expert-pool/api/experts/:id', [ExpertsController, 'show'])
      router.put('/expert-pool/api/experts/:id', [ExpertsController, 'update'])
      router.post('/expert-pool/api/experts/:id/suspend', [ExpertsController, 'suspend'])
      router.post('/expert-pool/api/experts/:id/blacklist', [ExpertsController, 'blacklist'])
      router.post('/expert-pool/api/experts/:id/reinstate', [ExpertsController, 'reinstate'])
    })
    .use(middleware.auth())
}
