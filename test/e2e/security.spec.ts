// Browser mode's guards, seen from a browser: the token and the Origin check.
import { expect, test } from './fixtures';

test.use({ database: 'security' });

test('a request without the token is refused; a foreign Origin too', async ({ browser, request, knobs }) => {
  const fresh = await browser.newContext();
  const bare = await fresh.newPage();
  const res = await bare.goto(`${knobs.origin}/`);
  expect(res?.status(), 'expected 401 without the token').toBe(401);
  const api = await bare.request.post(`${knobs.origin}/api/projects.list`, { data: null });
  expect(api.status(), 'expected 401 for the API without the token').toBe(401);
  await fresh.close();
  const foreign = await request.post(`${knobs.origin}/api/projects.list`, { headers: { authorization: `Bearer ${knobs.token}`, origin: 'http://evil.example' } });
  expect(foreign.status(), 'expected 403 for a foreign Origin').toBe(403);
});
