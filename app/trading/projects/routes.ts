import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
// The Project rules must be in the ability before the first request is served
import '#trading/projects/abilities'

const ProjectsController = () => import('#trading/projects/controllers/projects_controller')

/** Positive ids small enough to stay exact numbers; anything else matches no route (404) */
const ID = { match: /^[1-9][0-9]{0,14}$/, cast: (value: string) => Number(value) }

router
  .group(() => {
    router.get('/projects', [ProjectsController, 'index']).as('index')
    router.get('/projects/new', [ProjectsController, 'create']).as('create')
    router.post('/projects', [ProjectsController, 'store']).as('store')
    router.get('/projects/:id', [ProjectsController, 'show']).as('show')
  })
  .prefix('/t/:code')
  .as('projects')
  .where('id', ID)
  .use([middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/projects', [ProjectsController, 'index']).as('index')
    router.post('/projects', [ProjectsController, 'store']).as('store')
    router.get('/projects/:id', [ProjectsController, 'show']).as('show')
  })
  .prefix('/api/v1/t/:code')
  .as('api.projects')
  .where('id', ID)
  .use([middleware.auth(), middleware.tenant()])
