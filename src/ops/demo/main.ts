// Entry point of `npm run demo`: plays the pilot story (pilot-story.ts), then the funding and
// reconciliation stories (funding-story.ts, reconciliation-story.ts) against a running server
// and prints them. BASE_URL (default http://127.0.0.1:3000) says where the server is; the admin key
// comes from DEMO_ADMIN_KEY or is created with keys:create-admin against DATABASE_URL (see
// demo-admin-key.ts). Any failure prints one line and exits 1.
import 'reflect-metadata';
import { demoAdminKey } from './demo-admin-key';
import { DemoClient } from './demo-client';
import { playFundingStory } from './funding-story';
import { playPilotStory } from './pilot-story';
import { playReconciliationStory } from './reconciliation-story';

async function main(): Promise<void> {
  const baseUrl = process.env.BASE_URL?.trim() || 'http://127.0.0.1:3000';
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`Responsible Cobalt Credits: the pilot story, against ${baseUrl}`);
  const client = new DemoClient(baseUrl);
  // Fail early, with one line, when nothing answers there.
  await client.call('reach the server', 'GET', '/health');
  const admin = await demoAdminKey(process.env);
  print(`Admin key: ${admin.origin}`);
  const pilot = await playPilotStory(client, admin.key, print);
  const funding = await playFundingStory(client, pilot, print);
  await playReconciliationStory(client, pilot, funding, print);
  print('Done.');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exit(1);
  },
);
