// `npm run demo` (issue 4, part C) against the real app listening on a local port: the pilot story
// prints its key lines; run again without DEMO_ADMIN_KEY it makes its own admin key with the CLI
// against the same database and reuses site KAM; with no server it says so in one line.
import type { AddressInfo } from 'net';
import { TEST_REDIS_URL } from '@test/support';
import { freeLocalPort, runAppProcess } from '@test/support/app-process';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';

const DEMO = 'src/ops/demo/main.ts';

describe('npm run demo (e2e)', () => {
  let testApp: AccessTestApp;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'demo' });
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('demo_WhenRunWithAnAdminKey_ThenPrintsThePilotStoryFromSiteToPublicLookup', async () => {
    const run = await runAppProcess({ BASE_URL: baseUrl, DEMO_ADMIN_KEY: testApp.adminKey }, { entry: DEMO });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Responsible Cobalt Credits: the pilot story, against ${baseUrl}`);
    expect(lines).toContain('Admin key: taken from DEMO_ADMIN_KEY');
    expect(lines).toContain('Site KAM: Kamilombe, cooperative CMDS, Lualaba, CD');
    expect(lines).toContain('Milestone for 2023 proposed by operator Amani: 2,500 kg, 2023-01-01..2023-12-31 -> proposed');
    expect(lines.find((line) => line.startsWith('Operator Amani tries to verify it too'))).toMatch(/refused \(\d{3} REGISTRY\.SELF_VERIFICATION\): four eyes$/);
    expect(lines).toContain('Verified by operator Bisimwa -> verified');
    expect(lines).toContain('Credits issued: batch RCC-KAM-2023-0001, 2,500 kg at USD 4,800.00 per tonne, serials RCC-KAM-2023-0001-000001..002500');
    expect(lines.find((line) => line.startsWith('Volta Cells GmbH buys'))).toMatch(/^Volta Cells GmbH buys 2,500 kg: reserved, invoice INV-KAM-2023-0001-00001 for USD 12,000\.00, reserved until /);
    expect(lines).toContain('Finance records the payment of USD 12,000.00 -> settled; Volta Cells GmbH now holds RCC-KAM-2023-0001-000001..002500');
    expect(lines).toContain('Volta Cells GmbH retires 2,500 kg for claim year 2023 -> certificate RCC-RET-KAM-2023-0001-00001');
    expect(lines).toContain('Holdings of Volta Cells GmbH: held 0 kg, retired 2,500 kg');
    expect(lines).toContain('  batch KAM-2023-0001: held 0 kg, retired 2,500 kg');
    expect(lines.find((line) => line.startsWith('Certificate RCC-RET-KAM-2023-0001-00001'))).toMatch(/: PDF of [\d,]+ bytes \(SHA-256 [0-9a-f]{16}…\)/);
    expect(lines).toContain(
      'Public lookup (no key) of RCC-KAM-2023-0001-000417 from Kamilombe (cooperative CMDS): retired: certificate RCC-RET-KAM-2023-0001-00001, claim year 2023, beneficiary Volta Cells GmbH',
    );
    expect(lines[lines.length - 1]).toBe('Done.');
    expect(run.stdout).not.toContain(testApp.adminKey);
  });

  it('demo_WhenRunAgainWithoutAKey_ThenTheCliMakesOneInTheServersDatabase_AndSiteKamIsReused', async () => {
    const run = await runAppProcess(
      { BASE_URL: baseUrl, DATABASE_URL: testApp.database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: testApp.queuePrefix.prefix, EMBEDDED: 'never' },
      { entry: DEMO },
    );
    // The CLI boots the app's modules, which may log warnings on stderr; a failure is one "demo failed" line.
    expect({ code: run.code, failure: run.stderr.includes('demo failed') ? run.stderr : null }).toEqual({ code: 0, failure: null });
    const lines = run.stdout.trim().split('\n');
    expect(lines.find((line) => line.startsWith('Admin key:'))).toMatch(new RegExp(`^Admin key: created admin key [0-9a-f-]{36} \\("demo \\(npm run demo\\)"\\) with keys:create-admin in database "${testApp.database.name}"$`));
    expect(lines).toContain('Site KAM: Kamilombe, cooperative CMDS, Lualaba, CD');
    expect(lines).toContain('Credits issued: batch RCC-KAM-2023-0002, 2,500 kg at USD 4,800.00 per tonne, serials RCC-KAM-2023-0002-000001..002500');
    expect(lines).toContain('Volta Cells GmbH retires 2,500 kg for claim year 2023 -> certificate RCC-RET-KAM-2023-0002-00001');
    expect(run.stdout).not.toMatch(/crk_[0-9a-f]{32}_/);
  });

  it('demo_WhenNoServerAnswers_ThenOneLineAndExitCode1', async () => {
    const port = await freeLocalPort();
    const run = await runAppProcess({ BASE_URL: `http://127.0.0.1:${port}`, DEMO_ADMIN_KEY: testApp.adminKey }, { entry: DEMO });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(new RegExp(`^demo failed: reach the server: cannot reach http://127\\.0\\.0\\.1:${port} \\(.+\\); start the server with npm start or set BASE_URL$`));
  });
});
