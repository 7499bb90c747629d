// `npm run new -- --interactive`: the real @inquirer prompts, driven through their input/output streams.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { checkArchive } from '../../lib/check.ts';
import { createRound } from '../../lib/scaffold/create-round.ts';
import { fillInteractively, inquirerAsker, type PromptContext } from '../../lib/scaffold/interactive.ts';
import { ADMIN_BUDI, cleanup, read, workspace, yesterdayWib } from './helpers.ts';

afterAll(cleanup);

const ESC_DOWN = '\u001b[B';
const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Each prompt gets fresh streams; once it has drawn its question, `answer` picks the keys to type.
 * Every question asked is recorded, so the test can see the walk-through.
 */
function scripted(answer: (question: string) => string, asked: string[]): () => PromptContext {
  return () => {
    const input = new PassThrough();
    // A wide terminal, so that no question wraps.
    const output = Object.assign(new PassThrough(), { columns: 400, rows: 50 });
    let screen = '';
    let answered = false;
    output.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (answered) return;
      answered = true;
      setImmediate(() => {
        const question = plain(screen).split('\n')[0]!.trim();
        asked.push(question);
        let keys: string;
        try {
          keys = answer(question);
        } catch {
          keys = '\u0003'; // Ctrl+C: the prompt rejects and the test fails on `asked`
        }
        input.write(keys);
      });
    });
    return { input, output, clearPromptOnDone: false };
  };
}

describe('new --interactive', () => {
  it('walks through readings, checks, findings and finish time and writes a round that passes check', async () => {
    const ws = workspace();
    const dir = ws.clone('admin', ADMIN_BUDI);
    const date = yesterdayWib();
    const asked: string[] = [];
    let newFinding = true;
    const answer = (q: string): string => {
      if (/jam baca/.test(q)) return '\n'; // keep the start time
      if (/Tengah ruangan: suhu/.test(q)) return '26.1\n'; // a warning reading → a note is asked
      if (/: suhu/.test(q)) return '22.4\n';
      if (/kelembaban/.test(q)) return '51\n';
      if (/di luar normal/.test(q)) return 'AC 2 dimatikan untuk pembersihan filter\n';
      if (/AC Presisi 2 \(ac-02\): kondisi/.test(q)) return `${ESC_DOWN}\n`; // perlu perhatian
      if (/: kondisi/.test(q)) return '\n'; // baik
      if (/Filter udara bersih/.test(q) && /ac-02/.test(q)) return 'n\n';
      if (/Tambah temuan baru/.test(q)) {
        const reply = newFinding ? 'y\n' : '\n';
        newFinding = false;
        return reply;
      }
      if (/\(Y\/n\)/.test(q)) return '\n'; // yes/no items: yes
      const range = /\[standar ([\d.]+)–([\d.]+)/.exec(q);
      if (range) return `${(Number(range[1]) + Number(range[2])) / 2}\n`;
      if (/kosongkan/.test(q)) return '\n'; // optional value not measured
      if (/catatan \(wajib\)/.test(q)) return 'Filter kotor, dijadwalkan dibersihkan\n';
      if (/Tambah temuan baru/.test(q)) {
        const reply = newFinding ? 'y\n' : '\n';
        newFinding = false;
        return reply;
      }
      if (/Perangkat temuan/.test(q)) return `${ESC_DOWN}\n`; // ac-02
      if (/Uraian temuan/.test(q)) return 'Filter AC 2 kotor\n';
      if (/Jam selesai/.test(q)) return '09:10\n';
      throw new Error(`unexpected question: ${q}`);
    };
    const ask = inquirerAsker(scripted(answer, asked));
    const result = await createRound(dir, {
      date,
      shift: 'pagi',
      start: '08:05',
      identityEmail: ADMIN_BUDI.email,
      fill: (draft, ctx) => fillInteractively(draft, ctx, ask, { lang: 'id' }),
    }).catch((err: Error) => {
      throw new Error(`${err.message} after: ${asked.at(-1)}`);
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    expect(asked.some((q) => /Rak A sisi depan \(lorong dingin\): suhu °C \(normal 20–25\)/.test(q))).toBe(true);
    expect(asked.filter((q) => /: kondisi/.test(q))).toHaveLength(26);

    const text = read(dir, result.path);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../../schemas/round.schema.json');
    expect(text).toMatch(/temperature_c: 26\.1/);
    expect(text).toMatch(/note: AC 2 dimatikan untuk pembersihan filter/);
    expect(text).toMatch(/status: perlu-perhatian/);
    expect(text).toMatch(/filter_bersih: false/);
    expect(text).toMatch(/setpoint_c: 21/);
    expect(text).toMatch(/id: T-\d{4}-001\n\s+equipment: ac-02/);
    expect(text).toMatch(/finished_at: "09:10"/);

    const { problems } = await checkArchive(dir, { files: [result.path], cache: false });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
