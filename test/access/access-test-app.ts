// The real app for the access suites, with the first admin key already made.
import { createTestApp, TestApp, TestAppOptions } from '@test/support/test-app';
import { createAdminKey } from './access-fixtures';

export interface AccessTestApp extends TestApp {
  adminKey: string;
}

export async function createAccessTestApp(options: TestAppOptions = {}): Promise<AccessTestApp> {
  const testApp = await createTestApp(options);
  try {
    return { ...testApp, adminKey: await createAdminKey(testApp) };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}
