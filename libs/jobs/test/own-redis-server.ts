// A private redis-server on a free port that a test may kill and restart. Why: the outage tests
// must never stop the machine's shared Redis, which other suites are using.
import { ChildProcess, spawn } from 'child_process';
import { connect, createServer } from 'net';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class OwnRedisServer {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedisServer> {
    const server = new OwnRedisServer(await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (again) on the same port, empty (no persistence), and waits for PONG. */
  async restart(): Promise<void> {
    if (this.process !== null) throw new Error('redis-server is already running');
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    await this.waitForPong();
  }

  /** SIGKILL, like a crash: no graceful shutdown, connections drop. Resolves once it has exited. */
  async kill(): Promise<void> {
    const child = this.process;
    if (child === null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.process = null;
  }

  private async waitForPong(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await this.answersPing())) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** One raw PING over TCP. Why not ioredis: its disconnect after a refused connect leaves a timer. */
  private answersPing(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      let reply = '';
      const finish = (answered: boolean): void => {
        socket.destroy();
        resolve(answered);
      };
      socket.once('error', () => finish(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.on('data', (chunk) => {
        reply += chunk.toString('utf8');
        if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
      });
    });
  }
}
