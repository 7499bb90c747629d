/**
 * A `git fast-import` stream writer: one git process builds the whole history from blobs and commits
 * written to its stdin (marks instead of hashes), so 400,000 commits take seconds, not hours.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Person { name: string; email: string }
export interface FastImportCommit {
  ref: string;
  author: Person;
  committer?: Person;
  /** Seconds since the epoch. */
  time: number;
  /** Offset as git writes it, e.g. "+0700". */
  tz: string;
  message: string;
  from?: number;
  merge?: number;
  /** path → blob mark (a file added or changed by this commit, against `from`). */
  files: [string, number][];
}

export class FastImportWriter {
  private readonly child: ChildProcessWithoutNullStreams;
  private nextMark = 1;
  private stderr = '';
  private readonly done: Promise<void>;

  constructor(repoDir: string, env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: repoDir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => { if (this.stderr.length < 8192) this.stderr += d.toString(); });
    this.child.stdout.resume();
    this.done = new Promise((res, rej) => {
      this.child.on('error', rej);
      this.child.on('close', (code) => (code === 0 ? res() : rej(new Error(`git fast-import exited ${code}: ${this.stderr.trim()}`))));
    });
    this.done.catch(() => {}); // reported by finish()
  }

  /** Writes with back-pressure: resolves once the pipe can take more. */
  private write(chunk: string | Buffer): Promise<void> | void {
    if (!this.child.stdin.write(chunk)) return new Promise((res) => this.child.stdin.once('drain', () => res()));
  }

  async blob(content: string | Buffer): Promise<number> {
    const mark = this.nextMark++;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await this.write(`blob\nmark :${mark}\ndata ${bytes.length}\n`);
    await this.write(bytes);
    await this.write('\n');
    return mark;
  }

  async commit(c: FastImportCommit): Promise<number> {
    const mark = this.nextMark++;
    const who = (p: Person) => `${p.name} <${p.email}> ${c.time} ${c.tz}`;
    const msg = Buffer.from(c.message, 'utf8');
    let head = `commit ${c.ref}\nmark :${mark}\nauthor ${who(c.author)}\ncommitter ${who(c.committer ?? c.author)}\ndata ${msg.length}\n`;
    await this.write(head);
    await this.write(msg);
    head = '\n';
    if (c.from !== undefined) head += `from :${c.from}\n`;
    if (c.merge !== undefined) head += `merge :${c.merge}\n`;
    for (const [path, blob] of c.files) head += `M 100644 :${blob} ${path}\n`;
    await this.write(`${head}\n`);
    return mark;
  }

  async finish(): Promise<void> {
    await this.write('done\n');
    this.child.stdin.end();
    await this.done;
  }
}
