import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../analyze';
import { readFileTree, skippedFiles } from './readFileTree';

describe('readFileTree', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'tree-'));
    await fs.mkdir(join(dir, 'sources/manifests'), { recursive: true });
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('lists a file over the size limit with its size and the limit, apart from an empty file', async () => {
    await fs.writeFile(
      join(dir, 'sources/manifests/big.yaml'),
      `password: ${'x'.repeat(200)}\n`,
    );
    await fs.writeFile(join(dir, 'sources/manifests/empty.yaml'), '');
    await fs.writeFile(join(dir, 'sources/manifests/small.yaml'), 'a: 1\n');
    const tree = await readFileTree(dir, { maxFileSize: 100 });
    expect([...tree]).toStrictEqual([
      ['sources/manifests/big.yaml', ''],
      ['sources/manifests/empty.yaml', ''],
      ['sources/manifests/small.yaml', 'a: 1\n'],
    ]);
    expect(tree.skipped).toStrictEqual([
      { file: 'sources/manifests/big.yaml', size: 211, limit: 100 },
    ]);
    expect(skippedFiles(tree)).toBe(tree.skipped);
    expect(skippedFiles(new Map())).toStrictEqual([]);
  });

  it('the engine reports a skipped file as a finding with its size and the limit, never its content', async () => {
    await fs.writeFile(
      join(dir, 'sources/manifests/big.yaml'),
      `apiVersion: v1\nkind: Secret\nstringData:\n  password: ${'s3cr3t'.repeat(
        40,
      )}\n`,
    );
    const report = analyze(await readFileTree(dir, { maxFileSize: 100 }), {
      environments: ['dev'],
    });
    expect(report.findings).toStrictEqual([
      {
        id: expect.any(String),
        type: 'invalid-yaml',
        severity: 'error',
        message:
          "YAML could not be evaluated: file is 293 bytes, larger than the reader's limit of 100 bytes, and was not read.",
        subject: { kind: 'File', name: 'sources/manifests/big.yaml' },
        sourceRef: { file: 'sources/manifests/big.yaml' },
        proposedFix: {
          title: 'Fix the YAML',
          actions: [
            'Open sources/manifests/big.yaml; the rest of the repository was still analysed.',
          ],
        },
      },
    ]);
    expect(JSON.stringify(report)).not.toContain('s3cr3t');
  });
});
