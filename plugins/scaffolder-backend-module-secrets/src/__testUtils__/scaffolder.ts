/*
 * The real scaffolder in a test backend, for the template tests: the
 * template is registered as the catalog would have it, with one last step
 * that hands the workspace to the test before the scaffolder deletes it, and
 * stand-ins of the GitHub and GitLab modules' publish actions (which the demo
 * does not install) record what they would open. One GitLab integration
 * host, git.example.com, is configured.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { type FileTree, readFileTree } from '@ameideio/plugin-secrets-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { scaffolderModuleSecrets } from '../module';

/** The template of `file` as the catalog holds it, with `extraSteps` appended. */
export function templateEntity(
  file: string,
  extraSteps: unknown[] = [],
): Entity {
  const t = yaml.parse(readFileSync(file, 'utf8'));
  t.metadata.namespace = 'default';
  t.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${file}`,
  };
  t.spec.steps.push(...extraSteps);
  return t;
}

/** A scaffolder module that only adds `actions`. */
const actionsModule = (
  moduleId: string,
  actions: ReturnType<typeof createTemplateAction>[],
) =>
  createBackendModule({
    pluginId: 'scaffolder',
    moduleId,
    register: env =>
      env.registerInit({
        deps: { scaffolder: scaffolderActionsExtensionPoint },
        init: async ({ scaffolder }) => scaffolder.addActions(...actions),
      }),
  });

/** What a publish stand-in was asked to open. */
export interface Published {
  action: string;
  input: any;
}

/**
 * A test backend running the template of `file`; the captured workspace is
 * its `capturePath` directory. Call `start` in beforeAll and `stop` in
 * afterAll.
 */
export function testScaffolder(file: string, capturePath = '.') {
  const captured = new Map<string, FileTree>();
  const published = new Map<string, Published>();
  const publisher = (id: string, output: string) =>
    createTemplateAction({
      id,
      async handler(ctx) {
        published.set(ctx.task.id, { action: id, input: ctx.input });
        ctx.output(output, `https://scm.example/${id}`);
      },
    });
  const captureModule = actionsModule('test-capture', [
    createTemplateAction({
      id: 'test:capture-workspace',
      async handler(ctx) {
        captured.set(
          ctx.task.id,
          await readFileTree(join(ctx.workspacePath, capturePath)),
        );
      },
    }),
    publisher('publish:github:pull-request', 'remoteUrl'),
    publisher('publish:gitlab:merge-request', 'mergeRequestUrl'),
  ]);
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  const server = () => backend!.server;
  return {
    templateRef: `template:default/${templateEntity(file).metadata.name}`,
    server,
    async start() {
      backend = await startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleSecrets,
          captureModule,
          catalogServiceMock.factory({
            entities: [
              templateEntity(file, [
                { id: 'capture', action: 'test:capture-workspace' },
              ]),
            ],
          }),
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                gitlab: [
                  {
                    host: 'git.example.com',
                    apiBaseUrl: 'https://git.example.com/api/v4',
                    token: 'not-a-token',
                  },
                ],
              },
            },
          }),
        ],
      });
    },
    async stop() {
      await backend?.stop();
    },
    /** Creates a task with the form's values and waits for it to end. */
    async runTask(values: Record<string, unknown>) {
      const created = await request(server())
        .post('/api/scaffolder/v2/tasks')
        .send({ templateRef: this.templateRef, values });
      if (created.status !== 201)
        throw new Error(
          `task not created: ${created.status} ${JSON.stringify(created.body)}`,
        );
      const taskId: string = created.body.id;
      let task: any;
      for (let i = 0; i < 200; i++) {
        task = (
          await request(server()).get(`/api/scaffolder/v2/tasks/${taskId}`)
        ).body;
        if (task.status === 'completed' || task.status === 'failed') break;
        await new Promise(r => setTimeout(r, 250));
      }
      const events = (
        await request(server()).get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      ).body;
      const log: string = events.map((e: any) => e.body.message).join('\n');
      return {
        taskId,
        status: task.status as string,
        log,
        tree: captured.get(taskId)!,
        published: published.get(taskId),
        output: events.find((e: any) => e.type === 'completion')?.body?.output,
      };
    },
  };
}
