import { test } from '@japa/runner'

test.group('smoke', () => {
  test('home lists the city and its districts', async ({ client, assert }) => {
    const response = await client.get('/').withInertia()
    response.assertStatus(200)
    const props = response.inertiaProps as any
    assert.lengthOf(props.platforms, 39)
  })

  test('tenant page resolves 万州区', async ({ client }) => {
    const response = await client.get('/t/500101').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('tenancy/home')
  })

  test('unknown tenant is a 404 page', async ({ client }) => {
    const response = await client.get('/t/509999')
    response.assertStatus(404)
  })
})
