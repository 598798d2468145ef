// IdempotencyGate on a bare Fastify server over the real PostgreSQL: what the onSend hook records,
// releases or cannot record, and what a repeat gets back. The HTTP suites (test/access) cover the
// gate inside the app; this covers the answers no route of the app gives today.
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { captureLogs, createTestDatabase, LogCapture, runMigrations, TestDatabase } from '@test/support';
import { accessMigrations } from '../access.migrations';
import { accessStateOf, initAccessState } from '../auth/request-context';
import { IdempotencyGate, IdempotentReplay, installIdempotencyRecording, sendReplay } from './idempotency-gate';
import { IdempotencyStore } from './idempotency.store';

const KEY_ID = '0190f1c2-0000-7000-8000-0000000000aa';

interface Probe {
  server: FastifyInstance;
  logs: LogCapture;
  calls: Map<string, number>;
}

/** A server whose preHandler does what the access guard and the error filter do around the gate. */
async function probeServer(dataSource: DataSource, beforeAnswer: () => Promise<void> = async () => undefined): Promise<Probe> {
  const logs = captureLogs();
  const gate = new IdempotencyGate(new IdempotencyStore(dataSource), pino({ level: 'warn' }, logs.stream));
  const server = Fastify();
  const calls = new Map<string, number>();
  server.addHook('onRequest', (request, _reply, done) => {
    initAccessState(request, request.id);
    const state = accessStateOf(request);
    if (state !== null) state.actor = { keyId: KEY_ID, role: 'admin', companyId: null };
    done();
  });
  server.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await gate.admit(request, request.url === '/secret' ? ['secret'] : []);
    } catch (error) {
      // An async hook that answered returns the reply, so the route does not run.
      if (error instanceof IdempotentReplay) {
        sendReplay(reply, error.response);
        return reply;
      }
      return reply.status(409).send({ error: { code: 'TEST.REFUSED', message: String(error) } });
    }
  });
  installIdempotencyRecording(server, gate);
  const count = (route: string) => calls.set(route, (calls.get(route) ?? 0) + 1).get(route) ?? 0;
  server.post('/secret', async (_request, reply) => {
    const call = count('secret');
    await beforeAnswer();
    return reply.status(201).header('location', `/things/${call}`).header('x-log-position', `${call}-0`).header('x-other', 'not replayed').send({ call, secret: `s-${call}` });
  });
  server.post('/refused', async (_request, reply) => reply.status(422).send({ error: { code: 'REGISTRY.SOME_RULE', message: 'no', details: { call: count('refused') } } }));
  server.post('/lost-race', async (_request, reply) => reply.status(409).send({ error: { code: 'CONCURRENCY.CONFLICT', message: 'retry', details: { call: count('lost-race') } } }));
  server.post('/broken', async (_request, reply) => reply.status(500).send({ error: { code: 'INTERNAL', message: 'oops', details: { call: count('broken') } } }));
  server.post('/stream', async (_request, reply) => reply.status(200).type('text/plain').send(Readable.from([`call ${count('stream')}`])));
  await server.ready();
  return { server, logs, calls };
}

describe('IdempotencyGate', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let probe: Probe;
  let keyNumber = 0;
  const freshKey = () => `gate-key-${(keyNumber += 1)}`;
  const post = (server: FastifyInstance, url: string, key: string) => server.inject({ method: 'POST', url, headers: { 'idempotency-key': key }, payload: { n: 1 } });

  beforeAll(async () => {
    database = await createTestDatabase('idem_gate');
    await runMigrations(database.url, accessMigrations);
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    probe = await probeServer(dataSource);
  });

  afterAll(async () => {
    await probe?.server.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('record_When2xx_ThenARepeatGetsTheSameBytesAndItsHeaders_WithRedactedFieldsAsNull', async () => {
    const key = freshKey();
    const first = await post(probe.server, '/secret', key);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ call: 1, secret: 's-1' });
    const repeat = await post(probe.server, '/secret', key);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.body).toBe('{"call":1,"secret":null}');
    expect(repeat.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.headers['location']).toBe('/things/1');
    expect(repeat.headers['x-log-position']).toBe('1-0');
    expect(repeat.headers['x-other']).toBeUndefined();
    expect(probe.calls.get('secret')).toBe(1);
  });

  it('record_WhenRefusedByARule_ThenTheRefusalIsReplayed', async () => {
    const key = freshKey();
    const first = await post(probe.server, '/refused', key);
    const repeat = await post(probe.server, '/refused', key);
    expect(repeat.statusCode).toBe(422);
    expect(repeat.body).toBe(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
  });

  it('record_WhenALostRaceOrA5xx_ThenReleased_SoTheRepeatRunsAgain', async () => {
    for (const route of ['lost-race', 'broken']) {
      const key = freshKey();
      const before = probe.calls.get(route) ?? 0;
      await post(probe.server, `/${route}`, key);
      const repeat = await post(probe.server, `/${route}`, key);
      expect(repeat.headers['idempotent-replayed']).toBeUndefined();
      expect(probe.calls.get(route)).toBe(before + 2);
    }
  });

  it('record_WhenTheAnswerIsAStream_ThenItGoesOutAndTheKeyIsReleasedWithAWarning', async () => {
    const key = freshKey();
    const first = await post(probe.server, '/stream', key);
    expect(first.body).toBe('call 1');
    const repeat = await post(probe.server, '/stream', key);
    expect(repeat.body).toBe('call 2');
    expect(probe.logs.lines<{ msg: string; idempotencyKey: string }>().some((line) => line.idempotencyKey === key && /cannot be recorded/.test(line.msg))).toBe(true);
  });

  it('record_WhenTheDatabaseIsLostBeforeTheAnswer_ThenTheAnswerStillGoesOutAndTheFailureIsLogged', async () => {
    const fragile = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const broken = await probeServer(fragile, () => fragile.destroy());
    try {
      const key = freshKey();
      const answer = await post(broken.server, '/secret', key);
      expect(answer.statusCode).toBe(201);
      expect(answer.json()).toEqual({ call: 1, secret: 's-1' });
      const errors = broken.logs.lines<{ level: number; msg: string; idempotencyKey: string }>().filter((line) => line.level >= 50);
      expect(errors.map((line) => [line.msg, line.idempotencyKey])).toEqual([['could not record the outcome of an idempotent request', key]]);
    } finally {
      await broken.server.close();
      if (fragile.isInitialized) await fragile.destroy();
    }
  });
});
